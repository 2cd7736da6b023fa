"""A draft's own words, read from pandoc's AST by a walk independent of normalisation.

:mod:`pipeline.verify.fidelity` checks that each of these words is in the assembled
document. The walk applies the same tracked-changes policy as normalisation and sets
aside, by the same stated rules, what normalisation removes on purpose (typed
paragraph and heading numbers, the draft's title); nothing else.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.intake.drafts import HEADING_NUMBER, LETTERED_STYLES, PARAGRAPH_NUMBER
from pipeline.model import Words, words


def draft_words(
    ast: dict, policy: str = "accept", *, title_dropped: bool = False, rewrite: Callable[[str], str] = lambda text: text
) -> Words:
    """The words of a draft as its author's accepted (or rejected) text.

    The two removals the document makes on purpose are made here too, by their
    stated rules: the draft's title (when normalisation said it dropped it) and
    numbers typed at the start of headings and top-level paragraphs. ``rewrite``
    is applied to each paragraph's text (the replacement of country names).
    """
    body: list[str] = []
    notes: list[str] = []

    def text(nodes: list) -> str:
        out: list[str] = []
        for node in nodes:
            kind, content = node["t"], node.get("c")
            if kind == "Str":
                out.append(content)
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif kind == "Code":
                out.append(content[1])
            elif kind == "Math":
                out.append(" equation ")  # named by a marker, and a diagnostic, not reproduced
            elif kind == "Note":
                blocks(content, notes, top=False)
            elif kind in ("Emph", "Strong", "Underline", "Superscript", "Subscript", "SmallCaps"):
                out.append(text(content))
            elif kind in ("Quoted", "Link", "Cite"):
                out.append(text(content[1]))
            elif kind == "Span":
                classes = set(content[0][1])
                if "comment-start" in classes:
                    continue
                if {"insertion", "paragraph-insertion"} & classes and policy == "reject":
                    continue
                if {"deletion", "paragraph-deletion"} & classes and policy != "reject":
                    continue
                out.append(text(content[1]))
        return "".join(out)

    def blocks(nodes: list, out: list[str], *, top: bool) -> None:
        for node in nodes:
            kind, content = node["t"], node.get("c")
            if kind in ("Para", "Plain"):
                line = text(content)
                out.extend(words(rewrite(PARAGRAPH_NUMBER.sub("", line, count=1) if top else line)))
            elif kind == "Header":
                out.extend(words(rewrite(HEADING_NUMBER.sub("", text(content[2]), count=1))))
            elif kind == "LineBlock":
                for line in content:
                    out.extend(words(rewrite(text(line))))
            elif kind == "CodeBlock":
                out.extend(words(content[1]))
            elif kind == "BulletList":
                for item in content:
                    blocks(item, out, top=False)
            elif kind == "OrderedList":
                decimal = content[0][1]["t"] not in LETTERED_STYLES
                for item in content[1]:
                    blocks(item, out, top=top and decimal)
            elif kind == "BlockQuote":
                blocks(content, out, top=False)
            elif kind == "Div":
                blocks(content[1], out, top=top)
            elif kind == "Figure":
                blocks(content[2], out, top=False)
                blocks(content[1][1], out, top=False)
            elif kind == "DefinitionList":
                for term, definitions in content:
                    out.extend(words(rewrite(text(term))))
                    for definition in definitions:
                        blocks(definition, out, top=False)
            elif kind == "Table":
                _attr, caption, _specs, head, bodies, foot = content
                blocks(caption[1], out, top=False)
                for row in head[1] + [r for b in bodies for r in b[2] + b[3]] + foot[1]:
                    for cell in row[1]:
                        blocks(cell[4], out, top=False)

    nodes = ast.get("blocks", [])
    if title_dropped and nodes and nodes[0]["t"] == "Header":
        nodes = nodes[1:]
    blocks(nodes, body, top=True)
    return Words(tuple(body), tuple(notes))
