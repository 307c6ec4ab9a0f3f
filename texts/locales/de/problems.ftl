# Refusals of the domain's rules, next to the field concerned or over the
# form. Values such as $max arrive as numbers, grouped the reader's way.

problem-too-long = Höchstens { $max } Zeichen.
problem-number-range = Geben Sie eine ganze Zahl von 0 bis { $max } ein.
problem-whole-number = Geben Sie eine ganze Zahl ein.
problem-wait-seconds = Zu viele Versuche. Bitte warten Sie { $seconds ->
    [one] eine Sekunde
   *[other] { $seconds } Sekunden
} und versuchen Sie es erneut.
problem-wait-minutes = Zu viele Versuche. Bitte warten Sie { $minutes } Minuten und versuchen Sie es erneut.
problem-forbidden-character = Der Text enthält ein unzulässiges Zeichen.
part-database = die Datenbank
part-session-store = der Sitzungsspeicher
part-payments = die Zahlungen
problem-confirm-suspend = Setzen Sie zur Bestätigung das Häkchen: Die Produkte des Shops verschwinden aus dem Schaufenster.
problem-confirm-remove-role = Setzen Sie das Häkchen, um das Entfernen dieser Rolle zu bestätigen.
problem-confirm-deactivate = Setzen Sie zur Bestätigung das Häkchen: Alle Sitzungen dieses Kontos enden.
problem-confirm-reset-two-step = Setzen Sie zur Bestätigung das Häkchen: Die Person wird überall abgemeldet.
problem-confirm-delete-category = Setzen Sie das Häkchen, um das Löschen der Kategorie zu bestätigen.
problem-confirm-close-store = Setzen Sie zur Bestätigung das Häkchen: Die Produkte des Shops verschwinden endgültig aus dem Schaufenster.
problem-confirm-refund = Setzen Sie zur Bestätigung das Häkchen: Der Kunde wird erstattet, und das lässt sich nicht rückgängig machen.
problem-confirm-tick = Setzen Sie zur Bestätigung das Häkchen.
problem-upload-cut-off = Das Hochladen wurde unterbrochen. Bitte versuchen Sie es erneut.
problem-date = Geben Sie ein Datum wie 2026-11-30 ein.

## Accounts

problem-email-format = Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.
problem-email-required = Geben Sie Ihre E-Mail-Adresse ein.
problem-email-same = Das ist bereits Ihre Adresse.
problem-email-confirmed = Diese Adresse ist bereits bestätigt.
problem-email-taken-meanwhile = Ein anderes Konto nutzt diese Adresse inzwischen, daher kann sie nicht auch Ihre sein.
problem-login-wrong = E-Mail-Adresse oder Passwort stimmen nicht.
problem-password-required = Geben Sie Ihr Passwort ein.
problem-password-short = Mindestens { $min } Zeichen.
problem-password-is-email = Ihr Passwort darf nicht Ihre E-Mail-Adresse sein.
problem-password-common = Dieses Passwort gehört zu den häufigsten, die Angreifer zuerst ausprobieren. Wählen Sie ein anderes.
problem-password-current = Das ist nicht Ihr aktuelles Passwort.
problem-password-same = Wählen Sie ein anderes Passwort als das aktuelle.
problem-reauth-expired = Seit der Eingabe Ihres Passworts sind fünf Minuten vergangen. Bitte melden Sie sich erneut an.
problem-account-deactivated = Dieses Konto ist deaktiviert. Wenden Sie sich an den Support der Plattform, um es wieder zu öffnen.
problem-account-inactive = Dieses Konto ist nicht mehr aktiv.
problem-owner-cannot-delete = Sie besitzen einen Shop. Übergeben Sie ihn oder lassen Sie ihn von der Plattform schließen, bevor Sie Ihr Konto löschen.
problem-name-characters = Verwenden Sie nur Buchstaben, Leerzeichen und Satzzeichen.
problem-link-expired = Dieser Link ist abgelaufen oder wurde bereits verwendet. Fordern Sie einen neuen an.
problem-code-format = Geben Sie den 6-stelligen Code aus der E-Mail ein.
problem-code-wrong = Dieser Code stimmt nicht oder ist abgelaufen. Sehen Sie in der neuesten E-Mail nach oder fordern Sie einen neuen Code an.
problem-two-step-code = Dieser Code stimmt nicht. Geben Sie die sechs Ziffern ein, die Ihre App gerade zeigt, oder einen Wiederherstellungscode.
problem-two-step-setup-code = Dieser Code stimmt nicht. Geben Sie die sechs Ziffern ein, die Ihre App gerade zeigt.
problem-two-step-already-on = Die Anmeldung in zwei Schritten ist bereits eingeschaltet.
problem-two-step-off = Die Anmeldung in zwei Schritten ist ausgeschaltet.
problem-two-step-own = Schalten Sie Ihre eigene Anmeldung in zwei Schritten auf Ihrer Sicherheitsseite aus.
problem-two-step-none = Dieses Konto hat keine Anmeldung in zwei Schritten.
problem-passkey-needs-domain = Passkeys setzen voraus, dass die Website über einen Domainnamen erreicht wird, nicht über eine IP-Adresse.
problem-passkey-unchecked = Dieser Passkey konnte nicht geprüft werden. Versuchen Sie es erneut oder nutzen Sie einen anderen Weg.
problem-passkey-timeout = Die Passkey-Anfrage ist abgelaufen. Bitte beginnen Sie von vorn.
problem-passkey-name = Benennen Sie den Passkey (bis zu 60 Zeichen), etwa nach dem Gerät, auf dem er liegt.
problem-passkey-registered = Dieser Passkey ist bereits registriert.
problem-passkey-none = Dieses Konto hat keinen Passkey.
problem-token-name = Benennen Sie das Token, etwa nach dem System, das es nutzen wird.
problem-token-scope-unknown = Einen Bereich „{ $scope }“ gibt es nicht.
problem-token-scope-none = Wählen Sie mindestens einen Bereich.
problem-token-admin-scope = Nur Plattform-Admins können einem Token den Admin-Bereich geben.
problem-token-needs-two-step = Schalten Sie auf Ihrer Sicherheitsseite die Anmeldung in zwei Schritten ein, bevor Sie ein Token mit diesen Bereichen erstellen.
problem-token-needs-store = Katalog oder Bestellungen schreiben und Statistiken lesen setzt einen eigenen Shop voraus.
problem-token-expiry = Wählen Sie 30, 90 oder 365 Tage oder keinen Ablauf.
problem-token-confirm-revoke = Setzen Sie das Häkchen, um den Widerruf des Tokens zu bestätigen.

## Platform admin

problem-category-name = Geben Sie den Namen der Kategorie ein.
problem-category-name-letter = Verwenden Sie im Namen mindestens einen Buchstaben oder eine Ziffer.
problem-category-address-taken = Eine andere Kategorie nutzt bereits die Adresse /c/{ $slug }. Wählen Sie einen anderen Namen.
problem-category-under-itself = Eine Kategorie kann weder unter sich selbst noch unter einer ihrer Unterkategorien stehen.
problem-category-not-empty = „{ $name }“ enthält noch { $has ->
    [children] Unterkategorien
   *[products] Produkte
}; verschieben oder löschen Sie diese zuerst.
problem-category-reviewed = Diese Kategorie ist bereits { $status ->
    [approved] genehmigt
   *[rejected] abgelehnt
}.
problem-category-parent-first = Genehmigen Sie zuerst die übergeordnete Kategorie.
problem-category-approved = Wählen Sie eine genehmigte Kategorie.
problem-category-from-list = Wählen Sie eine Kategorie aus der Liste.
problem-mail-not-failed = Diese Nachricht ist nicht (mehr) fehlgeschlagen: Sie wurde gesendet oder wartet bereits auf den Versand.
problem-reason-required = Nennen Sie den Grund: Die Verkäufer des Shops werden ihn lesen.
problem-store-not-active = Nur aktive Shops können gesperrt werden; dieser ist { $status ->
    [pending] noch nicht freigegeben
    [suspended] gesperrt
   *[closed] geschlossen
}.
problem-store-not-suspended = Nur gesperrte Shops können reaktiviert werden; dieser ist { $status ->
    [pending] noch nicht freigegeben
    [active] aktiv
   *[closed] geschlossen
}.
problem-own-admin-role = Sie können Ihre eigene Admin-Rolle nicht entfernen; bitten Sie einen anderen Admin.
problem-own-deactivate = Sie können Ihr eigenes Konto nicht deaktivieren.
problem-reactivate-first = Reaktivieren Sie das Konto, bevor Sie ihm eine E-Mail senden.
problem-last-admin = Dies ist der letzte aktive Admin der Plattform; ernennen Sie zuerst einen weiteren.
problem-vat-rate = Geben Sie einen Prozentsatz von 0 bis 100 ein, etwa 20 oder 5.5.

## Cart, checkout and orders

problem-quantity-range = Wählen Sie eine Menge von 1 bis { $max }.
problem-out-of-stock = Leider ist dieser Artikel ausverkauft.
problem-only-left = Nur noch { $stock } vorrätig.
problem-only-left-in-cart = Nur noch { $stock } vorrätig, und { $in_cart ->
    [one] einer liegt
   *[other] { $in_cart } liegen
} bereits in Ihrem Warenkorb.
problem-cart-empty = Ihr Warenkorb ist leer.
problem-country-from-list = Wählen Sie das Land aus der Liste.
problem-confirm-email-checkout = Bestätigen Sie Ihre E-Mail-Adresse, bevor Sie bestellen: Dorthin senden wir Ihre Bestellung.
problem-shipping-now-shown = Der Versand nach { $country } wird jetzt angezeigt: Prüfen Sie Ihre Bestellung und geben Sie sie dann auf.
problem-no-delivery = Keiner der Shops in Ihrem Warenkorb liefert nach { $country }: Wählen Sie ein anderes Land.
problem-unpaid-orders = Sie haben { $count } Bestellungen, die auf Zahlung warten: Bezahlen oder stornieren Sie eine davon unter Ihren Bestellungen, bevor Sie eine weitere aufgeben.
problem-unpaid-orders-guest = Sie haben { $count } Bestellungen, die auf Zahlung warten: Bezahlen Sie eine davon oder warten Sie, bis sie verfallen, bevor Sie eine weitere aufgeben.
problem-line-not-for-sale = { $title } ist nicht mehr erhältlich: Entfernen Sie es aus Ihrem Warenkorb.
problem-line-quantity = Wählen Sie eine Menge von 1 bis { $max } für { $title }.
problem-line-sold-out = { $title } ist ausverkauft.
problem-line-only-left = Nur noch { $left } von { $title } vorrätig: Sie wollten { $asked }.
problem-order-unpayable = Diese Bestellung kann nicht mehr bezahlt werden: Geben Sie aus Ihrem Warenkorb eine neue auf.
problem-payment-processing = Die Zahlung dieser Bestellung wird bearbeitet; sehen Sie gleich nach ihrem Stand.
problem-order-paid-stays = Diese Bestellung ist bereits bezahlt und bleibt daher bestehen. Ein Verkäufer kann sie stornieren und erstatten.
problem-order-not-awaiting = Diese Bestellung wartet nicht mehr auf Zahlung.
problem-guest-link-expired = Dieser Link ist abgelaufen: Öffnen Sie damit die Seite Ihrer Bestellung, um einen neuen per E-Mail zu erhalten.
problem-address-book-full = Ihr Adressbuch fasst höchstens { $max } Adressen: Entfernen Sie zuerst eine in Ihrem Konto.
problem-address-name = Geben Sie den Namen des Empfängers ein.
problem-address-line1 = Geben Sie Straße und Hausnummer ein.
problem-address-city = Geben Sie den Ort ein.
problem-postal-code = Geben Sie eine Postleitzahl aus 2 bis 10 Buchstaben, Ziffern, Leerzeichen oder Bindestrichen ein.
problem-phone = Geben Sie eine Telefonnummer mit 6 bis 15 Ziffern ein, etwa +49 30 1234567.
problem-signature = Die Signatur des Zahlungsereignisses konnte nicht geprüft werden ({ $reason }).
problem-refund-refused = Der Zahlungsanbieter hat die Erstattung abgelehnt ({ $reason }), daher hat sich nichts geändert. Erstatten Sie sie im Dashboard des Anbieters, falls sie fällig ist.

## Seller admin

problem-owner-only = Das kann nur der Inhaber des Shops.
problem-store-name = Geben Sie den Namen Ihres Shops ein.
problem-store-slug = Verwenden Sie 1 bis 60 Kleinbuchstaben, Ziffern und einzelne Bindestriche, etwa mein-shop.
problem-store-address-taken = Ein anderer Shop nutzt diese Adresse bereits. Wählen Sie eine andere.
problem-confirm-email-store = Bestätigen Sie Ihre E-Mail-Adresse, bevor Sie einen Shop eröffnen.
problem-store-already = Sie führen bereits einen Shop.
problem-store-closed-already = Dieser Shop ist bereits geschlossen.
problem-address-lines = Höchstens 6 Zeilen und 400 Zeichen.
problem-vat-number = Geben Sie die USt-IdNr. mit Ländercode ein, etwa DE123456789, oder lassen Sie das Feld leer.
problem-logo = Wählen Sie ein Bild für das Logo.
problem-staff-email = Geben Sie die E-Mail-Adresse des Bazaar-Kontos der Person ein.
problem-staff-unknown = Kein aktives Bazaar-Konto nutzt diese Adresse; bitten Sie die Person, sich zuerst zu registrieren.
problem-staff-taken = Diese Person arbeitet bereits für einen Shop; man arbeitet nur für einen Shop.
problem-new-category-letter = Verwenden Sie im Namen der Kategorie mindestens einen Buchstaben oder eine Ziffer.
problem-category-no-address = Für die neue Kategorie ließ sich keine freie Adresse finden; wählen Sie einen anderen Namen.
problem-category-or-propose = Wählen Sie eine Kategorie oder schlagen Sie unten eine neue vor.
problem-title-required = Geben Sie den Titel des Produkts ein.
problem-translation-title = Geben Sie auch einen Titel in dieser Sprache an oder lassen Sie die Beschreibung leer.
problem-product-slug = Verwenden Sie Kleinbuchstaben, Ziffern und einzelne Bindestriche (höchstens 120), etwa blauer-wollschal.
problem-product-address-taken = Ein anderes Produkt nutzt diese Adresse bereits. Wählen Sie eine andere.
problem-product-status = Wählen Sie Entwurf, veröffentlicht oder archiviert.
problem-tax-class = Wählen Sie den Normal- oder den ermäßigten Satz.
problem-product-stale = Jemand hat dieses Produkt gespeichert, nachdem Sie es geöffnet haben. Laden Sie die Seite neu, um die Änderungen zu sehen, und nehmen Sie Ihre dann erneut vor.
problem-products-none-ticked = Wählen Sie zuerst mindestens ein Produkt aus.
problem-option-name-twice = Jede Option braucht einen eigenen Namen.
problem-options-max = Höchstens { $max } Optionen.
problem-option-unnamed = Benennen Sie diese Option oben oder lassen Sie den Wert leer.
problem-option-value = Geben Sie den Wert „{ $option }“ dieser Variante ein.
problem-variants-none = Fügen Sie mindestens eine Variante mit Artikelnummer und Preis hinzu.
problem-variants-max = Höchstens { $max } Varianten.
problem-variants-same-options = Eine andere Variante hat dieselben Optionen: Geben Sie jeder Variante andere Werte.
problem-variant-ordered = Die Variante { $sku } wurde bestellt und bleibt daher: Setzen Sie stattdessen ihren Bestand auf 0.
problem-price = Geben Sie einen Preis wie 12.50 ein.
problem-compare-at-lower = Der Vergleichspreis ist der alte, höhere Preis: Setzen Sie ihn über den Preis oder lassen Sie ihn leer.
problem-compare-at-format = Geben Sie einen Preis wie 15.00 ein oder lassen Sie das Feld leer.
problem-attribute-colon = Schreiben Sie jede Eigenschaft als Name: Wert („{ $line }“ hat keinen Doppelpunkt).
problem-attribute-parts = Jede Eigenschaft braucht einen Namen (höchstens 40 Zeichen) und einen Wert (höchstens 200).
problem-attribute-twice = „{ $name }“ kommt zweimal vor.
problem-attributes-max = Höchstens { $max } Eigenschaften.
problem-sku-required = Geben Sie eine Artikelnummer (SKU) ein.
problem-sku-format = Verwenden Sie Buchstaben, Ziffern, Punkte, Binde- und Unterstriche (höchstens 64), beginnend mit einem Buchstaben oder einer Ziffer.
problem-sku-twice-product = Eine andere Variante dieses Produkts hat diese Artikelnummer.
problem-sku-taken = Ein anderes Produkt Ihres Shops nutzt diese Artikelnummer.
problem-skus-none = Senden Sie mindestens eine Artikelnummer.
problem-skus-max = Senden Sie höchstens { $max } Artikelnummern auf einmal.
problem-sku-twice = { $sku } kommt mehr als einmal vor.
problem-sku-unknown = Ihr Shop hat keine Variante mit der Artikelnummer { $sku }.
problem-stock-range = { $sku } hätte einen Bestand von { $stock }; er muss zwischen 0 und { $max } liegen (er beträgt { $current }).
problem-stock-or-adjust = Senden Sie entweder stock oder adjust.
problem-images-none = Wählen Sie mindestens ein Bild zum Hochladen.
problem-images-max = Ein Produkt hat höchstens { $max } Bilder; dieses hat { $count }.
problem-image-alt = Beschreiben Sie das Bild in höchstens 300 Zeichen.
problem-image-change = Senden Sie entweder alt oder move mit earlier oder later.
problem-image-too-large = { $name } ist größer als 10 MB.
problem-image-format = { $name } ist kein JPEG-, PNG- oder WebP-Bild.
problem-image-unreadable = { $name } ließ sich nicht als Bild lesen.
problem-image-too-many-pixels = { $name } hat mehr als 40 Megapixel.
problem-image-unnamed = Die Datei
problem-carrier-required = Geben Sie den Versanddienst ein.
problem-tracking-required = Geben Sie die Sendungsnummer ein.
problem-order-transition = Diese Bestellung ist { $status ->
    [pending_payment] noch unbezahlt
    [expired] verfallen
    [paid] bezahlt
    [shipped] versandt
    [delivered] zugestellt
    [cancelled] storniert
   *[refunded] erstattet
} und kann jetzt nicht als { $action ->
    [shipped] versandt
    [delivered] zugestellt
    [cancelled] storniert
   *[refunded] erstattet
} markiert werden. Laden Sie neu, um ihren aktuellen Stand zu sehen.
problem-shipping-name = Geben Sie einen Namen ein.
problem-countries-none = Wählen Sie mindestens ein Land.
problem-countries-list = Wählen Sie die Länder aus der Liste.
problem-shipping-price = Geben Sie einen Preis wie 4.90 ein, oder 0 für kostenlos.
problem-free-over = Geben Sie einen Betrag wie 50 ein oder lassen Sie das Feld leer.
problem-days = Geben Sie eine Anzahl von Tagen von 0 bis 60 ein.
problem-max-days = Geben Sie mindestens die kürzeste Lieferzeit ein.
problem-zones-max = Ein Shop hat höchstens { $max } Zonen: Fügen Sie die Länder einer davon hinzu.
problem-methods-max = Eine Zone hat höchstens { $max } Versandarten: Entfernen Sie zuerst eine.
problem-url-format = Geben Sie eine vollständige URL ein, etwa https://example.com/hooks/bazaar.
problem-url-https = Verwenden Sie eine https://-URL.
problem-url-credentials = Lassen Sie Benutzername und Passwort aus der URL weg.
problem-url-private = Verwenden Sie eine Adresse im öffentlichen Internet, keine private oder lokale.
problem-events-list = Wählen Sie Ereignisse aus der Liste.
problem-events-none = Wählen Sie mindestens ein Ereignis.
problem-endpoints-max = Ein Shop hat höchstens { $max } Endpunkte: Entfernen Sie zuerst einen.

## The integration API

api-invalid = Einige Felder sind ungültig.
api-unauthorized = Senden Sie ein gültiges API-Token als `Authorization: Bearer …`.
api-missing-scope = Diesem Token fehlt der Bereich `{ $scope }`.
api-stale = Die Ressource hat sich seit dem Lesen geändert: Lesen Sie sie erneut und senden Sie Ihre Änderung mit dem neuen ETag.
api-key-reused = Dieser Idempotency-Key wurde mit einer anderen Anfrage verwendet; nutzen Sie für eine neue Anfrage einen neuen Schlüssel.
api-key-in-flight = Eine Anfrage mit diesem Idempotency-Key läuft noch; senden Sie sie gleich erneut, um ihre Antwort zu erhalten.
api-rate-limited = Dieses Token darf { $limit } Anfragen pro Minute senden.
