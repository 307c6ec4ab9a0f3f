# The payment emulator's page, where a test card pays in development and tests.

payment-page-title = Bazaar bezahlen — Testmodus
payment-page-not-found-title = Zahlungsseite nicht gefunden
payment-page-not-found = Diese Zahlungsseite gibt es nicht.
payment-page-closed-title = Zahlungsseite geschlossen
payment-page-closed = Diese Zahlungsseite ist geschlossen
payment-page-already-paid = Diese Bestellung wurde bereits bezahlt.
payment-page-expired = Diese Zahlungssitzung ist abgelaufen: Sie kann nicht mehr bezahlt werden.
payment-page-cancel = Abbrechen und zurück
payment-page-paying-as = Zahlung als { $email }
payment-page-item = Artikel
payment-page-amount = Betrag
payment-page-total = Summe
payment-page-card-number = Kartennummer
payment-page-expiry = Ablaufdatum (MM/JJ)
payment-page-cvc = Prüfnummer (CVC)
payment-page-pay = { $total } bezahlen
payment-page-test-cards = Testkarten: 4242 4242 4242 4242 zahlt; 4000 0000 0000 0002 wird abgelehnt; 4000 0000 0000 9995 ist nicht gedeckt; 4000 0000 0000 5555 zahlt einige Sekunden später, wie eine Lastschrift. Ablaufdatum und CVC beliebig.
payment-page-declined = Ihre Karte wurde abgelehnt.
payment-page-insufficient-funds = Ihre Karte ist nicht ausreichend gedeckt.
payment-page-unknown-card = Verwenden Sie eine der unten genannten Testkarten.
