# What a page says when something went wrong.

error-title-not-found = Page not found
error-title-unavailable = Briefly unavailable
error-title-not-allowed = Not allowed
error-title-sign-in = Please sign in
error-title-other = Something went wrong
error-bad-request = The request could not be understood.
error-not-found = We could not find that page.
error-sign-in = Please sign in to continue.
error-forbidden = You are not allowed to do that.
error-second-step = This part of Bazaar needs two-step sign-in. Set it up on your security page first.
error-too-many-requests = Too many requests. Please wait a moment and try again.
error-unavailable = Bazaar is briefly unavailable. Please try again shortly.
# $what names the part that is down, such as "the database".
error-unavailable-part = Bazaar is briefly unavailable ({ $what }). Please try again shortly.
error-internal = Something went wrong on our side. Please try again.
error-network = We could not reach Bazaar. Check your connection and try again.
error-request-id = Request id:
error-back-to-shop = Back to the shop
