# `/`: Neues aus allen Läden.
home-description = Bazaar bringt unabhängige Läden zusammen: stöbern, suchen und bei vielen Herstellern mit einer Kasse kaufen.
home-title = Unabhängige Läden, eine Kasse
home-lead = Strickwaren, Keramik, Papierwaren und mehr, direkt von den Menschen, die sie herstellen.
browse-all-products = Alle Produkte ansehen
new-in = Neu eingetroffen
loading-products = Produkte werden geladen…
no-products-yet = Noch keine Produkte. Schauen Sie bald wieder vorbei.
