# Le cadre de chaque page : en-tête, navigation, pied de page, choix de la langue.
brand = Bazaar
skip-to-content = Aller au contenu
loading-page = Chargement de la page
search-products = Rechercher des produits
search = Rechercher
categories = Catégories
all-products = Tous les produits
your-account = Votre compte
cart = Panier
items = { $count ->
    [one] article
   *[other] articles
}
sign-in = Se connecter
register = Créer un compte
account = Compte
admin = Administration
sign-out = Se déconnecter
your-store = Votre boutique
new-orders = { $count ->
    [one] nouvelle commande
   *[other] nouvelles commandes
}
footer = Pied de page
footer-tagline = Bazaar — des boutiques indépendantes, un seul paiement.
browse-products = Parcourir les produits
sell-on-bazaar = Vendre sur Bazaar
api = API (en anglais)
language = Langue
choose-language = Choisir la langue
lang-name-en = English
lang-name-fr = Français
lang-name-de = Deutsch
