"""Counts and totals of the data year beyond the annexes': who reported nothing for three years, who gives
and receives support, focal points and plans, requests pending, retention, risk education, land release.

Each figure comes with its provenance (the rule in words, the cells it is computed from), under the name a
draft's ``[[name]]`` uses; :func:`pipeline.compute.indicators.indicators` adds them to its figures.
"""

from __future__ import annotations

from pipeline.compute.article7 import date_in, refs
from pipeline.model import Dataset, Provenance, Record


def year_rows(records: tuple[Record, ...], year: int, column: str = "Year") -> tuple[Record, ...]:
    return tuple(r for r in records if r.values.get(column) == year)


def number(record: Record, column: str) -> float:
    """A cell's number; 0 when the cell is empty or holds no number."""
    value = record.values.get(column)
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def silent_states(data: Dataset, parties: tuple[Record, ...], year: int, years: int = 3) -> tuple[Record, ...]:
    """Of ``parties``, those with no annual report submitted for any of the ``years`` calendar years up to
    ``year`` (2022-2024 for the data year 2024)."""
    covered = range(year - years + 1, year + 1)
    reported = {
        r["ISO3"]
        for r in data.sheet("Article7")
        if r["Report"] == "Annual" and r.values.get("Year covered") in covered and date_in(r, "Submitted")
    }
    return tuple(r for r in parties if r["ISO3"] not in reported)


def more_figures(data: Dataset, parties: tuple[Record, ...], year: int) -> dict[str, tuple[object, Provenance]]:
    """Figures by name, each with its provenance, for the data year ``year``; ``parties`` are the States
    Parties bound at the end of the reporting period.

    - article7.silent_3_years: States Parties with no annual report for any of the last three years;
    - cooperation.donors / .recipients: distinct States giving / receiving support ("Global" is none);
    - va.focal_points / va.national_plans: States with Article 5 obligations answering "Yes";
    - extensions.pending: Article 4 extension requests with Status Pending;
    - retention.states / .munitions / .submunitions: States retaining, and what they retain in all;
      retention.no_purpose: those stating no purpose;
    - risk_education.reached: women + men + girls + boys reached, all States; .children: girls + boys;
    - clearance.released_total_km2: land release, area cleared + area released by survey (km²).
    """
    silent = silent_states(data, parties, year)
    cooperation = year_rows(data.sheet("Cooperation"), year)
    donors = [r for r in cooperation if r["Donor"] != "Global"]
    recipients = [r for r in cooperation if r["Recipient"] != "Global"]
    va = year_rows(data.sheet("VictimAssistance"), year)
    focal = [r for r in va if r.values.get("Focal point") == "Yes"]
    plans = [r for r in va if r.values.get("National plan") == "Yes"]
    pending = [r for r in data.sheet("ExtensionRequests") if r["Status"] == "Pending"]
    retained = year_rows(data.sheet("Retention"), year)
    no_purpose = [r for r in retained if not r.values.get("Purpose")]
    education = year_rows(data.sheet("RiskEducation"), year)
    cleared = year_rows(data.sheet("Clearance"), year)
    people, children = ("Women", "Men", "Girls", "Boys"), ("Girls", "Boys")
    return {
        "article7.silent_3_years": (
            len(silent),
            Provenance(
                f"number of States Parties with no annual Article 7 report submitted on {year - 2} to {year}",
                refs(silent, "ISO3"),
            ),
        ),
        "cooperation.donors": (
            len({r["Donor"] for r in donors}),
            Provenance(f"number of distinct Donors in the Cooperation rows for {year}", refs(donors, "Donor")),
        ),
        "cooperation.recipients": (
            len({r["Recipient"] for r in recipients}),
            Provenance(
                f"number of distinct Recipients (Global aside) in the Cooperation rows for {year}",
                refs(recipients, "Recipient"),
            ),
        ),
        "va.focal_points": (
            len(focal),
            Provenance(f"number of VictimAssistance rows for {year} with Focal point Yes", refs(focal, "Focal point")),
        ),
        "va.national_plans": (
            len(plans),
            Provenance(
                f"number of VictimAssistance rows for {year} with National plan Yes", refs(plans, "National plan")
            ),
        ),
        "extensions.pending": (
            len(pending),
            Provenance("number of ExtensionRequests rows with Status Pending", refs(pending, "Status")),
        ),
        "retention.states": (
            len(retained),
            Provenance(f"number of Retention rows for {year}", refs(retained, "ISO3")),
        ),
        "retention.munitions": (
            int(sum(number(r, "Munitions retained") for r in retained)),
            Provenance(
                f"sum of Munitions retained over the Retention rows for {year}", refs(retained, "Munitions retained")
            ),
        ),
        "retention.submunitions": (
            int(sum(number(r, "Submunitions retained") for r in retained)),
            Provenance(
                f"sum of Submunitions retained over the Retention rows for {year}",
                refs(retained, "Submunitions retained"),
            ),
        ),
        "retention.no_purpose": (
            len(no_purpose),
            Provenance(f"number of Retention rows for {year} with no Purpose", refs(retained, "Purpose")),
        ),
        "risk_education.reached": (
            int(sum(number(r, c) for r in education for c in people)),
            Provenance(
                f"sum of Women + Men + Girls + Boys over the RiskEducation rows for {year}", refs(education, *people)
            ),
        ),
        "risk_education.children": (
            int(sum(number(r, c) for r in education for c in children)),
            Provenance(f"sum of Girls + Boys over the RiskEducation rows for {year}", refs(education, *children)),
        ),
        "clearance.released_total_km2": (
            sum(number(r, "Area cleared") + number(r, "Area released by survey") for r in cleared),
            Provenance(
                f"sum of Area cleared + Area released by survey over the Clearance rows for {year} (km2)",
                refs(cleared, "Area cleared", "Area released by survey"),
            ),
        ),
    }
