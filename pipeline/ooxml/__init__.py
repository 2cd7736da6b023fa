"""ooxml: the only code that opens Word packages or knows their XML names.

- names: the namespaces and ``w()``, the one place ``w:`` is spelt; the safe parser
- package: a first look at a file before any parser opens it (refusals)
- opc: a .docx's parts and relationships, read safely (:class:`~pipeline.ooxml.opc.Package`)
- styles: style inheritance and on/off properties, read one way; the fonts a document names
- text: the stories, their paragraphs and runs as a reader sees them
- words: the UN's word count (:func:`~pipeline.ooxml.words.count_words`)
- formatting: which properties are direct formatting, and their description
- wordml: the writer of the drafts' blocks into a template; docxapi: python-docx's internals
- keep: tables kept on one page (rows that never break, rows kept with the next)
- draftprep: Word drafts made ready for pandoc; reproducible: zips with the same bytes every time
"""
