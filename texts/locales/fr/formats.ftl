# How a language writes numbers that are not words.

money = { $amount } €

# How long delivery takes.
delivery-same-day = le jour même
delivery-days = { $days ->
    [one] 1 jour
   *[other] { $days } jours
}
delivery-range = { $min } à { $max } jours
