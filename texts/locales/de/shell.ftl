# Der Rahmen jeder Seite: Kopf, Navigation, Fuß, Sprachwahl.
brand = Bazaar
skip-to-content = Zum Inhalt springen
loading-page = Seite wird geladen
search-products = Produkte suchen
search = Suchen
categories = Kategorien
all-products = Alle Produkte
your-account = Ihr Konto
cart = Warenkorb
items = { $count ->
    [one] Artikel
   *[other] Artikel
}
sign-in = Anmelden
register = Registrieren
account = Konto
admin = Verwaltung
sign-out = Abmelden
your-store = Ihr Shop
new-orders = { $count ->
    [one] neue Bestellung
   *[other] neue Bestellungen
}
footer = Fußzeile
footer-tagline = Bazaar — unabhängige Läden, eine Kasse.
browse-products = Produkte entdecken
sell-on-bazaar = Auf Bazaar verkaufen
api = API (auf Englisch)
language = Sprache
choose-language = Sprache wählen
lang-name-en = English
lang-name-fr = Français
lang-name-de = Deutsch
