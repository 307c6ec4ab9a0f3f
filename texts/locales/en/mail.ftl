# The mail Bazaar sends: subjects, paragraphs and link labels. Links and
# codes are added apart.

mail-hello = Hello,
mail-hello-name = Hello { $name },
mail-reset-password = Reset my password
mail-not-you-reset = If this was not you, reset your password now:
mail-sign-in = Sign in

## Accounts

mail-verify-subject = Confirm your email address
mail-verify-body = Please confirm that this is your email address for Bazaar.
mail-verify-link = Confirm my email address
mail-verify-code = Or enter this code on the confirmation page:
mail-verify-expiry = The link and the code work once and for { $minutes } minutes. If you did not ask for this, you can ignore this message.
mail-taken-subject = Someone tried to register with your email
mail-taken-body = Someone tried to create a Bazaar account with this email address, which already has one. If it was you, sign in instead; if you have forgotten your password, you can choose a new one.
mail-taken-not-you = If it was not you, you need not do anything: your account is unchanged.
mail-reset-subject = Reset your Bazaar password
mail-reset-body = Someone asked to reset the password of your Bazaar account.
mail-reset-link = Choose a new password
mail-reset-expiry = The link works once and for { $minutes } minutes. If you did not ask for it, ignore this message: your password stays as it is.
mail-slowed-subject = Someone is trying to sign in to your Bazaar account
mail-slowed-body = Several sign-ins to your Bazaar account just failed with a wrong password, so sign-ins from new devices now have to wait a while. Browsers you signed in with before are not affected.
mail-slowed-advice = If this was you, there is nothing to do. If it was not, your password held; to be safe you can choose a new one:
mail-password-changed-subject = Your Bazaar password was changed
mail-password-changed-body = The password of your Bazaar account was just changed, and every session signed in with the old one has ended.
mail-email-changing-subject = Your Bazaar email address is changing
mail-email-changing-body = Someone asked to change the email address of your Bazaar account to { $email }. The change happens once the new address is confirmed.
mail-email-changing-advice = If this was not you, change your password at once: the request was made from a signed-in session.
mail-email-changed-subject = Your Bazaar email address was changed
mail-email-changed-body = Your Bazaar account now uses { $email }. Mail about your account and orders goes there from now on.
mail-deactivated-subject = Your Bazaar account was deactivated
mail-deactivated-body = Your Bazaar account was deactivated and every session ended. Write to the platform's support if you want it back.
mail-staff-subject = You now work for { $store } on Bazaar
mail-staff-body = The owner of { $store } added you to the store as staff: you can manage its products and orders from the seller admin.
mail-staff-link = Open the seller admin
mail-staff-unexpected = If you did not expect this, ask the store's owner to remove you.
mail-admin-alert-subject = Repeated refused admin access
mail-admin-alert-body = { $who } was refused access to the admin area { $count ->
    [one] once
   *[other] { $count } times
} within an hour. The audit log has every attempt.
mail-token-subject = A new API token for your Bazaar account
mail-token-body = An API token called “{ $name }” was just made for your Bazaar account. Programs holding it can act for you within its scopes.
mail-token-advice = If this was not you, revoke it and change your password:
mail-token-link = Your API tokens
mail-two-step-on-subject = Two-step sign-in is on
mail-two-step-on-body = Two-step sign-in was just turned on for your Bazaar account: signing in now also asks for a code from your authenticator app.
mail-two-step-off-subject = Two-step sign-in is off
mail-two-step-off-body = Two-step sign-in was just turned off for your Bazaar account: a password alone now signs in.
mail-passkey-added-subject = A passkey was added
mail-passkey-added-body = The passkey “{ $name }” was just added to your Bazaar account: it can now sign you in.
mail-passkey-removed-subject = A passkey was removed
mail-passkey-removed-body = The passkey “{ $name }” was just removed from your Bazaar account and no longer signs you in.
mail-two-step-reset-subject = Two-step sign-in was reset
mail-two-step-reset-body = A Bazaar platform admin turned off two-step sign-in for your account, as is done for someone who lost their authenticator app and recovery codes. You were signed out everywhere; your password alone now signs in. Set up two-step sign-in again on your security page.
mail-two-step-reset-link = Open my security page
mail-two-step-reset-advice = If you did not ask for this, reset your password now:
mail-recovery-used-subject = A recovery code was used
mail-recovery-used-body = Someone just signed in to your Bazaar account with one of its recovery codes; { $left ->
    [one] one unused code is left
   *[other] { $left } unused codes are left
}. If you lost your authenticator app, set it up again and make new codes.

## Orders

# $item is the product's title, with its options in brackets when it has any.
mail-order-line = { $quantity } × { $item }, { $unit } each: { $total }
# $delivery is how long delivery takes, such as "2–4 days".
mail-order-shipping = Shipping: { $method }, { $delivery }: { $price }
mail-order-shipping-no-estimate = Shipping: { $method }: { $price }
mail-order-vat = Prices include VAT of { $vat }.
mail-order-ship-to = Shipping to: { $address } (phone { $phone })
mail-order-subject = Your order { $number }
mail-order-paid = Thank you: we received your payment of { $total } for order { $number }. Each store ships its part and we mail you when it is on its way.
mail-order-from = From { $store } ({ $total }):
mail-order-receipt = Receipt from { $store }
mail-order-see = See your order
mail-store-order-subject = New order { $number } for { $store }
mail-store-order-body = Order { $number } was paid: { $total } for { $store }. Please ship it soon.
mail-store-order-open = Open the order
mail-order-shipped-subject = Your order { $number } is on its way
mail-order-shipped-body = { $store } shipped your items with { $carrier }, tracking number { $tracking }.
mail-order-carrier-unknown = a carrier
mail-order-tracking-unknown = not given
mail-order-delivered-subject = Your order { $number } was delivered
mail-order-delivered-body = { $store } marked your items as delivered.
mail-order-cancelled-subject = Your order { $number } was cancelled
mail-order-cancelled-body = { $store } cancelled its part of your order and refunded { $refunded } to your card.
mail-order-refunded-subject = Your order { $number } was refunded
mail-order-refunded-body = { $store } refunded { $refunded } to your card.
mail-guest-link-subject = A new link to your order { $number }
mail-guest-link-body = Here is a new link to your order { $number }. The links sent before no longer open it. This one works for { $days } days.
