# Product listings: `/products`, categories and stores, with their filters.
all-products-description = Browse and search products from every store on Bazaar.
results-for = Results for “{ $words }”
category-description = { $category } from independent stores on Bazaar.
loading = Loading…
filters = Filters
filters-active = { $count } active
filter-products = Filter products
filter = Filter
words = Words
category = Category
all-categories = All categories
store = Store
all-stores = All stores
material = Material
any-material = Any material
price-euros = Price (€)
price-from = From
price-to = To
in-stock-only = In stock only
sort-by = Sort by
sort-relevance = Best match
sort-newest = Newest
sort-price-asc = Price: low to high
sort-price-desc = Price: high to low
sort-best-selling = Best selling
apply-filters = Apply filters
active-filters = Active filters
chip-from = From €{ $price }
chip-up-to = Up to €{ $price }
chip-in-stock = In stock
remove-filter = (remove this filter)
clear-all = Clear all
no-match = No products match your search.
no-match-hint = Try fewer or different words, remove a filter, or
browse-everything = browse everything
product-count = { $count ->
    [one] { $count } product
   *[other] { $count } products
}
pages = Pages
previous-page = Previous page
next-page = Next page
page-of = Page { $page } of { $pages }
price-from-prefix = from
sold-out = Sold out
