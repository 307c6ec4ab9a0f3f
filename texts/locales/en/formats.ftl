# How a language writes numbers that are not words.

# An amount in euros: $amount is already written the language's way
# (1,234.50 or 1 234,50).
money = €{ $amount }

# How long delivery takes.
delivery-same-day = same day
delivery-days = { $days ->
    [one] 1 day
   *[other] { $days } days
}
delivery-range = { $min }–{ $max } days
