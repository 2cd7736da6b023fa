"""Pseudo-translation of exported XLIFF, as a CAT tool's "pseudo-translate" does: for tests and bench.

Every segment gets a target that is its source with each vowel followed by an
accented twin ("Report" -> "Reóport"), so a translated text is recognisable,
about a third longer, and the original can be read back (:func:`unpseudo`).
Inline codes are copied with their ids; marks not to translate are copied as
they are. Works on the XML alone, independently of ccm-report's reader.

    python -m tools.pseudo FILE.xlf > FILE.pseudo.xlf
"""

from __future__ import annotations

import copy
import sys

from lxml import etree

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
TWINS = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "A": "Á", "E": "É", "I": "Í", "O": "Ó", "U": "Ú"}
_TABLE = str.maketrans({vowel: vowel + twin for vowel, twin in TWINS.items()})


def pseudo(text: str) -> str:
    """ "Report" -> "Reóport": each vowel followed by its accented twin."""
    return text.translate(_TABLE)


def unpseudo(text: str) -> str:
    for vowel, twin in TWINS.items():
        text = text.replace(vowel + twin, vowel)
    return text


def _transform(element, protected) -> None:
    if protected(element):
        return
    if element.text:
        element.text = pseudo(element.text)
    for child in element:
        _transform(child, protected)
        if child.tail:
            child.tail = pseudo(child.tail)


def pseudo_translate(data: bytes, language: str | None = None) -> bytes:
    """The XLIFF file (2.x or 1.2) with every translatable segment given a pseudo-translated target."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    if root.tag == f"{{{XLIFF2}}}xliff":

        def q(name):
            return f"{{{XLIFF2}}}{name}"

        if language:
            root.set("trgLang", language)
        for unit in root.iter(q("unit")):
            if unit.get("translate") == "no":
                continue
            for segment in unit.iter(q("segment")):
                source = segment.find(q("source"))
                for old in segment.findall(q("target")):
                    segment.remove(old)
                target = copy.deepcopy(source)
                target.tag = q("target")
                _transform(target, lambda e: e.tag == q("mrk") and e.get("translate") == "no")
                source.addnext(target)
                segment.set("state", "translated")
    else:

        def q(name):
            return f"{{{XLIFF12}}}{name}"

        for file in root.iter(q("file")):
            if language:
                file.set("target-language", language)
        for unit in root.iter(q("trans-unit")):
            if unit.get("translate") == "no":
                continue
            segmented = unit.find(q("seg-source"))
            source = segmented if segmented is not None else unit.find(q("source"))
            for old in unit.findall(q("target")):
                unit.remove(old)
            target = copy.deepcopy(source)
            target.tag = q("target")
            target.tail = None
            _transform(target, lambda e: e.tag == q("mrk") and e.get("mtype") == "protected")
            source.addnext(target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as handle:
        sys.stdout.buffer.write(pseudo_translate(handle.read(), sys.argv[2] if len(sys.argv) > 2 else None))
