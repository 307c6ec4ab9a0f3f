# Refusals of the domain's rules, next to the field concerned or over the
# form. Values such as $max arrive as numbers, grouped the reader's way.

problem-too-long = { $max } caractères au plus.
problem-number-range = Saisissez un nombre entier de 0 à { $max }.
problem-whole-number = Saisissez un nombre entier.
problem-wait-seconds = Trop de tentatives. Patientez { $seconds ->
    [one] une seconde
   *[other] { $seconds } secondes
} puis réessayez.
problem-wait-minutes = Trop de tentatives. Patientez { $minutes } minutes puis réessayez.
problem-forbidden-character = Le texte contient un caractère non autorisé.
part-database = la base de données
part-session-store = le stockage des sessions
part-payments = les paiements
problem-confirm-suspend = Cochez la case pour confirmer : les produits de la boutique quittent la vitrine.
problem-confirm-remove-role = Cochez la case pour confirmer le retrait de ce rôle.
problem-confirm-deactivate = Cochez la case pour confirmer : toutes les sessions de ce compte prennent fin.
problem-confirm-reset-two-step = Cochez la case pour confirmer : la personne est déconnectée partout.
problem-confirm-delete-category = Cochez la case pour confirmer la suppression de la catégorie.
problem-confirm-close-store = Cochez la case pour confirmer : les produits de la boutique quittent la vitrine pour de bon.
problem-confirm-refund = Cochez la case pour confirmer : le client est remboursé, ce qui ne peut pas être annulé.
problem-confirm-tick = Cochez la case pour confirmer.
problem-upload-cut-off = L’envoi a été interrompu. Veuillez réessayer.
problem-date = Saisissez une date comme 2026-11-30.

## Accounts

problem-email-format = Saisissez une adresse e-mail comme nom@exemple.fr.
problem-email-required = Saisissez votre adresse e-mail.
problem-email-same = C’est déjà votre adresse.
problem-email-confirmed = Cette adresse est déjà confirmée.
problem-email-taken-meanwhile = Un autre compte utilise désormais cette adresse : elle ne peut pas être aussi la vôtre.
problem-login-wrong = L’adresse e-mail ou le mot de passe est incorrect.
problem-password-required = Saisissez votre mot de passe.
problem-password-short = { $min } caractères au moins.
problem-password-is-email = Votre mot de passe ne peut pas être votre adresse e-mail.
problem-password-common = Ce mot de passe fait partie des plus courants, que les attaquants essaient en premier. Choisissez-en un autre.
problem-password-current = Ce n’est pas votre mot de passe actuel.
problem-password-same = Choisissez un mot de passe différent de l’actuel.
problem-reauth-expired = Cinq minutes se sont écoulées depuis votre mot de passe. Veuillez vous reconnecter.
problem-account-deactivated = Ce compte est désactivé. Contactez l’assistance de la plateforme pour le rouvrir.
problem-account-inactive = Ce compte n’est plus actif.
problem-owner-cannot-delete = Vous possédez une boutique. Cédez-la ou demandez à la plateforme de la fermer avant de supprimer votre compte.
problem-name-characters = Utilisez uniquement des lettres, des espaces et de la ponctuation.
problem-link-expired = Ce lien a expiré ou a déjà servi. Demandez-en un nouveau.
problem-code-format = Saisissez le code à 6 chiffres reçu par e-mail.
problem-code-wrong = Ce code est incorrect ou a expiré. Consultez le dernier e-mail ou demandez un nouveau code.
problem-two-step-code = Ce code est incorrect. Tapez les six chiffres qu’affiche votre application maintenant, ou un code de secours.
problem-two-step-setup-code = Ce code est incorrect. Tapez les six chiffres qu’affiche votre application maintenant.
problem-two-step-already-on = La connexion en deux étapes est déjà activée.
problem-two-step-off = La connexion en deux étapes est désactivée.
problem-two-step-own = Désactivez votre propre connexion en deux étapes sur votre page de sécurité.
problem-two-step-none = Ce compte n’a pas de connexion en deux étapes.
problem-passkey-needs-domain = Les clés d’accès demandent que le site soit joint par un nom de domaine, pas par une adresse IP.
problem-passkey-unchecked = Cette clé d’accès n’a pas pu être vérifiée. Réessayez ou utilisez un autre moyen.
problem-passkey-timeout = La demande de clé d’accès a expiré. Recommencez.
problem-passkey-name = Nommez la clé d’accès (60 caractères au plus), par exemple d’après l’appareil qui la garde.
problem-passkey-registered = Cette clé d’accès est déjà enregistrée.
problem-passkey-none = Ce compte n’a pas de clé d’accès.
problem-token-name = Nommez le jeton, par exemple d’après le système qui l’utilisera.
problem-token-scope-unknown = Il n’existe pas de portée « { $scope } ».
problem-token-scope-none = Choisissez au moins une portée.
problem-token-admin-scope = Seuls les administrateurs de la plateforme peuvent donner la portée admin à un jeton.
problem-token-needs-two-step = Activez la connexion en deux étapes sur votre page de sécurité avant de créer un jeton avec ces portées.
problem-token-needs-store = Écrire le catalogue ou les commandes et lire les statistiques demandent une boutique à vous.
problem-token-expiry = Choisissez 30, 90 ou 365 jours, ou aucune expiration.
problem-token-confirm-revoke = Cochez la case pour confirmer la révocation du jeton.

## Platform admin

problem-category-name = Saisissez le nom de la catégorie.
problem-category-name-letter = Mettez au moins une lettre ou un chiffre dans le nom.
problem-category-address-taken = Une autre catégorie utilise déjà l’adresse /c/{ $slug }. Choisissez un autre nom.
problem-category-under-itself = Une catégorie ne peut se ranger ni sous elle-même ni sous l’une de ses sous-catégories.
problem-category-not-empty = « { $name } » contient encore des { $has ->
    [children] sous-catégories
   *[products] produits
} : déplacez-les ou supprimez-les d’abord.
problem-category-reviewed = Cette catégorie est déjà { $status ->
    [approved] approuvée
   *[rejected] refusée
}.
problem-category-parent-first = Approuvez d’abord la catégorie dont elle dépend.
problem-category-approved = Choisissez une catégorie approuvée.
problem-category-from-list = Choisissez une catégorie dans la liste.
problem-mail-not-failed = Ce message n’est pas (ou plus) en échec : il a été envoyé ou attend déjà son envoi.
problem-reason-required = Dites pourquoi : les vendeurs de la boutique le liront.
problem-store-not-active = Seules les boutiques actives peuvent être suspendues ; celle-ci est { $status ->
    [pending] en attente
    [suspended] suspendue
   *[closed] fermée
}.
problem-store-not-suspended = Seules les boutiques suspendues peuvent être réactivées ; celle-ci est { $status ->
    [pending] en attente
    [active] active
   *[closed] fermée
}.
problem-own-admin-role = Vous ne pouvez pas retirer votre propre rôle d’administrateur ; demandez à un autre administrateur.
problem-own-deactivate = Vous ne pouvez pas désactiver votre propre compte.
problem-reactivate-first = Réactivez le compte avant de lui envoyer un e-mail.
problem-last-admin = C’est le dernier administrateur actif de la plateforme ; nommez-en un autre d’abord.
problem-vat-rate = Saisissez un pourcentage de 0 à 100, comme 20 ou 5.5.

## Cart, checkout and orders

problem-quantity-range = Choisissez une quantité de 1 à { $max }.
problem-out-of-stock = Désolé, cet article est épuisé.
problem-only-left = Plus que { $stock } en stock.
problem-only-left-in-cart = Plus que { $stock } en stock, et { $in_cart ->
    [one] un est déjà
   *[other] { $in_cart } sont déjà
} dans votre panier.
problem-cart-empty = Votre panier est vide.
problem-country-from-list = Choisissez le pays dans la liste.
problem-confirm-email-checkout = Confirmez votre adresse e-mail avant de commander : c’est là que nous envoyons votre commande.
problem-shipping-now-shown = La livraison vers { $country } est maintenant affichée : vérifiez votre commande, puis passez-la.
problem-no-delivery = Aucune boutique de votre panier ne livre vers { $country } : choisissez un autre pays.
problem-unpaid-orders = Vous avez { $count } commandes en attente de paiement : payez ou annulez l’une d’elles dans vos commandes avant d’en passer une autre.
problem-unpaid-orders-guest = Vous avez { $count } commandes en attente de paiement : payez l’une d’elles, ou attendez qu’elles expirent, avant d’en passer une autre.
problem-line-not-for-sale = { $title } n’est plus en vente : retirez-le de votre panier.
problem-line-quantity = Choisissez une quantité de 1 à { $max } pour { $title }.
problem-line-sold-out = { $title } est épuisé.
problem-line-only-left = Plus que { $left } de { $title } en stock : vous en avez demandé { $asked }.
problem-order-unpayable = Cette commande ne peut plus être payée : passez-en une nouvelle depuis votre panier.
problem-payment-processing = Le paiement de cette commande est en cours de traitement ; consultez son état dans un instant.
problem-order-paid-stays = Cette commande est déjà payée, elle est donc maintenue. Un vendeur peut l’annuler et la rembourser.
problem-order-not-awaiting = Cette commande n’attend plus de paiement.
problem-guest-link-expired = Ce lien a expiré : ouvrez la page de votre commande avec lui pour en recevoir un nouveau par e-mail.
problem-address-book-full = Votre carnet d’adresses contient au plus { $max } adresses : supprimez-en une dans votre compte d’abord.
problem-address-name = Saisissez le nom du destinataire.
problem-address-line1 = Saisissez le numéro et la rue.
problem-address-city = Saisissez la ville.
problem-postal-code = Saisissez un code postal de 2 à 10 lettres, chiffres, espaces ou tirets.
problem-phone = Saisissez un numéro de téléphone de 6 à 15 chiffres, comme +33 1 23 45 67 89.
problem-signature = La signature de l’événement de paiement n’a pas pu être vérifiée ({ $reason }).
problem-refund-refused = Le prestataire de paiement a refusé le remboursement ({ $reason }) : rien n’a changé. Remboursez depuis le tableau de bord du prestataire s’il est dû.

## Seller admin

problem-owner-only = Seul le propriétaire de la boutique peut faire cela.
problem-store-name = Saisissez le nom de votre boutique.
problem-store-slug = Utilisez de 1 à 60 lettres minuscules, chiffres et tirets simples, comme ma-boutique.
problem-store-address-taken = Une autre boutique utilise déjà cette adresse. Choisissez-en une autre.
problem-confirm-email-store = Confirmez votre adresse e-mail avant d’ouvrir une boutique.
problem-store-already = Vous tenez déjà une boutique.
problem-store-closed-already = Cette boutique est déjà fermée.
problem-address-lines = 6 lignes et 400 caractères au plus.
problem-vat-number = Saisissez le numéro de TVA avec son code pays, comme FR12345678901, ou laissez le champ vide.
problem-logo = Choisissez une image pour le logo.
problem-staff-email = Saisissez l’adresse e-mail de son compte Bazaar.
problem-staff-unknown = Aucun compte Bazaar actif n’utilise cette adresse ; demandez-lui de s’inscrire d’abord.
problem-staff-taken = Cette personne travaille déjà pour une boutique ; on ne travaille que pour une seule boutique.
problem-new-category-letter = Mettez au moins une lettre ou un chiffre dans le nom de la catégorie.
problem-category-no-address = Impossible de trouver une adresse libre pour la nouvelle catégorie ; choisissez un autre nom.
problem-category-or-propose = Choisissez une catégorie, ou proposez-en une nouvelle ci-dessous.
problem-title-required = Saisissez le titre du produit.
problem-translation-title = Donnez aussi un titre dans cette langue, ou laissez sa description vide.
problem-product-slug = Utilisez des lettres minuscules, des chiffres et des tirets simples (120 au plus), comme echarpe-laine-bleue.
problem-product-address-taken = Un autre produit utilise déjà cette adresse. Choisissez-en une autre.
problem-product-status = Choisissez brouillon, publié ou archivé.
problem-tax-class = Choisissez le taux normal ou le taux réduit.
problem-product-stale = Quelqu’un a enregistré ce produit après que vous l’avez ouvert. Rechargez la page pour voir ses modifications, puis refaites les vôtres.
problem-products-none-ticked = Cochez d’abord au moins un produit.
problem-option-name-twice = Chaque option a besoin de son propre nom.
problem-options-max = { $max } options au plus.
problem-option-unnamed = Nommez cette option ci-dessus, ou laissez la valeur vide.
problem-option-value = Saisissez la valeur « { $option } » de cette variante.
problem-variants-none = Ajoutez au moins une variante avec une référence et un prix.
problem-variants-max = { $max } variantes au plus.
problem-variants-same-options = Une autre variante a les mêmes options : donnez à chaque variante des valeurs différentes.
problem-variant-ordered = La variante { $sku } a été commandée, elle reste donc : mettez son stock à 0 à la place.
problem-price = Saisissez un prix comme 12.50.
problem-compare-at-lower = Le prix barré est l’ancien prix, plus élevé : mettez-le au-dessus du prix, ou laissez-le vide.
problem-compare-at-format = Saisissez un prix comme 15.00, ou laissez le champ vide.
problem-attribute-colon = Écrivez chaque caractéristique sous la forme nom: valeur (« { $line } » n’a pas de deux-points).
problem-attribute-parts = Chaque caractéristique a besoin d’un nom (40 caractères au plus) et d’une valeur (200 au plus).
problem-attribute-twice = « { $name } » apparaît deux fois.
problem-attributes-max = { $max } caractéristiques au plus.
problem-sku-required = Saisissez une référence (SKU).
problem-sku-format = Utilisez des lettres, chiffres, points, tirets et tirets bas (64 au plus), en commençant par une lettre ou un chiffre.
problem-sku-twice-product = Une autre variante de ce produit a cette référence.
problem-sku-taken = Un autre produit de votre boutique utilise cette référence.
problem-skus-none = Envoyez au moins une référence.
problem-skus-max = Envoyez { $max } références au plus à la fois.
problem-sku-twice = { $sku } apparaît plus d’une fois.
problem-sku-unknown = Votre boutique n’a aucune variante de référence { $sku }.
problem-stock-range = { $sku } aurait un stock de { $stock } ; il doit être entre 0 et { $max } (il est de { $current }).
problem-stock-or-adjust = Envoyez soit stock, soit adjust.
problem-images-none = Choisissez au moins une image à envoyer.
problem-images-max = Un produit a au plus { $max } images ; celui-ci en a { $count }.
problem-image-alt = Décrivez l’image en 300 caractères au plus.
problem-image-change = Envoyez soit alt, soit move avec earlier ou later.
problem-image-too-large = { $name } dépasse 10 Mo.
problem-image-format = { $name } n’est pas une image JPEG, PNG ou WebP.
problem-image-unreadable = { $name } n’a pas pu être lu comme une image.
problem-image-too-many-pixels = { $name } dépasse 40 mégapixels.
problem-image-unnamed = Le fichier
problem-carrier-required = Saisissez le transporteur.
problem-tracking-required = Saisissez le numéro de suivi.
problem-order-transition = Cette commande est { $status ->
    [pending_payment] en attente de paiement
    [expired] expirée
    [paid] payée
    [shipped] expédiée
    [delivered] livrée
    [cancelled] annulée
   *[refunded] remboursée
} : elle ne peut pas être marquée { $action ->
    [shipped] expédiée
    [delivered] livrée
    [cancelled] annulée
   *[refunded] remboursée
} maintenant. Rechargez pour voir son état actuel.
problem-shipping-name = Saisissez un nom.
problem-countries-none = Choisissez au moins un pays.
problem-countries-list = Choisissez les pays dans la liste.
problem-shipping-price = Saisissez un prix comme 4.90, ou 0 pour la gratuité.
problem-free-over = Saisissez un montant comme 50, ou laissez le champ vide.
problem-days = Saisissez un nombre de jours de 0 à 60.
problem-max-days = Saisissez au moins le délai de livraison le plus court.
problem-zones-max = Une boutique a au plus { $max } zones : ajoutez les pays à l’une d’elles.
problem-methods-max = Une zone a au plus { $max } modes de livraison : supprimez-en un d’abord.
problem-url-format = Saisissez une URL complète, comme https://example.com/hooks/bazaar.
problem-url-https = Utilisez une URL en https://.
problem-url-credentials = Retirez le nom d’utilisateur et le mot de passe de l’URL.
problem-url-private = Utilisez une adresse de l’internet public, pas une adresse privée ou locale.
problem-events-list = Choisissez les événements dans la liste.
problem-events-none = Choisissez au moins un événement.
problem-endpoints-max = Une boutique a au plus { $max } points de terminaison : supprimez-en un d’abord.

## The integration API

api-invalid = Certains champs ne sont pas valides.
api-unauthorized = Envoyez un jeton d’API valide dans `Authorization: Bearer …`.
api-missing-scope = Ce jeton n’a pas la portée `{ $scope }`.
api-stale = La ressource a changé depuis votre lecture : relisez-la, puis envoyez votre modification avec le nouvel ETag.
api-key-reused = Cette Idempotency-Key a servi pour une autre requête ; utilisez une nouvelle clé pour une nouvelle requête.
api-key-in-flight = Une requête avec cette Idempotency-Key est encore en cours ; renvoyez-la dans un instant pour obtenir sa réponse.
api-rate-limited = Ce jeton peut envoyer { $limit } requêtes par minute.
