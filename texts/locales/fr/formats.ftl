# How a language writes numbers that are not words.

money = { $amount } €
