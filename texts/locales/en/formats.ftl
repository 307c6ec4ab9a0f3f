# How a language writes numbers that are not words.

# An amount in euros: $amount is already written the language's way
# (1,234.50 or 1 234,50).
money = €{ $amount }
