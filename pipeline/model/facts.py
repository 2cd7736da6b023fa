"""What the data says, in the terms a draft's sentence makes claims in: a typed, immutable fact.

compute makes the facts (one definition per figure); claims compares what drafts type against them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fact:
    """One thing the data knows: a count, a quantity or a date, of all States or of one.

    ``topic`` names it in the claim checker's vocabulary ("count.article4", "date.clearance_deadline",
    "quantity.area_cleared"); ``value`` is an int or float (counts, km², people, munitions), a
    ``datetime.date``, or for ``dates.*`` topics a tuple of dates; ``ref`` is where a reader checks it
    ("states-parties.xlsx:Clearance!I31", or a column's range for a count); ``name`` the ``[[name]]``
    that would keep a draft's figure current, when there is one.
    """

    topic: str
    value: object
    ref: str
    state: str | None = None  # ISO3 when the fact is about one State
    name: str = ""
