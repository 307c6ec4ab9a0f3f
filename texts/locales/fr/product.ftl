# `/p/{slug}` : un produit, ses photos, options, prix, stock et ajout au panier.
loading-product = Chargement du produit…
breadcrumbs = Fil d’Ariane
home = Accueil
sold-by = Vendu par
was = au lieu de
choose-option = Choisissez une option
show-price-and-stock = Afficher le prix et le stock
sku = Réf. :
description = Description du produit
more-from-category = Dans la même catégorie
product-images = Photos du produit
show-image = Afficher la photo { $number } sur { $count }
show-image-named = Afficher la photo { $number } sur { $count } : { $alt }
only-left = { $count ->
    [one] Plus que { $count } en stock
   *[other] Plus que { $count } en stock
}
in-stock = En stock
view-your-cart = Voir votre panier
quantity = Quantité
add-to-cart = Ajouter au panier
option-sold-out = Cette option est épuisée.
please-wait = Veuillez patienter…
variant-standard = Modèle standard
