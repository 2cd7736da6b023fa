"""render: one document as a Word file, from its docxtpl template, the meeting's values and the blocks.

- document: the values the template sees (``template_context``) and the rendering, in a
  sandboxed Jinja with strict undefined names; draft text is never evaluated as a template
- translated: a returned translation merged into the blocks, for the language's template

Rule: writes Word XML only through :mod:`pipeline.ooxml`; no other stage is imported.
"""
