"""Units of translation, and a translation merged back: the names other code imports.

The work is done in :mod:`pipeline.xliff.pieces` (a unit's content),
:mod:`pipeline.xliff.walk` (the document as units) and :mod:`pipeline.xliff.merge`
(targets back into blocks); this module keeps their public names in one place.
"""

from __future__ import annotations

from pipeline.xliff.merge import Translated, merge
from pipeline.xliff.pieces import SYMBOL, Marked, Paired, Piece, Plain, Standalone, canonical, codes_of, plain_of
from pipeline.xliff.walk import KIND_LETTERS, Unit, units

__all__ = ["Plain", "Paired", "Standalone", "Marked", "Piece", "Unit", "Translated", "units", "merge",
           "plain_of", "canonical", "codes_of", "SYMBOL", "KIND_LETTERS"]
