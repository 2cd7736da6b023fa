"""The OASIS schemas of XLIFF 2.0 (which 2.1 uses) and 1.2, loaded from the copies shipped here."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from lxml import etree


class _Local(etree.Resolver):
    """Every schema import resolves to the copies shipped in pipeline/xliff/schemas/: never the network."""

    def resolve(self, url, pubid, context):
        name = url.rsplit("/", 1)[-1]
        path = resources.files("pipeline.xliff") / "schemas" / name
        if path.is_file():
            return self.resolve_string(path.read_bytes(), context)
        return None


@lru_cache(maxsize=2)
def schema(version: str) -> etree.XMLSchema:
    """The OASIS schema of XLIFF ``version`` ("2.1" uses the 2.0 core schema, as the 2.1 standard does)."""
    name = "xliff-core-2.0.xsd" if version.startswith("2") else "xliff-core-1.2-strict.xsd"
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Local())
    path = resources.files("pipeline.xliff") / "schemas" / name
    return etree.XMLSchema(etree.fromstring(path.read_bytes(), parser, base_url=str(path)))


def schema_errors(data: bytes, version: str, *, extensions: bool = False) -> list[str]:
    """What the OASIS schema finds wrong with an XLIFF file: "line N: message", none when it validates.

    With ``extensions``, what a CAT tool adds in its own namespace (memoQ's ``mq:`` attributes,
    Trados' ``sdl:`` elements) is set aside first: the standard allows it, but the 1.2 schema checks
    it strictly against schemas no tool ships. The XLIFF elements and attributes are checked whole.
    """
    xsd = schema(version)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    document = etree.fromstring(data, parser)
    if extensions:
        _set_extensions_aside(document, etree.QName(document).namespace or "")
    if xsd.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in xsd.error_log]


_OWN = {"http://www.w3.org/XML/1998/namespace", ""}


def _set_extensions_aside(root: etree._Element, xliff: str) -> None:
    """Remove the attributes and elements of other namespaces than XLIFF's (and the xml: ones);
    an element's tail text stays where it was."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            namespace = etree.QName(name).namespace or ""
            if namespace not in _OWN and namespace != xliff:
                del element.attrib[name]
        namespace = etree.QName(element).namespace or ""
        if element is not root and namespace != xliff and not namespace.startswith(_MODULES):
            parent = element.getparent()
            if parent is not None:
                if element.tail:
                    previous = element.getprevious()
                    if previous is not None:
                        previous.tail = (previous.tail or "") + element.tail
                    else:
                        parent.text = (parent.text or "") + element.tail
                parent.remove(element)


# XLIFF 2's own modules (matches, metadata, ...): the core schema takes them laxly as they are.
_MODULES = "urn:oasis:names:tc:xliff:"


__all__ = ["schema", "schema_errors"]
