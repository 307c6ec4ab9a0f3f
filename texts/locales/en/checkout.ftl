# `/checkout`: the delivery and billing addresses and the order's summary;
# then the shopper's return from the payment page.
checkout = Checkout
loading-order = Loading your order…
confirm-email-first = Confirm your email address before checking out: we send your order confirmation there.
go-to-account = Go to your account
your-email = Your email
guest-checkout = Checking out as a guest. Have an account?
email = Email
email-hint = We send your order confirmation and a link to your order here.
shipping-address = Shipping address
cannot-buy-as-is = Some items cannot be bought as they are:
change-your-cart = Change your cart
address-default = (default)
a-new-address = A new address
keep-address = Keep this address in my address book
bill-elsewhere = Bill to another address
billing-address = Billing address
billing-name = Billing name
billing-line1 = Billing street and number
billing-line2 = Billing apartment, floor (optional)
billing-postal-code = Billing postal code
billing-city = Billing city
billing-country = Billing country
confirmation-goes-to = The confirmation goes to { $email }.
place-order-and-pay = Place order and pay
pay-on-next-page = You pay on the next page. Your items are held for 30 minutes.
your-order = Your order
from-store-named = From { $store }
confirming-payment = Confirming your payment…
thank-you-order = Thank you: order { $number }
order-number = Order { $number }
payment-received = Your payment of { $total } was received. A confirmation is on its way to { $email }.
payment-pending = We are still waiting for your bank to confirm the payment. This page changes by itself once it does.
shipping-to = Shipping to
total = Total:
follow-order = Follow this order
continue-shopping = Continue shopping
payment-not-completed = Payment not completed
no-longer-awaiting = Order { $number } is no longer waiting for payment.
see-the-order = See the order
kept-until = Order { $number } ({ $total }) is kept until { $date } and its items are held for you until then.
pay-now = Pay now
cancel-the-order = Cancel the order
cancelling-puts-back = Cancelling puts the items back in your cart.

# A delivery address's fields.
full-name = Full name
street = Street and number
apartment = Apartment, floor (optional)
postal-code = Postal code
city = City
country = Country
phone-for-carrier = Phone, for the carrier

# One store's part of an order.
receipt-number = Receipt { $number }
# Read after the receipt's link, for assistive technology.
receipt-from = from { $store }
shipped-with = Shipped with { $carrier }, tracking number
items-from = Items from { $store }
column-item = Item
column-sku = SKU
column-price = Price
column-quantity = Quantity
column-total = Total
part-subtotal = Subtotal
part-shipping = Shipping
part-vat = Of which VAT
part-refunded = Refunded
part-platform-fee = Platform fee
part-your-net = Your net

# A line of the payment page for a store's shipping.
payment-shipping-line = Shipping from { $store }: { $method }
