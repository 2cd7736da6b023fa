"""export: what is made from a rendered document for its readers and translators.

- clean: the Word file the UN takes for processing (changes accepted, no comments or hidden
  text, direct formatting moved into styles, a language on every run)
- html: one self-contained, accessible web page per document and language, from the same
  values the Word file is rendered from (Jinja templates in templates/html/)
- numbers: Word's numbering (chapters, headings, paragraphs, lists, notes) for the page
- redline: a revision's tracked changes against the issued version

Rule: reads and writes Word only through :mod:`pipeline.ooxml`; no other stage is imported.
"""
