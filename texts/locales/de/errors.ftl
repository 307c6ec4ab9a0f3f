# What a page says when something went wrong.

error-title-not-found = Seite nicht gefunden
error-title-unavailable = Kurz nicht erreichbar
error-title-not-allowed = Nicht erlaubt
error-title-sign-in = Bitte melden Sie sich an
error-title-other = Etwas ist schiefgelaufen
error-bad-request = Die Anfrage konnte nicht verstanden werden.
error-not-found = Diese Seite haben wir nicht gefunden.
error-sign-in = Bitte melden Sie sich an, um fortzufahren.
error-forbidden = Das dürfen Sie nicht.
error-second-step = Dieser Teil von Bazaar verlangt die Anmeldung in zwei Schritten. Richten Sie sie zuerst auf Ihrer Sicherheitsseite ein.
error-too-many-requests = Zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es erneut.
error-unavailable = Bazaar ist kurz nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.
# $what names the part that is down, such as "the database".
error-unavailable-part = Bazaar ist kurz nicht erreichbar ({ $what }). Bitte versuchen Sie es gleich noch einmal.
error-internal = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es erneut.
error-network = Bazaar ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
error-request-id = Anfrage-ID:
error-back-to-shop = Zurück zum Shop
