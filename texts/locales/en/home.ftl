# `/`: what is new across all stores.
home-description = Bazaar brings independent stores together: browse, search and buy from many makers in one checkout.
home-title = Independent stores, one checkout
home-lead = Knitwear, ceramics, paper goods and more, straight from the people who make them.
browse-all-products = Browse all products
new-in = New in
loading-products = Loading products…
no-products-yet = No products yet. Check back soon.
