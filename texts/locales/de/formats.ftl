# How a language writes numbers that are not words.

money = { $amount } €

# How long delivery takes.
delivery-same-day = am selben Tag
delivery-days = { $days ->
    [one] 1 Tag
   *[other] { $days } Tage
}
delivery-range = { $min }–{ $max } Tage
