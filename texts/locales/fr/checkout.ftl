# `/checkout` : les adresses de livraison et de facturation et le récapitulatif
# de la commande ; puis le retour de l’acheteur depuis la page de paiement.
checkout = Commande
loading-order = Chargement de votre commande…
confirm-email-first = Confirmez votre adresse e-mail avant de commander : nous y envoyons la confirmation de votre commande.
go-to-account = Aller à votre compte
your-email = Votre e-mail
guest-checkout = Vous commandez en tant qu’invité. Vous avez un compte ?
email = Adresse e-mail
email-hint = Nous y envoyons la confirmation de votre commande et un lien vers celle-ci.
shipping-address = Adresse de livraison
cannot-buy-as-is = Certains articles ne peuvent pas être achetés en l’état :
change-your-cart = Modifier votre panier
address-default = (par défaut)
a-new-address = Une nouvelle adresse
keep-address = Garder cette adresse dans mon carnet d’adresses
bill-elsewhere = Facturer à une autre adresse
billing-address = Adresse de facturation
billing-name = Nom de facturation
billing-line1 = Rue et numéro de facturation
billing-line2 = Appartement, étage de facturation (facultatif)
billing-postal-code = Code postal de facturation
billing-city = Ville de facturation
billing-country = Pays de facturation
confirmation-goes-to = La confirmation sera envoyée à { $email }.
place-order-and-pay = Commander et payer
pay-on-next-page = Vous payez à la page suivante. Vos articles sont réservés pendant 30 minutes.
your-order = Votre commande
from-store-named = Chez { $store }
confirming-payment = Confirmation de votre paiement…
thank-you-order = Merci : commande { $number }
order-number = Commande { $number }
payment-received = Votre paiement de { $total } a bien été reçu. Une confirmation part vers { $email }.
payment-pending = Nous attendons encore la confirmation du paiement par votre banque. Cette page se met à jour d’elle-même dès qu’elle arrive.
shipping-to = Livraison à
total = Total :
follow-order = Suivre cette commande
continue-shopping = Continuer vos achats
payment-not-completed = Paiement non abouti
no-longer-awaiting = La commande { $number } n’attend plus de paiement.
see-the-order = Voir la commande
kept-until = La commande { $number } ({ $total }) est conservée jusqu’au { $date } et ses articles vous sont réservés jusque-là.
pay-now = Payer maintenant
cancel-the-order = Annuler la commande
cancelling-puts-back = L’annulation remet les articles dans votre panier.

# Les champs d’une adresse de livraison.
full-name = Nom complet
street = Rue et numéro
apartment = Appartement, étage (facultatif)
postal-code = Code postal
city = Ville
country = Pays
phone-for-carrier = Téléphone, pour le transporteur

# La part d’une boutique dans une commande.
receipt-number = Reçu { $number }
receipt-from = de { $store }
shipped-with = Expédié par { $carrier }, numéro de suivi
items-from = Articles de { $store }
column-item = Article
column-sku = Référence
column-price = Prix
column-quantity = Quantité
column-total = Montant
part-subtotal = Sous-total
part-shipping = Livraison
part-vat = Dont TVA
part-refunded = Remboursé
part-platform-fee = Commission de la plateforme
part-your-net = Votre net

# A line of the payment page for a store's shipping.
payment-shipping-line = Livraison par { $store } : { $method }
