"""claims: the figures, dates and years the drafts type, checked against the data's facts.

- lexicon: the words a claim is made of in English, French and Spanish (numbers, qualifiers, units, months)
- topics: what a figure can be about (a fact of compute.facts) and the words that show it
- find: a sentence's claims (what each figure counts, which State, how it is qualified)
- check: each claim confirmed, contradicted or unverifiable; dates against the document's date and period

Rule: pure; imports only the layers below (locale, reference, model, errors). The facts come from compute
(:mod:`pipeline.compute.facts`) through the orchestrator.
"""
