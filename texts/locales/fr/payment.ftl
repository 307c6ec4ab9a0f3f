# The payment emulator's page, where a test card pays in development and tests.

payment-page-title = Payer Bazaar — mode test
payment-page-not-found-title = Page de paiement introuvable
payment-page-not-found = Cette page de paiement n’existe pas.
payment-page-closed-title = Page de paiement fermée
payment-page-closed = Cette page de paiement est fermée
payment-page-already-paid = Cette commande a déjà été payée.
payment-page-expired = Cette session de paiement a expiré : elle ne peut plus être payée.
payment-page-cancel = Annuler et revenir
payment-page-paying-as = Paiement au nom de { $email }
payment-page-item = Article
payment-page-amount = Montant
payment-page-total = Total
payment-page-card-number = Numéro de carte
payment-page-expiry = Expiration (MM/AA)
payment-page-cvc = Code de sécurité (CVC)
payment-page-pay = Payer { $total }
payment-page-test-cards = Cartes de test : 4242 4242 4242 4242 paie ; 4000 0000 0000 0002 est refusée ; 4000 0000 0000 9995 n’a pas assez de provision ; 4000 0000 0000 5555 paie quelques secondes plus tard, comme un prélèvement bancaire. Toute date d’expiration et tout CVC conviennent.
payment-page-declined = Votre carte a été refusée.
payment-page-insufficient-funds = Votre carte n’a pas assez de provision.
payment-page-unknown-card = Utilisez l’une des cartes de test ci-dessous.
