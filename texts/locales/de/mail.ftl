# The mail Bazaar sends: subjects, paragraphs and link labels. Links and
# codes are added apart.

mail-hello = Hallo,
mail-hello-name = Hallo { $name },
mail-reset-password = Mein Passwort zurücksetzen
mail-not-you-reset = Falls Sie das nicht waren, setzen Sie Ihr Passwort jetzt zurück:
mail-sign-in = Anmelden

## Accounts

mail-verify-subject = Bestätigen Sie Ihre E-Mail-Adresse
mail-verify-body = Bitte bestätigen Sie, dass dies Ihre E-Mail-Adresse für Bazaar ist.
mail-verify-link = Meine E-Mail-Adresse bestätigen
mail-verify-code = Oder geben Sie diesen Code auf der Bestätigungsseite ein:
mail-verify-expiry = Link und Code gelten einmal und { $minutes } Minuten lang. Falls Sie das nicht angefordert haben, können Sie diese Nachricht ignorieren.
mail-taken-subject = Jemand wollte sich mit Ihrer E-Mail-Adresse registrieren
mail-taken-body = Jemand wollte mit dieser E-Mail-Adresse ein Bazaar-Konto anlegen, obwohl sie schon eines hat. Falls Sie das waren, melden Sie sich stattdessen an; falls Sie Ihr Passwort vergessen haben, können Sie ein neues wählen.
mail-taken-not-you = Falls Sie das nicht waren, müssen Sie nichts tun: Ihr Konto ist unverändert.
mail-reset-subject = Setzen Sie Ihr Bazaar-Passwort zurück
mail-reset-body = Jemand hat angefordert, das Passwort Ihres Bazaar-Kontos zurückzusetzen.
mail-reset-link = Ein neues Passwort wählen
mail-reset-expiry = Der Link gilt einmal und { $minutes } Minuten lang. Falls Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt, wie es ist.
mail-slowed-subject = Jemand versucht, sich bei Ihrem Bazaar-Konto anzumelden
mail-slowed-body = Mehrere Anmeldungen bei Ihrem Bazaar-Konto sind gerade mit einem falschen Passwort gescheitert, daher müssen Anmeldungen von neuen Geräten jetzt eine Weile warten. Browser, mit denen Sie sich schon angemeldet haben, sind nicht betroffen.
mail-slowed-advice = Falls Sie das waren, ist nichts zu tun. Falls nicht, hat Ihr Passwort standgehalten; sicherheitshalber können Sie ein neues wählen:
mail-password-changed-subject = Ihr Bazaar-Passwort wurde geändert
mail-password-changed-body = Das Passwort Ihres Bazaar-Kontos wurde gerade geändert, und jede mit dem alten Passwort angemeldete Sitzung wurde beendet.
mail-email-changing-subject = Ihre Bazaar-E-Mail-Adresse ändert sich
mail-email-changing-body = Jemand hat angefordert, die E-Mail-Adresse Ihres Bazaar-Kontos in { $email } zu ändern. Die Änderung erfolgt, sobald die neue Adresse bestätigt ist.
mail-email-changing-advice = Falls Sie das nicht waren, ändern Sie sofort Ihr Passwort: Die Anfrage kam aus einer angemeldeten Sitzung.
mail-email-changed-subject = Ihre Bazaar-E-Mail-Adresse wurde geändert
mail-email-changed-body = Ihr Bazaar-Konto verwendet jetzt { $email }. Nachrichten zu Ihrem Konto und Ihren Bestellungen gehen ab jetzt dorthin.
mail-deactivated-subject = Ihr Bazaar-Konto wurde deaktiviert
mail-deactivated-body = Ihr Bazaar-Konto wurde deaktiviert und alle Sitzungen wurden beendet. Schreiben Sie dem Support der Plattform, wenn Sie es zurückhaben möchten.
mail-staff-subject = Sie arbeiten jetzt für { $store } auf Bazaar
mail-staff-body = Der Inhaber von { $store } hat Sie dem Team des Shops hinzugefügt: Sie können seine Produkte und Bestellungen im Verkäuferbereich verwalten.
mail-staff-link = Den Verkäuferbereich öffnen
mail-staff-unexpected = Falls Sie das nicht erwartet haben, bitten Sie den Inhaber des Shops, Sie zu entfernen.
mail-admin-alert-subject = Wiederholt verweigerter Adminzugang
mail-admin-alert-body = { $who } wurde der Zugang zum Adminbereich innerhalb einer Stunde { $count ->
    [one] einmal
   *[other] { $count }-mal
} verweigert. Das Audit-Protokoll enthält jeden Versuch.
mail-token-subject = Ein neues API-Token für Ihr Bazaar-Konto
mail-token-body = Für Ihr Bazaar-Konto wurde gerade ein API-Token namens „{ $name }“ erstellt. Programme, die es besitzen, können im Rahmen seiner Berechtigungen für Sie handeln.
mail-token-advice = Falls Sie das nicht waren, widerrufen Sie es und ändern Sie Ihr Passwort:
mail-token-link = Ihre API-Tokens
mail-two-step-on-subject = Die Anmeldung in zwei Schritten ist aktiv
mail-two-step-on-body = Für Ihr Bazaar-Konto wurde gerade die Anmeldung in zwei Schritten aktiviert: Die Anmeldung verlangt jetzt auch einen Code aus Ihrer Authenticator-App.
mail-two-step-off-subject = Die Anmeldung in zwei Schritten ist aus
mail-two-step-off-body = Für Ihr Bazaar-Konto wurde gerade die Anmeldung in zwei Schritten deaktiviert: Das Passwort allein meldet Sie jetzt an.
mail-passkey-added-subject = Ein Passkey wurde hinzugefügt
mail-passkey-added-body = Der Passkey „{ $name }“ wurde gerade zu Ihrem Bazaar-Konto hinzugefügt: Er kann Sie jetzt anmelden.
mail-passkey-removed-subject = Ein Passkey wurde entfernt
mail-passkey-removed-body = Der Passkey „{ $name }“ wurde gerade aus Ihrem Bazaar-Konto entfernt und meldet Sie nicht mehr an.
mail-two-step-reset-subject = Die Anmeldung in zwei Schritten wurde zurückgesetzt
mail-two-step-reset-body = Ein Bazaar-Administrator hat die Anmeldung in zwei Schritten für Ihr Konto abgeschaltet, wie es für jemanden geschieht, der seine Authenticator-App und seine Wiederherstellungscodes verloren hat. Sie wurden überall abgemeldet; Ihr Passwort allein meldet Sie jetzt an. Richten Sie die Anmeldung in zwei Schritten auf Ihrer Sicherheitsseite wieder ein.
mail-two-step-reset-link = Meine Sicherheitsseite öffnen
mail-two-step-reset-advice = Falls Sie das nicht angefordert haben, setzen Sie Ihr Passwort jetzt zurück:
mail-recovery-used-subject = Ein Wiederherstellungscode wurde verwendet
mail-recovery-used-body = Jemand hat sich gerade mit einem der Wiederherstellungscodes bei Ihrem Bazaar-Konto angemeldet; { $left ->
    [one] ein unbenutzter Code ist übrig
   *[other] { $left } unbenutzte Codes sind übrig
}. Falls Sie Ihre Authenticator-App verloren haben, richten Sie sie neu ein und erstellen Sie neue Codes.

## Orders

# $item is the product's title, with its options in brackets when it has any.
mail-order-line = { $quantity } × { $item }, je { $unit }: { $total }
# $delivery is how long delivery takes, such as "2–4 days".
mail-order-shipping = Versand: { $method }, { $delivery }: { $price }
mail-order-shipping-no-estimate = Versand: { $method }: { $price }
mail-order-vat = Die Preise enthalten { $vat } MwSt.
mail-order-ship-to = Lieferung an: { $address } (Telefon { $phone })
mail-order-subject = Ihre Bestellung { $number }
mail-order-paid = Vielen Dank: Wir haben Ihre Zahlung von { $total } für die Bestellung { $number } erhalten. Jeder Shop versendet seinen Teil, und wir schreiben Ihnen, sobald er unterwegs ist.
mail-order-from = Von { $store } ({ $total }):
mail-order-receipt = Beleg von { $store }
mail-order-see = Ihre Bestellung ansehen
mail-store-order-subject = Neue Bestellung { $number } für { $store }
mail-store-order-body = Die Bestellung { $number } wurde bezahlt: { $total } für { $store }. Bitte versenden Sie sie bald.
mail-store-order-open = Die Bestellung öffnen
mail-order-shipped-subject = Ihre Bestellung { $number } ist unterwegs
mail-order-shipped-body = { $store } hat Ihre Artikel mit { $carrier } versandt, Sendungsnummer { $tracking }.
mail-order-carrier-unknown = einem Versanddienst
mail-order-tracking-unknown = nicht angegeben
mail-order-delivered-subject = Ihre Bestellung { $number } wurde zugestellt
mail-order-delivered-body = { $store } hat Ihre Artikel als zugestellt markiert.
mail-order-cancelled-subject = Ihre Bestellung { $number } wurde storniert
mail-order-cancelled-body = { $store } hat seinen Teil Ihrer Bestellung storniert und { $refunded } auf Ihre Karte erstattet.
mail-order-refunded-subject = Ihre Bestellung { $number } wurde erstattet
mail-order-refunded-body = { $store } hat { $refunded } auf Ihre Karte erstattet.
mail-guest-link-subject = Ein neuer Link zu Ihrer Bestellung { $number }
mail-guest-link-body = Hier ist ein neuer Link zu Ihrer Bestellung { $number }. Die zuvor gesendeten Links öffnen sie nicht mehr. Dieser gilt { $days } Tage lang.
