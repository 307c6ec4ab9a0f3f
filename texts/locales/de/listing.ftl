# Produktlisten: `/products`, Kategorien und Läden, mit ihren Filtern.
all-products-description = Produkte aus allen Läden auf Bazaar entdecken und suchen.
results-for = Ergebnisse für „{ $words }“
category-description = { $category } aus unabhängigen Läden auf Bazaar.
loading = Wird geladen…
filters = Filter
filters-active = { $count } aktiv
filter-products = Produkte filtern
filter = Filtern
words = Suchbegriffe
category = Kategorie
all-categories = Alle Kategorien
store = Laden
all-stores = Alle Läden
material = Material
any-material = Jedes Material
price-euros = Preis (€)
price-from = Von
price-to = Bis
in-stock-only = Nur vorrätige
sort-by = Sortieren nach
sort-relevance = Beste Treffer
sort-newest = Neueste
sort-price-asc = Preis aufsteigend
sort-price-desc = Preis absteigend
sort-best-selling = Bestseller
apply-filters = Filter anwenden
active-filters = Aktive Filter
chip-from = Ab { $price } €
chip-up-to = Bis { $price } €
chip-in-stock = Vorrätig
remove-filter = (diesen Filter entfernen)
clear-all = Alle entfernen
no-match = Keine Produkte passen zu Ihrer Suche.
no-match-hint = Versuchen Sie weniger oder andere Wörter, entfernen Sie einen Filter, oder
browse-everything = sehen Sie sich alles an
product-count = { $count ->
    [one] { $count } Produkt
   *[other] { $count } Produkte
}
pages = Seiten
previous-page = Vorherige Seite
next-page = Nächste Seite
page-of = Seite { $page } von { $pages }
price-from-prefix = ab
sold-out = Ausverkauft
