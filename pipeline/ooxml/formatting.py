"""Direct formatting: which properties are direct formatting, whether one repeats its style, and its description.

Paragraph direct formatting: alignment, indents, spacing, borders, shading and
tab stops. Run direct formatting: font, size, colour, highlight, shading,
border, character spacing, scale, kerning, raised or lowered position and text
effects. Not direct formatting (the character formatting the UN uses): bold,
italic, underline, strike-through, capitals, small capitals, superscript and
subscript, a character style, a language, no-proofing and script flags.

Descriptions are in the user's words and units: "indent left 1.27 cm",
"12 pt after", "line spacing 1.5", "font Arial, 14 pt" (twips / 567 = cm,
twips / 20 = pt, half-points / 2 = pt, line / 240 = lines).
"""

from __future__ import annotations

from pipeline.ooxml.names import is_w, local, w
from pipeline.ooxml.styles import on

PARA_DIRECT = ("jc", "ind", "spacing", "pBdr", "shd", "tabs")
RUN_DIRECT = (
    "rFonts",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "em",
)
_ON_OFF = {"outline", "shadow", "emboss", "imprint"}


def direct(pr, names: tuple[str, ...]) -> list:
    """Direct formatting among the children of a pPr or rPr (a font hint alone is not formatting)."""
    if pr is None:
        return []
    out = []
    for child in pr:
        if not is_w(child, *names):
            continue
        if local(child) == "rFonts" and set(child.attrib) <= {w("hint")}:
            continue
        out.append(child)
    return out


def redundant(element, inherited: dict) -> bool:
    """Whether a direct property says only what the style already says."""
    name = local(element)
    if len(element):  # tab stops, borders: they add to the style's rather than replace them
        return False
    if name in _ON_OFF:
        return on(element) == inherited.get("__present__", False)
    attrs = {k: v for k, v in element.attrib.items() if k != w("hint")}
    if not attrs or any(inherited.get(k) != v for k, v in attrs.items()):
        return False
    if name == "rFonts":  # a theme font the style names wins over a plain one said again here
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            theme = w("cstheme" if slot == "cs" else slot + "Theme")
            if w(slot) in attrs and theme not in attrs and theme in inherited:
                return False
    return True


# --- describing formatting in the user's words ----------------------------------------------------


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _twips_cm(value: str) -> str:
    try:
        return _number(int(value) / 567) + " cm"
    except ValueError:
        return value


def _twips_pt(value: str) -> str:
    try:
        return _number(int(value) / 20) + " pt"
    except ValueError:
        return value


_ALIGN = {
    "left": "left-aligned",
    "start": "left-aligned",
    "right": "right-aligned",
    "end": "right-aligned",
    "center": "centred",
    "both": "justified",
    "distribute": "distributed",
}


def _describe(element) -> list[str]:
    name, get = local(element), (lambda attr: element.get(w(attr)))
    in_run = element.getparent() is not None and is_w(element.getparent(), "rPr")
    if name == "jc":
        return [_ALIGN.get(get("val") or "", f"aligned {get('val')}")]
    if name == "ind":
        out = []
        for attrs, label in (
            (("left", "start"), "indent left"),
            (("right", "end"), "indent right"),
            (("firstLine",), "first line"),
            (("hanging",), "hanging"),
        ):
            value = next((get(a) for a in attrs if get(a) is not None), None)
            if value is not None:
                out.append(f"{label} {_twips_cm(value)}")
        return out or ["indented"]
    if name == "spacing" and in_run:
        return [f"character spacing {_twips_pt(get('val') or '0')}"]
    if name == "spacing":
        out = [f"{_twips_pt(get(a))} {a}" for a in ("before", "after") if get(a) is not None]
        line, rule = get("line"), get("lineRule") or "auto"
        if line is not None:
            try:
                out.append(
                    f"line spacing {_number(int(line) / 240)}"
                    if rule == "auto"
                    else f"line {'exactly' if rule == 'exact' else 'at least'} {_twips_pt(line)}"
                )
            except ValueError:
                out.append("line spacing")
        return out or ["spacing"]
    if name in ("sz", "szCs"):
        try:
            size = _number(int(get("val")) / 2) + " pt"
        except (TypeError, ValueError):
            size = "sized"
        return [size if name == "sz" else f"{size} (complex scripts)"]
    if name == "rFonts":
        fonts = [get(a) or get(a + "Theme") for a in ("ascii", "hAnsi", "eastAsia", "cs")]
        fonts = list(dict.fromkeys(f for f in fonts if f)) or [get("asciiTheme") or "font"]
        return ["font " + ", ".join(fonts)]
    if name == "color":
        return [f"colour {get('val') or get('themeColor')}"]
    if name == "highlight":
        return [f"highlighted {get('val')}"]
    if name in ("shd", "pBdr", "bdr", "tabs"):
        return [{"shd": "shaded", "pBdr": "bordered", "bdr": "bordered", "tabs": "tab stops"}[name]]
    if name == "position":
        return ["raised" if not (get("val") or "0").startswith("-") else "lowered"]
    return [
        {"w": "scaled", "kern": "kerned", "effect": "text effect", "fitText": "fitted", "em": "emphasis mark"}.get(
            name, name
        )
    ]


def description(elements) -> str:
    parts: list[str] = []
    for element in elements:
        parts.extend(_describe(element))
    parts = list(dict.fromkeys(parts))
    # "10 pt (complex scripts)" beside "10 pt" says nothing more.
    parts = [p for p in parts if not (p.endswith(" (complex scripts)") and p[:-18] in parts)]
    return ", ".join(parts)
