# The mail Bazaar sends: subjects, paragraphs and link labels. Links and
# codes are added apart.

mail-hello = Bonjour,
mail-hello-name = Bonjour { $name },
mail-reset-password = Réinitialiser mon mot de passe
mail-not-you-reset = Si ce n’était pas vous, réinitialisez votre mot de passe dès maintenant :
mail-sign-in = Se connecter

## Accounts

mail-verify-subject = Confirmez votre adresse e-mail
mail-verify-body = Merci de confirmer que cette adresse e-mail est bien la vôtre pour Bazaar.
mail-verify-link = Confirmer mon adresse e-mail
mail-verify-code = Ou saisissez ce code sur la page de confirmation :
mail-verify-expiry = Le lien et le code ne servent qu’une fois, pendant { $minutes } minutes. Si vous n’avez rien demandé, ignorez ce message.
mail-taken-subject = Quelqu’un a tenté de s’inscrire avec votre adresse e-mail
mail-taken-body = Quelqu’un a tenté de créer un compte Bazaar avec cette adresse e-mail, qui en a déjà un. Si c’était vous, connectez-vous plutôt ; si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau.
mail-taken-not-you = Si ce n’était pas vous, vous n’avez rien à faire : votre compte n’a pas changé.
mail-reset-subject = Réinitialisez votre mot de passe Bazaar
mail-reset-body = Quelqu’un a demandé à réinitialiser le mot de passe de votre compte Bazaar.
mail-reset-link = Choisir un nouveau mot de passe
mail-reset-expiry = Le lien ne sert qu’une fois, pendant { $minutes } minutes. Si vous ne l’avez pas demandé, ignorez ce message : votre mot de passe reste le même.
mail-slowed-subject = Quelqu’un essaie de se connecter à votre compte Bazaar
mail-slowed-body = Plusieurs connexions à votre compte Bazaar viennent d’échouer avec un mauvais mot de passe : les connexions depuis de nouveaux appareils doivent donc attendre un moment. Les navigateurs avec lesquels vous vous êtes déjà connecté ne sont pas concernés.
mail-slowed-advice = Si c’était vous, il n’y a rien à faire. Sinon, votre mot de passe a tenu ; par prudence, vous pouvez en choisir un nouveau :
mail-password-changed-subject = Votre mot de passe Bazaar a été modifié
mail-password-changed-body = Le mot de passe de votre compte Bazaar vient d’être modifié, et toutes les sessions ouvertes avec l’ancien ont été fermées.
mail-email-changing-subject = Votre adresse e-mail Bazaar va changer
mail-email-changing-body = Quelqu’un a demandé à remplacer l’adresse e-mail de votre compte Bazaar par { $email }. Le changement aura lieu dès que la nouvelle adresse sera confirmée.
mail-email-changing-advice = Si ce n’était pas vous, changez votre mot de passe sans attendre : la demande vient d’une session connectée.
mail-email-changed-subject = Votre adresse e-mail Bazaar a été modifiée
mail-email-changed-body = Votre compte Bazaar utilise désormais { $email }. Les messages sur votre compte et vos commandes y seront envoyés.
mail-deactivated-subject = Votre compte Bazaar a été désactivé
mail-deactivated-body = Votre compte Bazaar a été désactivé et toutes ses sessions ont été fermées. Écrivez au support de la plateforme si vous souhaitez le récupérer.
mail-staff-subject = Vous travaillez désormais pour { $store } sur Bazaar
mail-staff-body = Le propriétaire de { $store } vous a ajouté à l’équipe de la boutique : vous pouvez gérer ses produits et ses commandes depuis l’espace vendeur.
mail-staff-link = Ouvrir l’espace vendeur
mail-staff-unexpected = Si vous ne vous y attendiez pas, demandez au propriétaire de la boutique de vous retirer.
mail-admin-alert-subject = Accès à l’administration refusé à plusieurs reprises
mail-admin-alert-body = L’accès à l’administration a été refusé à { $who } { $count ->
    [one] une fois
   *[other] { $count } fois
} en une heure. Le journal d’audit contient chaque tentative.
mail-token-subject = Un nouveau jeton d’API pour votre compte Bazaar
mail-token-body = Un jeton d’API nommé « { $name } » vient d’être créé pour votre compte Bazaar. Les programmes qui le détiennent peuvent agir en votre nom dans les limites de ses droits.
mail-token-advice = Si ce n’était pas vous, révoquez-le et changez votre mot de passe :
mail-token-link = Vos jetons d’API
mail-two-step-on-subject = La connexion en deux étapes est activée
mail-two-step-on-body = La connexion en deux étapes vient d’être activée pour votre compte Bazaar : la connexion demande désormais aussi un code de votre application d’authentification.
mail-two-step-off-subject = La connexion en deux étapes est désactivée
mail-two-step-off-body = La connexion en deux étapes vient d’être désactivée pour votre compte Bazaar : le mot de passe seul suffit désormais pour se connecter.
mail-passkey-added-subject = Une clé d’accès a été ajoutée
mail-passkey-added-body = La clé d’accès « { $name } » vient d’être ajoutée à votre compte Bazaar : elle permet désormais de vous connecter.
mail-passkey-removed-subject = Une clé d’accès a été supprimée
mail-passkey-removed-body = La clé d’accès « { $name } » vient d’être supprimée de votre compte Bazaar et ne permet plus de vous connecter.
mail-two-step-reset-subject = La connexion en deux étapes a été réinitialisée
mail-two-step-reset-body = Un administrateur de Bazaar a désactivé la connexion en deux étapes de votre compte, comme on le fait pour quelqu’un qui a perdu son application d’authentification et ses codes de secours. Vous avez été déconnecté partout ; votre mot de passe seul suffit désormais. Réactivez la connexion en deux étapes sur votre page de sécurité.
mail-two-step-reset-link = Ouvrir ma page de sécurité
mail-two-step-reset-advice = Si vous ne l’avez pas demandé, réinitialisez votre mot de passe dès maintenant :
mail-recovery-used-subject = Un code de secours a été utilisé
mail-recovery-used-body = Quelqu’un vient de se connecter à votre compte Bazaar avec l’un de ses codes de secours ; { $left ->
    [one] il reste un code inutilisé
   *[other] il reste { $left } codes inutilisés
}. Si vous avez perdu votre application d’authentification, configurez-la de nouveau et créez de nouveaux codes.

## Orders

# $item is the product's title, with its options in brackets when it has any.
mail-order-line = { $quantity } × { $item }, { $unit } l’unité : { $total }
# $delivery is how long delivery takes, such as "2–4 days".
mail-order-shipping = Livraison : { $method }, { $delivery } : { $price }
mail-order-shipping-no-estimate = Livraison : { $method } : { $price }
mail-order-vat = Les prix comprennent { $vat } de TVA.
mail-order-ship-to = Livraison à : { $address } (téléphone { $phone })
mail-order-subject = Votre commande { $number }
mail-order-paid = Merci : nous avons reçu votre paiement de { $total } pour la commande { $number }. Chaque boutique expédie sa part et nous vous écrivons dès qu’elle est en route.
mail-order-from = De { $store } ({ $total }) :
mail-order-receipt = Reçu de { $store }
mail-order-see = Voir votre commande
mail-store-order-subject = Nouvelle commande { $number } pour { $store }
mail-store-order-body = La commande { $number } a été payée : { $total } pour { $store }. Merci de l’expédier rapidement.
mail-store-order-open = Ouvrir la commande
mail-order-shipped-subject = Votre commande { $number } est en route
mail-order-shipped-body = { $store } a expédié vos articles avec { $carrier }, numéro de suivi { $tracking }.
mail-order-carrier-unknown = un transporteur
mail-order-tracking-unknown = non communiqué
mail-order-delivered-subject = Votre commande { $number } a été livrée
mail-order-delivered-body = { $store } a indiqué que vos articles ont été livrés.
mail-order-cancelled-subject = Votre commande { $number } a été annulée
mail-order-cancelled-body = { $store } a annulé sa part de votre commande et vous a remboursé { $refunded } sur votre carte.
mail-order-refunded-subject = Votre commande { $number } a été remboursée
mail-order-refunded-body = { $store } vous a remboursé { $refunded } sur votre carte.
mail-guest-link-subject = Un nouveau lien vers votre commande { $number }
mail-guest-link-body = Voici un nouveau lien vers votre commande { $number }. Les liens envoyés auparavant ne l’ouvrent plus. Celui-ci est valable { $days } jours.
