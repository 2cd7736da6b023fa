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


def schema_errors(data: bytes, version: str) -> list[str]:
    """What the OASIS schema finds wrong with an XLIFF file: "line N: message", none when it validates."""
    xsd = schema(version)
    document = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    if xsd.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in xsd.error_log]


__all__ = ["schema", "schema_errors"]
