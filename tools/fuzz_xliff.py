"""make fuzz's mutations of a returned XLIFF file's structure, as CAT tools and translators change it.

Byte mutations rarely survive the XML parser; these keep the file well-formed and
change what a return can differ by: language codes (case, region, underscore,
garbage), units removed, duplicated or reordered, segments emptied (with a state or
without), codes removed or duplicated, the file's id changed, a source edited.
"""

from __future__ import annotations

import copy
import random

from lxml import etree

CODES = (
    "fr",
    "FR",
    "fr-FR",
    "fr_FR",
    "fr-fr",
    "fr-CA",
    "es-419",
    "en-US",
    "EN",
    "",
    "x",
    "123",
    "fr--",
    "-fr",
    "zz-ZZ",
)
LANGUAGE_ATTRIBUTES = ("srcLang", "trgLang", "source-language", "target-language")


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def mutate_xliff(rnd: random.Random, data: bytes) -> bytes:
    """The file with one to four structural mutations; the bytes unchanged when they are not XML."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return data
    for _ in range(rnd.randint(1, 4)):
        _one(rnd, root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _one(rnd: random.Random, root) -> None:
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    units = [e for e in elements if _local(e) in ("unit", "trans-unit")]
    kind = rnd.choice(("language", "unit", "segment", "code", "file", "source"))
    if kind == "language":
        for element in (e for e in elements if any(a in e.attrib for a in LANGUAGE_ATTRIBUTES)):
            for name in LANGUAGE_ATTRIBUTES:
                if name in element.attrib and rnd.random() < 0.7:
                    element.set(name, rnd.choice(CODES))
    elif kind == "unit" and units:
        unit = rnd.choice(units)
        action = rnd.choice(("remove", "duplicate", "reorder"))
        if action == "remove":
            unit.getparent().remove(unit)
        elif action == "duplicate":
            unit.addnext(copy.deepcopy(unit))
        else:
            other = rnd.choice(units)
            if other is not unit and other.getparent() is not None and unit.getparent() is not None:
                unit.getparent().remove(unit)
                other.addprevious(unit)
    elif kind == "segment":
        targets = [e for e in elements if _local(e) in ("target", "mrk") and e.getparent() is not None]
        if targets:
            target = rnd.choice(targets)
            target.text = rnd.choice(("", " ", None))
            for child in list(target):
                target.remove(child)
            parent = target.getparent()
            if rnd.random() < 0.5:
                parent.set("state", rnd.choice(("translated", "final", "initial", "bogus")))
    elif kind == "code":
        codes = [
            e for e in elements if _local(e) in ("pc", "ph", "mrk", "g", "x", "sc", "ec") and e.getparent() is not None
        ]
        if codes:
            code = rnd.choice(codes)
            if rnd.random() < 0.5:
                parent = code.getparent()
                tail = (code.text or "") + (code.tail or "")
                previous = code.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
                parent.remove(code)
            else:
                code.addnext(copy.deepcopy(code))
    elif kind == "file":
        for file in (e for e in elements if _local(e) == "file"):
            name = "id" if "id" in file.attrib else "original"
            file.set(name, rnd.choice(("", "progress-report", "extension-analysis-chl", "nothing", "x" * 300)))
    elif units:
        sources = [e for e in rnd.choice(units).iter() if _local(e) == "source"]
        if sources:
            rnd.choice(sources).text = rnd.choice(("Tuvalu", "", "CCM/MSP/2025/7", "1,234"))
