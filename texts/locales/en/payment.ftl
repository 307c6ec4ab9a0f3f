# The payment emulator's page, where a test card pays in development and tests.

payment-page-title = Pay Bazaar — test mode
payment-page-not-found-title = Payment page not found
payment-page-not-found = This payment page does not exist.
payment-page-closed-title = Payment page closed
payment-page-closed = This payment page is closed
payment-page-already-paid = This order has already been paid.
payment-page-expired = This payment session has expired: it can no longer be paid.
payment-page-cancel = Cancel and go back
payment-page-paying-as = Paying as { $email }
payment-page-item = Item
payment-page-amount = Amount
payment-page-total = Total
payment-page-card-number = Card number
payment-page-expiry = Expiry (MM/YY)
payment-page-cvc = Security code (CVC)
payment-page-pay = Pay { $total }
payment-page-test-cards = Test cards: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined; 4000 0000 0000 9995 has insufficient funds; 4000 0000 0000 5555 pays a few seconds later, as a bank debit does. Any expiry and CVC.
payment-page-declined = Your card was declined.
payment-page-insufficient-funds = Your card has insufficient funds.
payment-page-unknown-card = Use one of the test cards listed below.
