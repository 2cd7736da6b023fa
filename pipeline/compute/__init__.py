"""compute: pure functions from the data's records to the figures the documents report.

- indicators: each indicator with its formula and unit in its docstring (counts of States
  Parties, areas in km², munitions and submunitions), over the reporting period
- families: one document per State selected from the data (e.g. each pending Article 4 extension)
- figures: ``[[name]]`` in a draft's prose filled in from the indicators, by name only
- localise: the computed views (names of States, regions, dates, lists) in a document's language

Rule: no I/O; imports only the layers below (locale, model, reference, errors).
"""
