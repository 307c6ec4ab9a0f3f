# `/` : les nouveautés de toutes les boutiques.
home-description = Bazaar réunit des boutiques indépendantes : parcourez, cherchez et achetez chez de nombreux artisans en un seul paiement.
home-title = Des boutiques indépendantes, un seul paiement
home-lead = Tricots, céramiques, papeterie et plus encore, directement de celles et ceux qui les fabriquent.
browse-all-products = Voir tous les produits
new-in = Nouveautés
loading-products = Chargement des produits…
no-products-yet = Pas encore de produits. Revenez bientôt.
