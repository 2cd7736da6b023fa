"""Translation: a document as units for CAT tools, XLIFF 2.1 and 1.2 out and back, and the merge.

The package's rule: it is the file format of translation, below the stages and
above the Word package. It imports only :mod:`pipeline.ooxml`,
:mod:`pipeline.locale`, :mod:`pipeline.model`, :mod:`pipeline.reference` and
:mod:`pipeline.errors`, never a stage; it reads and writes bytes, never files,
so the stages that call it own their I/O.

    pieces    a unit's content: text, codes, marks not to translate, and their ids
    walk      a document as units, in reading order, with ids that survive rebuilds
    merge     a translation's targets back into the document's blocks
    segment   sentences within a unit, for the translator's segments
    document  what a file says about its document; a file read back; XliffProblem
    write     XLIFF 2.1 and 1.2 written from units (known targets included)
    memory    a translation memory of returned sentences; exact and fuzzy look-ups
    prefill   what each exported segment goes out with: a known target, or matches
    tmx       a memory as TMX 1.4b
    read      a returned file read back without a DTD, ever
    schema    the OASIS schemas, from the copies in schemas/
"""
