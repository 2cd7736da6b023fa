"""verify: checks on what was rendered.

- checks: every word of every draft is in the document (fidelity) and every script it uses
  has a font (fonts)
- preflight: the UN's rules for a Word file (no tracked changes, comments, hidden text, stray
  direct formatting; a language on every run; the length as the UN counts it), and its report

Rule: reads Word only through :mod:`pipeline.ooxml`; writes nothing (the build writes the reports).
"""
