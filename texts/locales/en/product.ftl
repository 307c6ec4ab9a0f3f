# `/p/{slug}`: one product, its pictures, options, price, stock and cart form.
loading-product = Loading product…
breadcrumbs = Breadcrumbs
home = Home
sold-by = Sold by
was = was
choose-option = Choose an option
show-price-and-stock = Show price and stock
sku = SKU:
description = Description
more-from-category = More from this category
product-images = Product images
show-image = Show image { $number } of { $count }
show-image-named = Show image { $number } of { $count }: { $alt }
only-left = Only { $count } left
in-stock = In stock
view-your-cart = View your cart
quantity = Quantity
add-to-cart = Add to cart
option-sold-out = This option is sold out.
please-wait = Please wait…
# The one variant of a product without options.
variant-standard = Standard
