# A shopper's orders: the list, one order, its statuses.

your-orders = Your orders
back-to-account = Back to your account
loading-orders = Loading your orders…
no-orders-yet = You have not ordered anything yet.
column-order = Order
column-placed = Placed
column-items = Items
column-status = Status
# $items is how many items; $stores from how many stores.
items-from-stores = { $items } from { $stores ->
    [one] 1 store
   *[other] { $stores } stores
}
page-number = Page { $page }
all-your-orders = All your orders
placed-with-total = Placed { $date } · total { $total }
payment-page-unavailable = Your order is placed, but the payment page could not be opened just now. Try again below.
checking-payment = We are checking the payment of this order and will contact you by email.
status-pending-payment = Waiting for payment
status-paid = Paid
status-shipped = Shipped
status-delivered = Delivered
status-cancelled = Cancelled
status-refunded = Refunded
status-expired = Expired unpaid
status-unknown = Unknown

## A guest's order, opened by the link of its mails

guest-placed = Placed { $date } · total { $total } · confirmation to { $email }
link-sent = New link sent
link-sent-body = We mailed a new link to order { $number } to the address it was placed with. The earlier links no longer open it.
this-pages-link = This page's link
link-warning = Anyone with this link can see your order. Shared it by mistake? Get a new link by email: the links sent so far stop working.
send-new-link = Send me a new link
account-shows-all = An account with this email address shows all your orders in one place:
create-one = create one
link-expired = Link expired
link-expired-heading = This link has expired
link-expired-body = Links to an order work for 90 days. We can mail a new link to order { $number } to the address it was placed with.
mail-new-link = Mail me a new link
