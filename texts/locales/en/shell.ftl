# The frame of every page: header, navigation, footer, language switcher.
brand = Bazaar
skip-to-content = Skip to content
loading-page = Loading the page
search-products = Search products
search = Search
categories = Categories
all-products = All products
your-account = Your account
cart = Cart
# After the number of items in the cart, which is shown apart.
items = { $count ->
    [one] item
   *[other] items
}
sign-in = Sign in
register = Register
account = Account
admin = Admin
sign-out = Sign out
your-store = Your store
# After the number of new orders, which is shown apart.
new-orders = { $count ->
    [one] new order
   *[other] new orders
}
footer = Footer
footer-tagline = Bazaar — independent stores, one checkout.
browse-products = Browse products
sell-on-bazaar = Sell on Bazaar
api = API
language = Language
choose-language = Choose a language
lang-name-en = English
lang-name-fr = Français
lang-name-de = Deutsch
