# A shopper's orders: the list, one order, its statuses.

your-orders = Vos commandes
back-to-account = Retour à votre compte
loading-orders = Chargement de vos commandes…
no-orders-yet = Vous n’avez encore rien commandé.
column-order = Commande
column-placed = Passée le
column-items = Articles
column-status = État
# $items is how many items; $stores from how many stores.
items-from-stores = { $items } chez { $stores ->
    [one] 1 boutique
   *[other] { $stores } boutiques
}
page-number = Page { $page }
all-your-orders = Toutes vos commandes
placed-with-total = Passée le { $date } · total { $total }
payment-page-unavailable = Votre commande est passée, mais la page de paiement n’a pas pu s’ouvrir pour l’instant. Réessayez ci-dessous.
checking-payment = Nous vérifions le paiement de cette commande et vous contacterons par e-mail.
status-pending-payment = En attente de paiement
status-paid = Payée
status-shipped = Expédiée
status-delivered = Livrée
status-cancelled = Annulée
status-refunded = Remboursée
status-expired = Expirée sans paiement
status-unknown = Inconnu

## A guest's order, opened by the link of its mails

guest-placed = Passée le { $date } · total { $total } · confirmation envoyée à { $email }
link-sent = Nouveau lien envoyé
link-sent-body = Nous avons envoyé un nouveau lien vers la commande { $number } à l’adresse avec laquelle elle a été passée. Les liens précédents ne l’ouvrent plus.
this-pages-link = Le lien de cette page
link-warning = Toute personne ayant ce lien peut voir votre commande. Vous l’avez partagé par erreur ? Recevez un nouveau lien par e-mail : les liens envoyés jusqu’ici cesseront de fonctionner.
send-new-link = M’envoyer un nouveau lien
account-shows-all = Un compte avec cette adresse e-mail réunit toutes vos commandes au même endroit :
create-one = créez-en un
link-expired = Lien expiré
link-expired-heading = Ce lien a expiré
link-expired-body = Les liens vers une commande fonctionnent 90 jours. Nous pouvons envoyer un nouveau lien vers la commande { $number } à l’adresse avec laquelle elle a été passée.
mail-new-link = M’envoyer un nouveau lien par e-mail
