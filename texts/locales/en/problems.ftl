# Refusals of the domain's rules, next to the field concerned or over the
# form. Values such as $max arrive as numbers, grouped the reader's way.

problem-too-long = Use at most { $max } characters.
problem-number-range = Enter a whole number from 0 to { $max }.
problem-whole-number = Enter a whole number.
problem-wait-seconds = Too many attempts. Please wait { $seconds ->
    [one] a second
   *[other] { $seconds } seconds
} and try again.
problem-wait-minutes = Too many attempts. Please wait { $minutes } minutes and try again.
problem-forbidden-character = The text contains a character that is not allowed.
part-database = the database
part-session-store = the session store
part-payments = payments
problem-confirm-suspend = Tick the box to confirm: the store's products leave the storefront.
problem-confirm-remove-role = Tick the box to confirm removing this role.
problem-confirm-deactivate = Tick the box to confirm: every session of this account ends.
problem-confirm-reset-two-step = Tick the box to confirm: the person is signed out everywhere.
problem-confirm-delete-category = Tick the box to confirm deleting the category.
problem-confirm-close-store = Tick the box to confirm: the store's products leave the storefront for good.
problem-confirm-refund = Tick the box to confirm: the customer is refunded and this cannot be undone.
problem-confirm-tick = Tick the box to confirm.
problem-upload-cut-off = The upload was cut off. Please try again.
problem-date = Enter a date like 2026-11-30.

## Accounts

problem-email-format = Enter an email address like name@example.com.
problem-email-required = Enter your email address.
problem-email-same = That is already your address.
problem-email-confirmed = This address is already confirmed.
problem-email-taken-meanwhile = Another account now uses that address, so it cannot be yours too.
problem-login-wrong = The email or password is not right.
problem-password-required = Enter your password.
problem-password-short = Use at least { $min } characters.
problem-password-is-email = Your password cannot be your email address.
problem-password-common = This password is one of the most common ones, which attackers try first. Choose another.
problem-password-current = That is not your current password.
problem-password-same = Choose a password different from the current one.
problem-reauth-expired = Five minutes have passed since your password. Please sign in again.
problem-account-deactivated = This account is deactivated. Contact the platform's support to reopen it.
problem-account-inactive = This account is no longer active.
problem-owner-cannot-delete = You own a store. Hand it over or ask the platform to close it before deleting your account.
problem-name-characters = Use letters, spaces and punctuation only.
problem-link-expired = This link has expired or was already used. Ask for a new one.
problem-code-format = Enter the 6-digit code from the email.
problem-code-wrong = That code is not right, or it has expired. Check the latest mail or ask for a new code.
problem-two-step-code = That code is not right. Type the six digits your app shows now, or a recovery code.
problem-two-step-setup-code = That code is not right. Type the six digits your app shows now.
problem-two-step-already-on = Two-step sign-in is already on.
problem-two-step-off = Two-step sign-in is off.
problem-two-step-own = Turn your own two-step sign-in off on your security page.
problem-two-step-none = This account has no two-step sign-in.
problem-passkey-needs-domain = Passkeys need the site to be reached by a domain name, not an IP address.
problem-passkey-unchecked = That passkey could not be checked. Try again, or use another way.
problem-passkey-timeout = The passkey request timed out. Please start again.
problem-passkey-name = Name the passkey (up to 60 characters), for example after the device that holds it.
problem-passkey-registered = This passkey is already registered.
problem-passkey-none = This account has no passkey.
problem-token-name = Name the token, such as the system that will use it.
problem-token-scope-unknown = There is no scope called "{ $scope }".
problem-token-scope-none = Choose at least one scope.
problem-token-admin-scope = Only platform admins can give a token the admin scope.
problem-token-needs-two-step = Turn on two-step sign-in on your security page before making a token with these scopes.
problem-token-needs-store = Writing the catalog or orders and reading statistics need a store of your own.
problem-token-expiry = Choose 30, 90 or 365 days, or no expiry.
problem-token-confirm-revoke = Tick the box to confirm revoking the token.

## Platform admin

problem-category-name = Enter the category's name.
problem-category-name-letter = Use at least one letter or digit in the name.
problem-category-address-taken = Another category already uses the address /c/{ $slug }. Choose another name.
problem-category-under-itself = A category cannot go under itself or one of its own sub-categories.
problem-category-not-empty = “{ $name }” still has { $has ->
    [children] sub-categories
   *[products] products
}; move or delete them first.
problem-category-reviewed = This category is already { $status ->
    [approved] approved
   *[rejected] rejected
}.
problem-category-parent-first = Approve the category it belongs under first.
problem-category-approved = Choose an approved category.
problem-category-from-list = Choose a category from the list.
problem-mail-not-failed = This message is not failed (any more): it was sent or is queued already.
problem-reason-required = Say why: the store's sellers will read it.
problem-store-not-active = Only active stores can be suspended; this one is { $status ->
    [pending] pending
    [suspended] suspended
   *[closed] closed
}.
problem-store-not-suspended = Only suspended stores can be reactivated; this one is { $status ->
    [pending] pending
    [active] active
   *[closed] closed
}.
problem-own-admin-role = You cannot remove your own admin role; ask another admin.
problem-own-deactivate = You cannot deactivate your own account.
problem-reactivate-first = Reactivate the account before sending it mail.
problem-last-admin = This is the platform's last active admin; make another admin first.
problem-vat-rate = Enter a percentage from 0 to 100, such as 20 or 5.5.

## Cart, checkout and orders

problem-quantity-range = Choose a quantity from 1 to { $max }.
problem-out-of-stock = Sorry, this is out of stock.
problem-only-left = Only { $stock } left.
problem-only-left-in-cart = Only { $stock } left, and { $in_cart ->
    [one] one is
   *[other] { $in_cart } are
} already in your cart.
problem-cart-empty = Your cart is empty.
problem-country-from-list = Choose the country from the list.
problem-confirm-email-checkout = Confirm your email address before checking out: we send your order there.
problem-shipping-now-shown = Shipping now shows for { $country }: check your order, then place it.
problem-no-delivery = None of the stores in your cart delivers to { $country }: choose another country.
problem-unpaid-orders = You have { $count } orders waiting for payment: pay or cancel one of them in your orders before placing another.
problem-unpaid-orders-guest = You have { $count } orders waiting for payment: pay one of them, or wait until they expire, before placing another.
problem-line-not-for-sale = { $title } is no longer for sale: remove it from your cart.
problem-line-quantity = Choose a quantity from 1 to { $max } of { $title }.
problem-line-sold-out = { $title } is sold out.
problem-line-only-left = Only { $left } of { $title } left: you asked for { $asked }.
problem-order-unpayable = This order can no longer be paid: place a new one from your cart.
problem-payment-processing = The payment of this order is being processed; check its status in a moment.
problem-order-paid-stays = This order was paid already, so it stays. A seller can cancel and refund it.
problem-order-not-awaiting = This order is no longer waiting for payment.
problem-guest-link-expired = This link has expired: open your order's page with it to have a new one mailed to you.
problem-address-book-full = Your address book holds at most { $max } addresses: remove one in your account first.
problem-address-name = Enter the recipient's name.
problem-address-line1 = Enter the street and number.
problem-address-city = Enter the city.
problem-postal-code = Enter a postal code of 2 to 10 letters, digits, spaces or dashes.
problem-phone = Enter a phone number of 6 to 15 digits, such as +33 1 23 45 67 89.
problem-signature = The payment event's signature could not be verified ({ $reason }).
problem-refund-refused = The payment provider refused the refund ({ $reason }), so nothing changed. Refund it from the provider's dashboard if it is due.

## Seller admin

problem-owner-only = Only the store's owner can do that.
problem-store-name = Enter your store's name.
problem-store-slug = Use 1 to 60 lower-case letters, digits and single hyphens, like my-shop.
problem-store-address-taken = Another store already uses this address. Choose another.
problem-confirm-email-store = Confirm your email address before opening a store.
problem-store-already = You already run a store.
problem-store-closed-already = This store is already closed.
problem-address-lines = Use at most 6 lines and 400 characters.
problem-vat-number = Enter the VAT number with its country code, such as FR12345678901, or leave it empty.
problem-logo = Choose an image for the logo.
problem-staff-email = Enter the email address of their Bazaar account.
problem-staff-unknown = No active Bazaar account uses this address; ask them to register first.
problem-staff-taken = This person already works for a store; a person works for one store only.
problem-new-category-letter = Use at least one letter or digit in the category's name.
problem-category-no-address = Could not find a free address for the new category; choose another name.
problem-category-or-propose = Choose a category, or propose a new one below.
problem-title-required = Enter the product's title.
problem-translation-title = Give a title in this language too, or leave its description empty.
problem-product-slug = Use lower-case letters, digits and single hyphens (at most 120), like blue-wool-scarf.
problem-product-address-taken = Another product already uses this address. Choose another.
problem-product-status = Choose draft, published or archived.
problem-tax-class = Choose the standard or the reduced rate.
problem-product-stale = Someone saved this product after you opened it. Reload the page to see their changes, then make yours again.
problem-products-none-ticked = Tick at least one product first.
problem-option-name-twice = Each option needs its own name.
problem-options-max = Use at most { $max } options.
problem-option-unnamed = Name this option above, or leave the value empty.
problem-option-value = Enter this variant's { $option }.
problem-variants-none = Add at least one variant with a SKU and a price.
problem-variants-max = Use at most { $max } variants.
problem-variants-same-options = Another variant has the same options: give each variant different option values.
problem-variant-ordered = The variant { $sku } has been ordered, so it stays: set its stock to 0 instead.
problem-price = Enter a price such as 12.50.
problem-compare-at-lower = The compare-at price is the old, higher price: make it more than the price, or leave it empty.
problem-compare-at-format = Enter a price such as 15.00, or leave it empty.
problem-attribute-colon = Write each attribute as name: value ("{ $line }" has no colon).
problem-attribute-parts = Each attribute needs a name (at most 40 characters) and a value (at most 200).
problem-attribute-twice = "{ $name }" appears twice.
problem-attributes-max = Use at most { $max } attributes.
problem-sku-required = Enter a SKU.
problem-sku-format = Use letters, digits, dots, hyphens and underscores (at most 64), starting with a letter or digit.
problem-sku-twice-product = Another variant of this product has this SKU.
problem-sku-taken = Another product in your store uses this SKU.
problem-skus-none = Send at least one SKU.
problem-skus-max = Send at most { $max } SKUs at once.
problem-sku-twice = { $sku } appears more than once.
problem-sku-unknown = Your store has no variant with SKU { $sku }.
problem-stock-range = { $sku } would have { $stock } in stock; it must be between 0 and { $max } (it has { $current }).
problem-stock-or-adjust = Send either stock or adjust.
problem-images-none = Choose at least one image to upload.
problem-images-max = A product can have at most { $max } images; it has { $count }.
problem-image-alt = Describe the image in at most 300 characters.
problem-image-change = Send either alt, or move as earlier or later.
problem-image-too-large = { $name } is larger than 10 MB.
problem-image-format = { $name } is not a JPEG, PNG or WebP image.
problem-image-unreadable = { $name } could not be read as an image.
problem-image-too-many-pixels = { $name } has more than 40 megapixels.
problem-image-unnamed = The file
problem-carrier-required = Enter the carrier.
problem-tracking-required = Enter the tracking number.
problem-order-transition = This order is { $status ->
    [pending_payment] waiting for payment
    [expired] expired
    [paid] paid
    [shipped] shipped
    [delivered] delivered
    [cancelled] cancelled
   *[refunded] refunded
}, so it cannot be marked { $action ->
    [shipped] shipped
    [delivered] delivered
    [cancelled] cancelled
   *[refunded] refunded
} now. Reload to see its current state.
problem-shipping-name = Enter a name.
problem-countries-none = Choose at least one country.
problem-countries-list = Choose the countries from the list.
problem-shipping-price = Enter a price such as 4.90, or 0 for free.
problem-free-over = Enter an amount such as 50, or leave it empty.
problem-days = Enter a number of days from 0 to 60.
problem-max-days = Enter at least the shortest delivery time.
problem-zones-max = A store has at most { $max } zones: add the countries to one of them.
problem-methods-max = A zone has at most { $max } methods: remove one first.
problem-url-format = Enter a full URL, such as https://example.com/hooks/bazaar.
problem-url-https = Use an https:// URL.
problem-url-credentials = Leave the user name and password out of the URL.
problem-url-private = Use an address on the public internet, not a private or local one.
problem-events-list = Pick events from the list.
problem-events-none = Pick at least one event.
problem-endpoints-max = A store has at most { $max } endpoints: remove one first.

## The integration API

api-invalid = Some fields are not valid.
api-unauthorized = Send a valid API token as `Authorization: Bearer …`.
api-missing-scope = This token lacks the `{ $scope }` scope.
api-stale = It changed since you read it: read it again, then send your change with the new ETag.
api-key-reused = This Idempotency-Key was used with another request; use a new key for a new request.
api-key-in-flight = A request with this Idempotency-Key is still running; send it again shortly for its answer.
api-rate-limited = This token may send { $limit } requests a minute.
