# Listes de produits : `/products`, catégories et boutiques, avec leurs filtres.
all-products-description = Parcourez et cherchez les produits de toutes les boutiques de Bazaar.
results-for = Résultats pour « { $words } »
category-description = { $category } de boutiques indépendantes sur Bazaar.
loading = Chargement…
filters = Filtres
filters-active = { $count ->
    [one] { $count } actif
   *[other] { $count } actifs
}
filter-products = Filtrer les produits
filter = Filtrer
words = Mots
category = Catégorie
all-categories = Toutes les catégories
store = Boutique
all-stores = Toutes les boutiques
material = Matière
any-material = Toutes les matières
price-euros = Prix (€)
price-from = De
price-to = À
in-stock-only = En stock uniquement
sort-by = Trier par
sort-relevance = Pertinence
sort-newest = Nouveautés
sort-price-asc = Prix croissant
sort-price-desc = Prix décroissant
sort-best-selling = Meilleures ventes
apply-filters = Appliquer les filtres
active-filters = Filtres actifs
chip-from = À partir de { $price } €
chip-up-to = Jusqu’à { $price } €
chip-in-stock = En stock
remove-filter = (retirer ce filtre)
clear-all = Tout effacer
no-match = Aucun produit ne correspond à votre recherche.
no-match-hint = Essayez moins de mots ou d’autres mots, retirez un filtre, ou
browse-everything = parcourez tout le catalogue
product-count = { $count ->
    [one] { $count } produit
   *[other] { $count } produits
}
pages = Pages de résultats
previous-page = Page précédente
next-page = Page suivante
page-of = Page { $page } sur { $pages }
price-from-prefix = à partir de
sold-out = Épuisé
