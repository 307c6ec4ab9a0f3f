# `/checkout`: Liefer- und Rechnungsadresse und die Übersicht der Bestellung;
# dann die Rückkehr von der Zahlungsseite.
checkout = Kasse
loading-order = Ihre Bestellung wird geladen…
confirm-email-first = Bestätigen Sie Ihre E-Mail-Adresse, bevor Sie bestellen: Dorthin senden wir die Bestellbestätigung.
go-to-account = Zu Ihrem Konto
your-email = Ihre E-Mail
guest-checkout = Sie bestellen als Gast. Sie haben ein Konto?
email = E-Mail
email-hint = Hierhin senden wir die Bestellbestätigung und einen Link zu Ihrer Bestellung.
shipping-address = Lieferadresse
cannot-buy-as-is = Einige Artikel können so nicht gekauft werden:
change-your-cart = Warenkorb ändern
address-default = (Standard)
a-new-address = Eine neue Adresse
keep-address = Diese Adresse in meinem Adressbuch speichern
bill-elsewhere = An eine andere Adresse abrechnen
billing-address = Rechnungsadresse
billing-name = Name für die Rechnung
billing-line1 = Straße und Hausnummer der Rechnung
billing-line2 = Wohnung, Etage der Rechnung (optional)
billing-postal-code = Postleitzahl der Rechnung
billing-city = Ort der Rechnung
billing-country = Land der Rechnung
confirmation-goes-to = Die Bestätigung geht an { $email }.
place-order-and-pay = Bestellen und bezahlen
pay-on-next-page = Sie bezahlen auf der nächsten Seite. Ihre Artikel sind 30 Minuten für Sie reserviert.
your-order = Ihre Bestellung
from-store-named = Von { $store }
confirming-payment = Ihre Zahlung wird bestätigt…
thank-you-order = Vielen Dank: Bestellung { $number }
order-number = Bestellung { $number }
payment-received = Ihre Zahlung von { $total } ist eingegangen. Eine Bestätigung ist unterwegs an { $email }.
payment-pending = Wir warten noch auf die Bestätigung der Zahlung durch Ihre Bank. Diese Seite aktualisiert sich von selbst, sobald sie eintrifft.
shipping-to = Lieferung an
total = Gesamt:
follow-order = Diese Bestellung verfolgen
continue-shopping = Weiter einkaufen
payment-not-completed = Zahlung nicht abgeschlossen
no-longer-awaiting = Bestellung { $number } wartet nicht mehr auf eine Zahlung.
see-the-order = Bestellung ansehen
kept-until = Bestellung { $number } ({ $total }) bleibt bis { $date } bestehen, und ihre Artikel sind bis dahin für Sie reserviert.
pay-now = Jetzt bezahlen
cancel-the-order = Bestellung stornieren
cancelling-puts-back = Beim Stornieren kommen die Artikel zurück in Ihren Warenkorb.

# Die Felder einer Lieferadresse.
full-name = Vollständiger Name
street = Straße und Hausnummer
apartment = Wohnung, Etage (optional)
postal-code = Postleitzahl
city = Ort
country = Land
phone-for-carrier = Telefon, für den Zusteller

# Der Teil eines Ladens an einer Bestellung.
receipt-number = Beleg { $number }
receipt-from = von { $store }
shipped-with = Versandt mit { $carrier }, Sendungsnummer
items-from = Artikel von { $store }
column-item = Artikel
column-sku = Artikelnummer
column-price = Preis
column-quantity = Menge
column-total = Summe
part-subtotal = Zwischensumme
part-shipping = Versand
part-vat = Davon MwSt.
part-refunded = Erstattet
part-platform-fee = Plattformgebühr
part-your-net = Ihr Nettobetrag

# A line of the payment page for a store's shipping.
payment-shipping-line = Versand von { $store }: { $method }
