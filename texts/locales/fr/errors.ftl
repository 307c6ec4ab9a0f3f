# What a page says when something went wrong.

error-title-not-found = Page introuvable
error-title-unavailable = Momentanément indisponible
error-title-not-allowed = Accès refusé
error-title-sign-in = Veuillez vous connecter
error-title-other = Une erreur s’est produite
error-bad-request = La requête n’a pas pu être comprise.
error-not-found = Nous n’avons pas trouvé cette page.
error-sign-in = Veuillez vous connecter pour continuer.
error-forbidden = Vous n’avez pas le droit de faire cela.
error-second-step = Cette partie de Bazaar exige la connexion en deux étapes. Activez-la d’abord sur votre page de sécurité.
error-too-many-requests = Trop de requêtes. Patientez un instant puis réessayez.
error-unavailable = Bazaar est momentanément indisponible. Réessayez dans un instant.
# $what names the part that is down, such as "the database".
error-unavailable-part = Bazaar est momentanément indisponible ({ $what }). Réessayez dans un instant.
error-internal = Une erreur s’est produite de notre côté. Veuillez réessayer.
error-network = Impossible de joindre Bazaar. Vérifiez votre connexion et réessayez.
error-request-id = Identifiant de la requête :
error-back-to-shop = Retour à la boutique
