# A shopper's orders: the list, one order, its statuses.

your-orders = Ihre Bestellungen
back-to-account = Zurück zu Ihrem Konto
loading-orders = Ihre Bestellungen werden geladen…
no-orders-yet = Sie haben noch nichts bestellt.
column-order = Bestellung
column-placed = Aufgegeben
column-items = Artikel
column-status = Status
# $items is how many items; $stores from how many stores.
items-from-stores = { $items } aus { $stores ->
    [one] 1 Shop
   *[other] { $stores } Shops
}
page-number = Seite { $page }
all-your-orders = Alle Ihre Bestellungen
placed-with-total = Aufgegeben am { $date } · Summe { $total }
payment-page-unavailable = Ihre Bestellung ist aufgegeben, aber die Zahlungsseite ließ sich gerade nicht öffnen. Versuchen Sie es unten erneut.
checking-payment = Wir prüfen die Zahlung dieser Bestellung und melden uns per E-Mail.
status-pending-payment = Wartet auf Zahlung
status-paid = Bezahlt
status-shipped = Versandt
status-delivered = Zugestellt
status-cancelled = Storniert
status-refunded = Erstattet
status-expired = Unbezahlt abgelaufen
status-unknown = Unbekannt

## A guest's order, opened by the link of its mails

guest-placed = Aufgegeben am { $date } · Summe { $total } · Bestätigung an { $email }
link-sent = Neuer Link gesendet
link-sent-body = Wir haben einen neuen Link zur Bestellung { $number } an die Adresse geschickt, mit der sie aufgegeben wurde. Die früheren Links öffnen sie nicht mehr.
this-pages-link = Der Link dieser Seite
link-warning = Jeder mit diesem Link kann Ihre Bestellung sehen. Versehentlich geteilt? Holen Sie sich per E-Mail einen neuen Link: Die bisher gesendeten Links funktionieren dann nicht mehr.
send-new-link = Mir einen neuen Link senden
account-shows-all = Ein Konto mit dieser E-Mail-Adresse zeigt alle Ihre Bestellungen an einem Ort:
create-one = legen Sie eines an
link-expired = Link abgelaufen
link-expired-heading = Dieser Link ist abgelaufen
link-expired-body = Links zu einer Bestellung gelten 90 Tage. Wir können einen neuen Link zur Bestellung { $number } an die Adresse schicken, mit der sie aufgegeben wurde.
mail-new-link = Mir einen neuen Link mailen
