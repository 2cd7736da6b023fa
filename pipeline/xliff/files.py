"""The edge to CAT tools, OASIS XLIFF 2.1 and 1.2: the names other code imports.

Writing is :mod:`pipeline.xliff.write`, reading a returned file
:mod:`pipeline.xliff.read`, the schema check :mod:`pipeline.xliff.schema`, and
the values they share :mod:`pipeline.xliff.document`; this module keeps their
public names in one place.
"""

from __future__ import annotations

from pipeline.xliff.document import XLIFF2, XLIFF12, XML_NS, Document, Returned, XliffProblem
from pipeline.xliff.read import MAX_BYTES, read_xliff
from pipeline.xliff.schema import schema, schema_errors
from pipeline.xliff.write import CTYPES, SUBTYPES, write_xliff

__all__ = ["Document", "Returned", "XliffProblem", "write_xliff", "read_xliff", "schema_errors", "schema",
           "MAX_BYTES", "XLIFF2", "XLIFF12", "XML_NS", "SUBTYPES", "CTYPES"]
