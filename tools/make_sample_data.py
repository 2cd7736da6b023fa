"""Build the illustrative sample workbook ``inputs/data/states-parties.xlsx``.

Reads ``pipeline/reference/states.csv`` (the States and their treaty dates) and
``inputs/data/schema.yaml`` (the sheets and their columns) and writes a workbook
with these sheets:

* ``About``    a few lines saying what the workbook is;
* ``States``   every row of states.csv whose status is not "Non-party";
* ``Article7`` the Article 7 transparency reports due from States Parties: one
  initial report each, and annual reports for 2022, 2023 and 2024. The
  submission dates are *invented* (seeded random), not real reports;
* ``Stockpiles``, ``Retention``, ``Clearance``, ``ExtensionRequests``,
  ``RiskEducation``, ``VictimAssistance``, ``Cooperation`` and
  ``NationalImplementation``: thematic figures per State and year, ILLUSTRATIVE
  (invented, realistic in size and shape, arithmetically consistent); only the
  treaty deadlines and the lists of States taken from CCM.md are real. Each is
  drawn from its own seeded random.Random, so States and Article7 never change
  because of them;
* ``Contacts``: whom ``ccm-report remind`` writes to about each State Party's
  Article 7 reports: ILLUSTRATIVE addresses at example.org (reserved for
  examples), in the State's language where ccm-report has reminder templates.

Before building, the script checks states.csv: counts per status and region,
unique ISO3 codes, consistent dates, and that the ``entry_into_force`` column
follows Article 17 of the Convention. ``--fix-eif`` rewrites that column from
the rule instead of failing. After building, it reopens the workbook, checks it
against schema.yaml and the rule again, checks the thematic sheets' arithmetic
(remaining = previous remaining - destroyed/cleared/released, never negative,
deadlines from entry into force, extension requests matching the Clearance rows),
and checks that a second build gives the same bytes.

Run: ``.venv/bin/python tools/make_sample_data.py [--fix-eif]``
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import math
import random
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import yaml
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parent.parent
STATES_CSV = ROOT / "pipeline" / "reference" / "states.csv"
VARIANTS_CSV = ROOT / "pipeline" / "reference" / "name-variants.csv"
SCHEMA_YAML = ROOT / "inputs" / "data" / "schema.yaml"
OUT_XLSX = ROOT / "inputs" / "data" / "states-parties.xlsx"

CSV_COLUMNS = [
    "iso3",
    "name_en",
    "name_fr",
    "name_es",
    "region",
    "status",
    "signature",
    "deposit",
    "instrument",
    "entry_into_force",
    "withdrawal",
]
REGIONS = ["Africa", "Americas", "Asia-Pacific", "Europe"]
STATUSES = ["State Party", "Signatory", "Former State Party", "Non-party"]
INSTRUMENTS = ["Ratification", "Accession"]

# What states-parties.md says (late 2025).
EXPECTED = {
    ("State Party", "Africa"): 36,
    ("State Party", "Americas"): 25,
    ("State Party", "Asia-Pacific"): 18,
    ("State Party", "Europe"): 33,
}
EXPECTED_STATUS = {"State Party": 112, "Signatory": 12, "Former State Party": 1}

# Article 17: the Convention entered into force on the first day of the sixth month
# after the month of the 30th deposit; for later States, on the first day of the
# sixth month after the month of their own deposit.
THRESHOLD_DEPOSITS = 30
MONTHS_TO_EIF = 6
INITIAL_REPORT_DAYS = 180  # Art. 7.1: initial report within 180 days of EIF
ANNUAL_DUE = (4, 30)  # Art. 7.2: annual report by 30 April
ANNUAL_YEARS = (2022, 2023, 2024)  # calendar years covered by the sample's annual reports

SEED = 2025
FIXED_STAMP = dt.datetime(2025, 7, 1, 0, 0, 0)  # workbook properties and zip entry times
SNAPSHOT = dt.date(2025, 6, 30)  # Article 7 data "as of": end of reporting window
DATE_FORMAT = "yyyy-mm-dd"

# Small or low-capacity States among which the sample picks its chronic
# non-reporters. Illustrative only: the real record is in the ISU's tables.
CHRONIC_POOL = [
    "ATG",
    "BDI",
    "BLZ",
    "COK",
    "COM",
    "CPV",
    "GIN",
    "GMB",
    "GNB",
    "GRD",
    "GUY",
    "KNA",
    "LCA",
    "LSO",
    "MDG",
    "MLI",
    "MRT",
    "NER",
    "NIU",
    "NRU",
    "PLW",
    "RWA",
    "SLE",
    "SOM",
    "SSD",
    "STP",
    "SYC",
    "TCD",
    "TGO",
    "VCT",
    "WSM",
]
N_CHRONIC = 16
N_NEVER_INITIAL = 5


class DataError(Exception):
    pass


# --- dates and the Article 17 rule ---------------------------------------------------


def parse_date(text: str, where: str) -> dt.date | None:
    if text == "":
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DataError(f"{where}: {text!r} is not a date in YYYY-MM-DD form") from None


def first_of_sixth_month_after(day: dt.date) -> dt.date:
    months = day.year * 12 + (day.month - 1) + MONTHS_TO_EIF
    return dt.date(months // 12, months % 12 + 1, 1)


def entry_into_force(deposits: dict[str, dt.date]) -> dict[str, dt.date]:
    """EIF per ISO3 from the deposit dates of everyone who ever deposited (Art. 17)."""
    ordered = sorted(deposits.values())
    if len(ordered) < THRESHOLD_DEPOSITS:
        raise DataError(f"only {len(ordered)} deposits: the Convention is not in force")
    threshold_day = ordered[THRESHOLD_DEPOSITS - 1]
    convention_eif = first_of_sixth_month_after(threshold_day)
    first = [iso for iso, d in deposits.items() if d <= threshold_day]
    if len(first) != THRESHOLD_DEPOSITS:
        raise DataError(
            f"{len(first)} deposits on or before the 30th ({threshold_day}); "
            "expected exactly 30: check the deposit dates"
        )
    return {iso: convention_eif if d <= threshold_day else first_of_sixth_month_after(d) for iso, d in deposits.items()}


# --- states.csv ------------------------------------------------------------------------


def read_states() -> list[dict]:
    with STATES_CSV.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != CSV_COLUMNS:
            raise DataError(f"{STATES_CSV.name}: header must be {','.join(CSV_COLUMNS)}")
        rows = list(reader)
    for i, row in enumerate(rows, start=2):
        where = f"{STATES_CSV.name} line {i} ({row['iso3']})"
        row["_where"] = where
        for key in ("signature", "deposit", "entry_into_force", "withdrawal"):
            row["_" + key] = parse_date(row[key], f"{where}, {key}")
    return rows


def write_states(rows: list[dict]) -> None:
    with STATES_CSV.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        for row in rows:
            w.writerow([row[c] for c in CSV_COLUMNS])


def check_states(rows: list[dict], fix_eif: bool) -> list[str]:
    """Validate states.csv; return the problems found (and fix EIF if asked)."""
    problems = []
    seen = Counter(row["iso3"] for row in rows)
    problems += [f"duplicate iso3 {iso}" for iso, n in seen.items() if n > 1]
    for row in rows:
        w, st = row["_where"], row["status"]
        if not re.fullmatch(r"[A-Z]{3}", row["iso3"]):
            problems.append(f"{w}: iso3 must be three capital letters")
        if st not in STATUSES:
            problems.append(f"{w}: status {st!r} not one of {STATUSES}")
        if row["region"] not in REGIONS:
            problems.append(f"{w}: region {row['region']!r} not one of {REGIONS}")
        for key in ("name_en", "name_fr", "name_es"):
            if not row[key].strip():
                problems.append(f"{w}: {key} is empty")
        has_dep = row["_deposit"] is not None
        if st in ("State Party", "Former State Party"):
            if not has_dep or row["instrument"] not in INSTRUMENTS:
                problems.append(f"{w}: a {st} needs a deposit date and an instrument")
            if row["instrument"] == "Ratification" and row["_signature"] is None:
                problems.append(f"{w}: ratification without a signature date")
            if row["instrument"] == "Accession" and row["_signature"] is not None:
                problems.append(f"{w}: accession with a signature date")
            if row["_signature"] and has_dep and row["_signature"] > row["_deposit"]:
                problems.append(f"{w}: signature after deposit")
        if st == "Signatory" and (has_dep or row["instrument"] or row["_signature"] is None):
            problems.append(f"{w}: a signatory has a signature date and no deposit/instrument")
        if st == "Non-party" and any(
            row[k] for k in ("signature", "deposit", "instrument", "entry_into_force", "withdrawal")
        ):
            problems.append(f"{w}: a non-party row holds names and region only")
        if (st == "Former State Party") != (row["_withdrawal"] is not None):
            problems.append(f"{w}: withdrawal date iff Former State Party")

    counts = Counter(row["status"] for row in rows)
    for st, n in EXPECTED_STATUS.items():
        if counts[st] != n:
            problems.append(f"{counts[st]} rows with status {st!r}, expected {n}")
    by_region = Counter((row["status"], row["region"]) for row in rows)
    for key, n in EXPECTED.items():
        if by_region[key] != n:
            problems.append(f"{by_region[key]} {key[0]} rows in {key[1]}, expected {n}")

    deposits = {row["iso3"]: row["_deposit"] for row in rows if row["_deposit"] is not None}
    try:
        eif = entry_into_force(deposits)
    except DataError as e:
        return problems + [str(e)]
    wrong = []
    for row in rows:
        want = eif.get(row["iso3"])
        if row["_entry_into_force"] != want:
            wrong.append(row)
            row["entry_into_force"] = want.isoformat() if want else ""
            row["_entry_into_force"] = want
    if wrong and fix_eif:
        write_states(rows)
        print(f"{STATES_CSV.relative_to(ROOT)}: entry_into_force rewritten for {len(wrong)} rows")
    elif wrong:
        problems += [
            f"{r['_where']}: entry_into_force should be {r['entry_into_force'] or 'empty'}"
            " (Art. 17); run with --fix-eif to rewrite the column"
            for r in wrong
        ]
    return problems


def check_variants(rows: list[dict]) -> list[str]:
    problems = []
    known = {row["iso3"] for row in rows}
    official = {row["name_en"].casefold() for row in rows}
    with VARIANTS_CSV.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ["variant", "iso3"]:
            problems.append(f"{VARIANTS_CSV.name}: header must be variant,iso3")
            return problems
        variants = list(reader)
    seen = Counter(v["variant"].casefold() for v in variants)
    problems += [f"{VARIANTS_CSV.name}: variant {v!r} listed twice" for v, n in seen.items() if n > 1]
    for v in variants:
        if v["iso3"] not in known:
            problems.append(f"{VARIANTS_CSV.name}: {v['variant']!r} -> {v['iso3']}, not in states.csv")
        if v["variant"].casefold() in official:
            problems.append(f"{VARIANTS_CSV.name}: {v['variant']!r} is a UN short name, not a variant")
    return problems


# --- the sample Article 7 record -----------------------------------------------------------


def _weekday_back(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d


def _weekday_forward(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def _on_time(rng: random.Random, due: dt.date, spread: int) -> dt.date:
    return _weekday_back(due - dt.timedelta(days=int(rng.triangular(0, spread, 4))))


def _late(rng: random.Random, due: dt.date, low: int, high: int, mode: int) -> dt.date | None:
    d = _weekday_forward(due + dt.timedelta(days=int(rng.triangular(low, high, mode))))
    return d if d <= SNAPSHOT else None  # not received by the snapshot date


def article7_rows(states: list[dict]) -> list[dict]:
    """Reports due by SNAPSHOT from every State bound at the time (invented dates)."""
    rng = random.Random(SEED)
    bound = sorted(
        (
            s
            for s in states
            if s["status"] in ("State Party", "Former State Party") and s["_entry_into_force"] <= SNAPSHOT
        ),
        key=lambda s: s["iso3"],
    )
    isos = {s["iso3"] for s in bound}
    pool = [iso for iso in CHRONIC_POOL if iso in isos]
    chronic = set(rng.sample(pool, N_CHRONIC))
    never_initial = set(rng.sample(sorted(chronic), N_NEVER_INITIAL))
    profile = {}
    for s in bound:
        draw = rng.random()
        profile[s["iso3"]] = "chronic" if s["iso3"] in chronic else "irregular" if draw < 0.29 else "reliable"
    # annual report: P(on time), P(late); the rest are not received
    odds = {"reliable": (0.90, 0.08), "irregular": (0.50, 0.30), "chronic": (0.05, 0.15)}

    out = []
    for s in bound:
        iso, eif, gone = s["iso3"], s["_entry_into_force"], s["_withdrawal"]
        due = eif + dt.timedelta(days=INITIAL_REPORT_DAYS)
        draw = rng.random()
        if iso in never_initial:
            sub = None
        elif draw < 0.72:
            sub = _on_time(rng, due, 120)
        elif draw < 0.90:
            sub = _late(rng, due, 1, 120, 30)
        else:
            sub = _late(rng, due, 121, 1500, 300)
        out.append(dict(iso3=iso, state=s["name_en"], report="Initial", year=eif.year, due=due, submitted=sub))
        p_on, p_late = odds[profile[iso]]
        for year in ANNUAL_YEARS:
            due = dt.date(year + 1, *ANNUAL_DUE)
            if eif > dt.date(year, 12, 31) or (gone is not None and gone <= due) or due > SNAPSHOT:
                continue
            draw = rng.random()
            if draw < p_on:
                sub = _on_time(rng, due, 90)
            elif draw < p_on + p_late:
                sub = _late(rng, due, 1, 300, 20)
            else:
                sub = None
            out.append(dict(iso3=iso, state=s["name_en"], report="Annual", year=year, due=due, submitted=sub))
    out.sort(key=lambda r: (r["state"], r["report"] != "Initial", r["year"]))
    return out


# --- the thematic sheets (illustrative) -------------------------------------------------------
#
# Every figure below is ILLUSTRATIVE: realistic in size and shape, not the States' reported
# figures. Only the treaty rules (deadlines from entry into force) and the lists of States that
# CCM.md gives are real. Each sheet draws from its own random.Random, seeded from SEED and the
# sheet's name, so the States and Article7 sheets (drawn from random.Random(SEED)) never change
# when these do, and changing one of these sheets leaves the others as they were.

EXTRA_SHEETS = [
    "Stockpiles",
    "Retention",
    "Clearance",
    "ExtensionRequests",
    "RiskEducation",
    "VictimAssistance",
    "Cooperation",
    "NationalImplementation",
]
# Last, so that the sheets before it keep their parts (sheet1.xml ...) and their bytes.
SHEET_ORDER = ["About", "States", "Article7", *EXTRA_SHEETS, "Contacts", "ExtensionPlans"]

STOCKPILE_YEARS = (2022, 2023, 2024)
DESTRUCTION_YEARS = 8  # Art. 3.2: destroy stockpiles within 8 years of entry into force
CLEARANCE_YEARS = 10  # Art. 4.1: clear contaminated areas within 10 years
MAX_EXTENSION_YEARS = {"Stockpiles": 4, "Clearance": 5}  # Art. 3.3 and Art. 4.5
REQUEST_LEAD_MONTHS = 9  # Art. 4.6: a request is submitted 9 months before the meeting

# Article 3. The four States with destruction obligations in recent years (all completed by
# 2024), and two that completed earlier (one row, for the year they completed).
# iso3: munitions and submunitions declared; left to destroy on 1 January of the first year;
# extension until; completion date. Quantities and dates are invented.
STOCKPILES = {
    "BGR": dict(declared=(6862, 212_840), left=(1904, 58_410), ext=dt.date(2024, 10, 1), done=dt.date(2024, 9, 18)),
    "PER": dict(declared=(2997, 91_360), left=(720, 21_950), ext=dt.date(2024, 3, 1), done=dt.date(2024, 2, 22)),
    "SVK": dict(declared=(8418, 247_930), left=(1655, 46_870), ext=None, done=dt.date(2023, 10, 27)),
    "ZAF": dict(declared=(1563, 42_660), left=(418, 11_390), ext=None, done=dt.date(2023, 6, 14)),
    "DEU": dict(declared=(61_649, 3_402_660), left=(3120, 171_580), ext=None, done=dt.date(2015, 11, 25)),
    "CHE": dict(declared=(12_400, 883_750), left=(1045, 74_620), ext=None, done=dt.date(2019, 8, 30)),
}

# Munitions kept for training and for developing detection and destruction techniques (Art. 3.6).
# iso3: munitions and submunitions retained at the end of 2023 (invented).
RETENTION = {
    "BEL": (23, 1_610),
    "BGR": (14, 420),
    "CZE": (52, 2_880),
    "DEU": (411, 21_950),
    "ESP": (352, 17_260),
    "FRA": (580, 28_260),
    "ITA": (240, 12_720),
    "NLD": (96, 4_930),
    "SVK": (28, 860),
    "SWE": (15, 720),
}
RETENTION_YEARS = (2023, 2024)
RETENTION_PURPOSES = [
    "Training of explosive ordnance disposal personnel",
    "Development and testing of detection, clearance and destruction techniques",
    "Training of explosive ordnance disposal personnel; development of destruction techniques",
]

# Article 4: an ILLUSTRATIVE list of ten States with clearance obligations.
# iso3: area at entry into force and area left on 1 January 2022 (km2); yearly clearance and
# release by survey as shares of that area; extensions granted as (year of the meeting, new
# deadline). Areas are invented; Lao PDR is by far the most contaminated.
CLEARANCE_YEARS_SHOWN = (2022, 2023, 2024)
CLEARANCE = {
    "AFG": dict(baseline=15.4, left=3.12, clear=0.16, release=0.10, ext=[(2021, dt.date(2027, 3, 1))]),
    "BIH": dict(
        baseline=12.25,
        left=1.86,
        clear=0.18,
        release=0.12,
        ext=[(2020, dt.date(2023, 9, 1)), (2023, dt.date(2028, 3, 1))],
    ),
    "TCD": dict(baseline=24.3, left=11.48, clear=0.06, release=0.10, ext=[(2022, dt.date(2027, 9, 1))]),
    "CHL": dict(baseline=64.95, left=51.62, clear=0.025, release=0.04, ext=[(2020, dt.date(2026, 6, 1))]),
    "DEU": dict(
        baseline=11.0,
        left=5.96,
        clear=0.07,
        release=0.02,
        ext=[(2019, dt.date(2025, 8, 1)), (2024, dt.date(2027, 8, 1))],
    ),
    "IRQ": dict(baseline=232.8, left=187.4, clear=0.035, release=0.05, ext=[(2023, dt.date(2028, 11, 1))]),
    "LAO": dict(
        baseline=8470.0,
        left=7940.0,
        clear=0.0075,
        release=0.0055,
        ext=[(2019, dt.date(2025, 8, 1)), (2024, dt.date(2030, 8, 1))],
    ),
    "LBN": dict(baseline=55.72, left=14.35, clear=0.07, release=0.05, ext=[(2020, dt.date(2026, 5, 1))]),
    "MRT": dict(baseline=0.14, left=0.061, clear=0.12, release=0.08, ext=[(2021, dt.date(2027, 8, 1))]),
    "SOM": dict(baseline=6.1, left=4.92, clear=0.03, release=0.05, ext=[]),
}
AREA_UNIT = 1000  # areas are drawn in thousandths of a km2 (0.1 ha) and written with 3 decimals

# Article 4 extension requests: (iso3, meeting, meeting opens, submitted, requested deadline,
# status). 12MSP opened on 10 September 2024, 13MSP on 16 September 2025 (CCM.md).
EXTENSION_REQUESTS = [
    ("DEU", "12MSP", dt.date(2024, 9, 10), dt.date(2023, 11, 30), dt.date(2027, 8, 1), "Granted"),
    ("LAO", "12MSP", dt.date(2024, 9, 10), dt.date(2023, 12, 6), dt.date(2030, 8, 1), "Granted"),
    ("CHL", "13MSP", dt.date(2025, 9, 16), dt.date(2024, 11, 29), dt.date(2029, 6, 1), "Pending"),
    ("LBN", "13MSP", dt.date(2025, 9, 16), dt.date(2024, 12, 10), dt.date(2031, 5, 1), "Pending"),
    ("SOM", "13MSP", dt.date(2025, 9, 16), dt.date(2024, 12, 13), dt.date(2031, 3, 1), "Pending"),
]
# When and by which decision (final report, paragraph) the granted requests were granted (invented).
DECISIONS = {
    ("CHL", "2RC"): (dt.date(2020, 11, 27), "CCM/CONF/2021/6, para. 41"),
    ("LBN", "2RC"): (dt.date(2020, 11, 27), "CCM/CONF/2021/6, para. 42"),
    ("DEU", "12MSP"): (dt.date(2024, 9, 13), "CCM/MSP/2024/11, para. 31"),
    ("LAO", "12MSP"): (dt.date(2024, 9, 13), "CCM/MSP/2024/11, para. 32"),
}
# Requests granted before the years of the Clearance sheet, by the Second Review Conference (first
# part opened on 25 November 2020): (iso3, meeting, opens, submitted, requested, area remaining at
# the end of 2019 in km2). Invented, and consistent with CLEARANCE's extensions and areas.
EARLIER_REQUESTS = [
    ("CHL", "2RC", dt.date(2020, 11, 25), dt.date(2020, 2, 14), dt.date(2026, 6, 1), 55.31),
    ("LBN", "2RC", dt.date(2020, 11, 25), dt.date(2020, 2, 20), dt.date(2026, 5, 1), 19.84),
]
# The work plans of the pending requests (ExtensionPlans sheet), ILLUSTRATIVE: iso3: (first year,
# the area to release each year but the last, which takes what remains (km2); the budget and the
# funds secured each year (US dollars)). Somalia's request has no plan in the data.
EXTENSION_PLANS = {
    "CHL": (
        2025,
        [6.5, 9.0, 10.0, 10.0],
        [3_200_000, 4_100_000, 4_500_000, 4_500_000, 3_300_000],
        [3_200_000, 4_100_000, 0, 0, 0],
    ),
    "LBN": (
        2025,
        [1.6, 1.7, 1.7, 1.7, 1.6, 1.3],
        [9_400_000, 9_600_000, 9_600_000, 9_200_000, 8_800_000, 7_500_000, 3_100_000],
        [7_800_000, 4_000_000, 0, 0, 0, 0, 0],
    ),
}

# Risk education: beneficiaries a year, roughly (invented).
RISK_EDUCATION_SIZE = {
    "AFG": 310_000,
    "BIH": 14_500,
    "TCD": 26_000,
    "CHL": 900,
    "DEU": 350,
    "IRQ": 118_000,
    "LAO": 182_000,
    "LBN": 41_000,
    "MRT": 3_200,
    "SOM": 58_000,
}
RISK_EDUCATION_YEARS = (2023, 2024)
RE_SHARES = {"Women": 0.22, "Men": 0.20, "Girls": 0.27, "Boys": 0.31}

# Article 5: the 11 States Parties with victim assistance obligations (CCM.md); new cluster
# munition casualties a year, roughly (invented), and the share of them that are children.
VICTIM_ASSISTANCE = {
    "AFG": 9,
    "ALB": 0,
    "BIH": 0.4,
    "TCD": 1.5,
    "HRV": 0,
    "GNB": 0.3,
    "IRQ": 14,
    "LAO": 42,
    "LBN": 5,
    "MNE": 0,
    "SOM": 2.5,
}
VICTIM_ASSISTANCE_YEARS = (2023, 2024)

# Victims (survivors, affected families) who received assistance in the year, by sex and age
# (invented sizes). None: the State reports assistance without sex and age, so the four cells stay
# empty, as the gender chapter's share of States reporting disaggregated figures needs.
VA_ASSISTED = {
    "AFG": 5200,
    "ALB": 40,
    "BIH": 310,
    "TCD": None,
    "HRV": 90,
    "GNB": None,
    "IRQ": 2400,
    "LAO": 1800,
    "LBN": 650,
    "MNE": 25,
    "SOM": 700,
}
VA_ASSISTED_SHARES = {"Assisted women": 0.17, "Assisted men": 0.51, "Assisted girls": 0.10, "Assisted boys": 0.22}

# International cooperation and assistance in 2024 (invented amounts).
COOPERATION_YEAR = 2024
DONORS = {
    "AUS": "AUD",
    "AUT": "EUR",
    "CAN": "CAD",
    "CHE": "CHF",
    "DEU": "EUR",
    "DNK": "DKK",
    "FRA": "EUR",
    "GBR": "GBP",
    "IRL": "EUR",
    "JPN": "JPY",
    "NOR": "NOK",
    "NZL": "NZD",
}
PER_USD = {
    "USD": 1.0,
    "EUR": 0.92,
    "CHF": 0.88,
    "GBP": 0.79,
    "JPY": 151.0,
    "NOK": 10.8,
    "AUD": 1.52,
    "NZD": 1.66,
    "CAD": 1.37,
    "SEK": 10.6,
    "DKK": 6.9,
}
N_COOPERATION = 40
SELF_FUNDED = {"CHL"}  # besides the donors themselves
AID_WEIGHT = {"LAO": 7, "IRQ": 4, "LBN": 4, "AFG": 3, "SOM": 3, "TCD": 2, "BIH": 2}  # others 1
PILLAR_WEIGHT = {"Clearance": 4, "Risk education": 1.5, "Victim assistance": 1.5}

# National implementation measures (Art. 9): how many States Parties in each status.
NIM_COUNTS = {"Specific legislation": 35, "Existing legislation sufficient": 20, "Legislation in preparation": 15}
NIM_SPECIFIC = [
    "Law on the Prohibition of Cluster Munitions",
    "Cluster Munitions (Prohibition) Act",
    "Act implementing the Convention on Cluster Munitions",
    "Amendment to the Criminal Code (cluster munitions)",
    "Decree on the implementation of the Convention on Cluster Munitions",
]
NIM_EXISTING = [
    "Criminal Code and Weapons Act",
    "Arms and Ammunition Act",
    "Penal Code and law on war materiel",
    "Constitution (treaties directly applicable) and Penal Code",
]
NIM_DRAFT = [
    "Draft law on cluster munitions",
    "Draft amendment to the Weapons Act",
    "Draft regulations under the Arms Act",
]


def _rng(sheet: str) -> random.Random:
    return random.Random(f"{SEED}:{sheet}")


def _add_years(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years)


def _years_between(start: dt.date, end: dt.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def stockpile_rows(by_iso: dict[str, dict]) -> list[dict]:
    rng = _rng("Stockpiles")
    out = []
    for iso, spec in STOCKPILES.items():
        s = by_iso[iso]
        deadline = _add_years(s["_entry_into_force"], DESTRUCTION_YEARS)
        done = spec["done"]
        years = STOCKPILE_YEARS if done.year >= STOCKPILE_YEARS[0] else (done.year,)
        left = list(spec["left"])
        # share of what is left on 1 January that is destroyed in each year before completion
        for year in years:
            if year < done.year:
                share = rng.uniform(0.35, 0.6) if year < done.year - 1 else rng.uniform(0.55, 0.8)
                destroyed = [round(left[0] * share), round(left[1] * share * rng.uniform(0.95, 1.05))]
                destroyed = [min(d, l - 1) for d, l in zip(destroyed, left, strict=False)]
            elif year == done.year:
                destroyed = left[:]
            else:
                destroyed = [0, 0]
            left = [l - d for l, d in zip(left, destroyed, strict=False)]
            out.append(
                {
                    "ISO3": iso,
                    "State": s["name_en"],
                    "Year": year,
                    "Munitions declared": spec["declared"][0],
                    "Submunitions declared": spec["declared"][1],
                    "Munitions destroyed": destroyed[0],
                    "Submunitions destroyed": destroyed[1],
                    "Munitions remaining": left[0],
                    "Submunitions remaining": left[1],
                    "Deadline": deadline,
                    "Extension until": spec["ext"],
                    "Completed": done if year >= done.year else None,
                }
            )
    out.sort(key=lambda r: (r["State"], r["Year"]))
    return out


def retention_rows(by_iso: dict[str, dict]) -> list[dict]:
    rng = _rng("Retention")
    out = []
    for iso, (munitions, submunitions) in RETENTION.items():
        purpose = rng.choice(RETENTION_PURPOSES)
        for year in RETENTION_YEARS:
            if year > RETENTION_YEARS[0] and rng.random() < 0.6:  # some used in training
                used = rng.randint(1, max(1, munitions // 12))
                per = submunitions / munitions
                munitions -= used
                submunitions -= round(used * per)
            out.append(
                {
                    "ISO3": iso,
                    "State": by_iso[iso]["name_en"],
                    "Year": year,
                    "Munitions retained": munitions,
                    "Submunitions retained": submunitions,
                    "Purpose": purpose,
                }
            )
    out.sort(key=lambda r: (r["State"], r["Year"]))
    return out


def _deadline_in_force(eif: dt.date, extensions: list, year: int) -> tuple[dt.date, dt.date | None]:
    """(deadline in force on 31 December of ``year``, the extended deadline if there is one)."""
    granted = [d for meeting_year, d in extensions if meeting_year <= year]
    return (granted[-1], granted[-1]) if granted else (_add_years(eif, CLEARANCE_YEARS), None)


def clearance_rows(by_iso: dict[str, dict]) -> list[dict]:
    rng = _rng("Clearance")
    survey = _rng("Clearance survey")  # its own draws: the other figures stay as they were
    out = []
    for iso, spec in CLEARANCE.items():
        s = by_iso[iso]
        baseline = round(spec["baseline"] * AREA_UNIT)
        left = round(spec["left"] * AREA_UNIT)
        for year in CLEARANCE_YEARS_SHOWN:
            cleared = min(left, round(left * spec["clear"] * rng.uniform(0.7, 1.3)))
            released = min(left - cleared, round(left * spec["release"] * rng.uniform(0.5, 1.5)))
            left -= cleared + released
            cancelled = round(released * survey.uniform(0.3, 0.6))  # the rest reduced by technical survey
            deadline, extended = _deadline_in_force(s["_entry_into_force"], spec["ext"], year)
            out.append(
                {
                    "ISO3": iso,
                    "State": s["name_en"],
                    "Year": year,
                    "Area at baseline": baseline / AREA_UNIT,
                    "Area cleared": cleared / AREA_UNIT,
                    "Area released by survey": released / AREA_UNIT,
                    "Area remaining": left / AREA_UNIT,
                    "Deadline": deadline,
                    "Extension until": extended,
                    "Area cancelled": cancelled / AREA_UNIT,
                    "Area reduced": (released - cancelled) / AREA_UNIT,
                }
            )
    out.sort(key=lambda r: (r["State"], r["Year"]))
    return out


def extension_request_rows(by_iso: dict[str, dict], clearance: list[dict]) -> list[dict]:
    """Each request gives the figures of the Clearance row for the year before its meeting."""
    area = {(r["ISO3"], r["Year"]): r for r in clearance}
    out = []
    for iso, meeting, opens, submitted, requested, status in EXTENSION_REQUESTS:
        row = area[(iso, opens.year - 1)]
        current = _deadline_in_force(by_iso[iso]["_entry_into_force"], CLEARANCE[iso]["ext"], opens.year - 1)[0]
        baseline, remaining = round(row["Area at baseline"] * AREA_UNIT), round(row["Area remaining"] * AREA_UNIT)
        out.append(_request_row(by_iso, iso, meeting, submitted, current, requested, baseline, remaining, status))
    for iso, meeting, _opens, submitted, requested, left in EARLIER_REQUESTS:
        current = _add_years(by_iso[iso]["_entry_into_force"], CLEARANCE_YEARS)
        baseline, remaining = round(CLEARANCE[iso]["baseline"] * AREA_UNIT), round(left * AREA_UNIT)
        out.append(_request_row(by_iso, iso, meeting, submitted, current, requested, baseline, remaining, "Granted"))
    out.sort(key=lambda r: (r["Meeting"], r["State"]))  # "2RC" after "13MSP": the rows before keep their places
    return out


def _request_row(by_iso, iso, meeting, submitted, current, requested, baseline, remaining, status) -> dict:
    """One ExtensionRequests row; areas in AREA_UNIT steps, so that the three add up exactly."""
    decided, decision = DECISIONS.get((iso, meeting), (None, None))
    return {
        "ISO3": iso,
        "State": by_iso[iso]["name_en"],
        "Meeting": meeting,
        "Submitted": submitted,
        "Current deadline": current,
        "Requested deadline": requested,
        "Years requested": _years_between(current, requested),
        "Area at entry into force": baseline / AREA_UNIT,
        "Area cleared since": (baseline - remaining) / AREA_UNIT,
        "Area remaining": remaining / AREA_UNIT,
        "Status": status,
        "Decided": decided,
        "Decision": decision,
    }


def extension_plan_rows(by_iso: dict[str, dict], requests: list[dict]) -> list[dict]:
    """The pending requests' work plans: the last year releases what the others leave."""
    out = []
    for r in requests:
        if r["Status"] != "Pending" or r["ISO3"] not in EXTENSION_PLANS:
            continue
        first, areas, budgets, secured = EXTENSION_PLANS[r["ISO3"]]
        last = round(r["Area remaining"] * AREA_UNIT) - sum(round(a * AREA_UNIT) for a in areas)
        for i, area in enumerate([round(a * AREA_UNIT) for a in areas] + [last]):
            out.append(
                {
                    "ISO3": r["ISO3"],
                    "State": by_iso[r["ISO3"]]["name_en"],
                    "Meeting": r["Meeting"],
                    "Year": first + i,
                    "Area to release": area / AREA_UNIT,
                    "Budget": budgets[i],
                    "Secured": secured[i],
                }
            )
    return out


def _split(rng: random.Random, total: int, shares: dict[str, float]) -> dict[str, int]:
    return {k: round(total * v * rng.uniform(0.85, 1.15)) for k, v in shares.items()}


def risk_education_rows(by_iso: dict[str, dict]) -> list[dict]:
    rng = _rng("RiskEducation")
    out = []
    for iso, size in RISK_EDUCATION_SIZE.items():
        for year in RISK_EDUCATION_YEARS:
            total = size * rng.uniform(0.8, 1.2)
            out.append(
                {"ISO3": iso, "State": by_iso[iso]["name_en"], "Year": year, **_split(rng, round(total), RE_SHARES)}
            )
    out.sort(key=lambda r: (r["State"], r["Year"]))
    return out


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    n, limit, p = 0, math.exp(-mean), rng.random()
    while p > limit:
        n += 1
        p *= rng.random()
    return n


def victim_assistance_rows(by_iso: dict[str, dict]) -> list[dict]:
    rng = _rng("VictimAssistance")
    out = []
    for iso, mean in VICTIM_ASSISTANCE.items():
        focal = "Yes" if rng.random() < 0.9 else "No"
        plan = "Yes" if rng.random() < 0.6 else "No"
        for year in VICTIM_ASSISTANCE_YEARS:
            n = _poisson(rng, mean)
            counts = Counter(
                rng.choices(
                    ["Casualties women", "Casualties men", "Casualties girls", "Casualties boys"],
                    weights=[6, 24, 12, 58],
                    k=n,
                )
            )
            out.append(
                {
                    "ISO3": iso,
                    "State": by_iso[iso]["name_en"],
                    "Year": year,
                    **{
                        k: counts[k]
                        for k in ("Casualties women", "Casualties men", "Casualties girls", "Casualties boys")
                    },
                    "Focal point": focal,
                    "National plan": plan,
                }
            )
    out.sort(key=lambda r: (r["State"], r["Year"]))
    return with_assisted(out)


def with_assisted(rows: list[dict]) -> list[dict]:
    """The VictimAssistance rows with the people assisted by sex and age, from a random.Random of their
    own so that the casualties drawn before them stay as they were."""
    rng = _rng("VictimAssistance assisted")
    for row in rows:
        size = VA_ASSISTED[row["ISO3"]]
        drawn = _split(rng, round(size * rng.uniform(0.9, 1.1)), VA_ASSISTED_SHARES) if size else {}
        row.update({column: drawn.get(column) for column in VA_ASSISTED_SHARES})
    return rows


def cooperation_rows() -> list[dict]:
    rng = _rng("Cooperation")
    # States that fund their own clearance (Chile, Germany) receive no contributions here
    affected = sorted((set(CLEARANCE) | set(VICTIM_ASSISTANCE)) - set(DONORS) - SELF_FUNDED)
    pillars_for = {
        iso: (["Clearance", "Risk education"] if iso in CLEARANCE else []) + ["Victim assistance"] for iso in affected
    }
    global_pillars = ["Universalization", "Other", "Victim assistance", "Stockpile destruction"]
    seen: set[tuple] = set()
    out = []
    donors = sorted(DONORS)
    while len(out) < N_COOPERATION:
        donor = donors[len(out) % len(donors)] if len(out) < 2 * len(donors) else rng.choice(donors)
        if rng.random() < 0.2:
            recipient, pillar = "Global", rng.choice(global_pillars)
        else:
            recipient = rng.choices(affected, weights=[AID_WEIGHT.get(i, 1) for i in affected])[0]
            options = pillars_for[recipient]
            pillar = rng.choices(options, weights=[PILLAR_WEIGHT[p] for p in options])[0]
        key = (donor, recipient, pillar)
        if key in seen:
            continue
        seen.add(key)
        currency = "USD" if rng.random() < 0.15 else DONORS[donor]
        usd = {
            "Clearance": rng.lognormvariate(13.6, 0.8),
            "Risk education": rng.lognormvariate(12.3, 0.6),
            "Victim assistance": rng.lognormvariate(12.2, 0.7),
            "Universalization": rng.lognormvariate(10.8, 0.5),
            "Stockpile destruction": rng.lognormvariate(12.0, 0.5),
            "Other": rng.lognormvariate(11.3, 0.6),
        }[pillar]
        step = 100_000 if currency == "JPY" else 1000
        amount = max(step, round(usd * PER_USD[currency] / step) * step)
        out.append(
            {
                "Donor": donor,
                "Recipient": recipient,
                "Year": COOPERATION_YEAR,
                "Amount": amount,
                "Currency": currency,
                "Pillar": pillar,
            }
        )
    out.sort(key=lambda r: (r["Donor"], r["Recipient"] == "Global", r["Recipient"], r["Pillar"]))
    return out


def national_implementation_rows(states: list[dict]) -> list[dict]:
    rng = _rng("NationalImplementation")
    parties = sorted((s for s in states if s["status"] == "State Party"), key=lambda s: s["iso3"])
    # States that report little are more likely not to have reported their measures
    weight = {s["iso3"]: (0.25 if s["iso3"] in CHRONIC_POOL else 1.0) * rng.random() for s in parties}
    weight["VUT"] = -1.0  # bound only from 2026-03-01
    ranked = sorted(parties, key=lambda s: -weight[s["iso3"]])
    status, start = {}, 0
    for label, n in NIM_COUNTS.items():
        for s in ranked[start : start + n]:
            status[s["iso3"]] = label
        start += n
    out = []
    for s in parties:
        label = status.get(s["iso3"], "Not reported")
        instrument, date = None, None
        if label == "Specific legislation":
            instrument = rng.choice(NIM_SPECIFIC)
            date = s["_deposit"] + dt.timedelta(days=rng.randint(-400, 2200))
            date = min(max(date, dt.date(2009, 1, 15)), SNAPSHOT)
        elif label == "Existing legislation sufficient":
            instrument = rng.choice(NIM_EXISTING)
        elif label == "Legislation in preparation":
            instrument = rng.choice(NIM_DRAFT)
        out.append({"ISO3": s["iso3"], "State": s["name_en"], "Status": label, "Instrument": instrument, "Date": date})
    out.sort(key=lambda r: r["State"])
    return out


def extra_rows(states: list[dict]) -> dict[str, list[dict]]:
    by_iso = {s["iso3"]: s for s in states}
    clearance = clearance_rows(by_iso)
    return {
        "Stockpiles": stockpile_rows(by_iso),
        "Retention": retention_rows(by_iso),
        "Clearance": clearance,
        "ExtensionRequests": extension_request_rows(by_iso, clearance),
        "RiskEducation": risk_education_rows(by_iso),
        "VictimAssistance": victim_assistance_rows(by_iso),
        "Cooperation": cooperation_rows(),
        "NationalImplementation": national_implementation_rows(states),
    }


# --- the contacts (illustrative) ----------------------------------------------------------------
#
# The language each State Party's reminders are written in: French or Spanish where it is the
# State's language at the United Nations, Arabic for those that write in Arabic (their reminders
# are in English until templates/email/ar/ exists), English otherwise. The addresses are invented,
# at example.org, which is reserved for examples and never delivers.
CONTACT_LANGUAGES = {
    "fr": "BDI BEL BEN BFA CHE CIV CMR COG COM FRA GIN LUX MCO MDG MLI NER SEN TCD TGO VAT",
    "es": "BOL CHL COL CRI CUB DOM ECU ESP GTM HND MEX NIC PAN PER PRY SLV URY",
    "ar": "IRQ LBN MRT PSE SOM TUN",
}
CONTACT_NAMES = {  # the office written to, in the contact's language; ar: English
    "en": "Article 7 focal point ({name_en})",
    "fr": "Point focal pour l'article 7 ({name_fr})",
    "es": "Punto focal del artículo 7 ({name_es})",
    "ar": "Article 7 focal point ({name_en})",
}


def contact_rows(states: list[dict]) -> list[dict]:
    """One illustrative contact per State Party: article7.<code>@example.org, in its language."""
    language = {iso: lang for lang, codes in CONTACT_LANGUAGES.items() for iso in codes.split()}
    out = []
    for s in sorted((s for s in states if s["status"] == "State Party"), key=lambda s: s["name_en"]):
        lang = language.get(s["iso3"], "en")
        out.append(
            {
                "ISO3": s["iso3"],
                "State": s["name_en"],
                "Name": CONTACT_NAMES[lang].format(**s),
                "Email": f"article7.{s['iso3'].lower()}@example.org",
                "Language": lang,
            }
        )
    return out


# --- the workbook -------------------------------------------------------------------------------


def _sheet(ws, headers: list[str], rows: list[list], widths: dict[str, int]) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top")
    for values in rows:
        ws.append(values)
    for col, cell in enumerate(ws[1], start=1):
        letter = cell.column_letter
        ws.column_dimensions[letter].width = widths.get(cell.value, 14)
        for (c,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            if isinstance(c.value, dt.date):
                c.number_format = DATE_FORMAT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _number_formats(ws, columns: list[dict]) -> None:
    """Thousands separators for counts and amounts; three decimals for areas (km2)."""
    formats = {}
    for i, col in enumerate(columns, start=1):
        if col["type"] == "integer" and col["name"] != "Year":
            formats[i] = "#,##0"
        elif col["type"] == "number":
            formats[i] = "#,##0.000" if col["name"].startswith("Area") else "#,##0"
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.column in formats and cell.value is not None:
                cell.number_format = formats[cell.column]


def _width(values, header: str, cap: int = 60) -> int:
    return min(cap, max(len(str(v)) for v in [header, *values] if v is not None) + 2)


def build_workbook(states: list[dict], schema: dict) -> tuple[bytes, dict]:
    listed = [s for s in states if s["status"] != "Non-party"]
    listed.sort(key=lambda s: s["name_en"])
    reports = article7_rows(states)

    wb = openpyxl.Workbook()
    about = wb.active
    about.title = "About"
    lines = [
        ("ccm-report: illustrative sample data", True),
        ("This workbook is SAMPLE DATA for trying ccm-report. It is not an official record.", False),
        ("", False),
        (
            "States: one row per State Party, signatory and former State Party of the Convention on "
            "Cluster Munitions (membership late 2025), with signature, deposit, instrument, entry into "
            "force (Art. 17) and withdrawal dates, from pipeline/reference/states.csv.",
            False,
        ),
        (
            f"Article7: one row per Article 7 transparency report due from a State bound at the time: "
            f"the initial report (due {INITIAL_REPORT_DAYS} days after entry into force) and the annual "
            f"reports covering {ANNUAL_YEARS[0]}-{ANNUAL_YEARS[-1]} (due 30 April of the following "
            f"year), as they stood on {SNAPSHOT.isoformat()}. The Submitted dates are INVENTED "
            f"(seeded random), not the States' real reports.",
            False,
        ),
        ("", False),
        (
            "The following sheets are ILLUSTRATIVE: their figures are invented (seeded random), realistic "
            "in size and shape and arithmetically consistent, but they are not the States' reported "
            "figures. Deadlines follow the treaty rules from the entry into force dates. Areas are in "
            "square kilometres (km2).",
            False,
        ),
        (
            "Stockpiles: Article 3 stockpile destruction per State and year: munitions and submunitions "
            "declared, destroyed in the year and remaining on 31 December; deadline (entry into force + 8 "
            "years), extension and completion dates. Bulgaria, Peru, Slovakia and South Africa for "
            f"{STOCKPILE_YEARS[0]}-{STOCKPILE_YEARS[-1]}, and two States that completed earlier (their "
            "completion year only).",
            False,
        ),
        (
            f"Retention: munitions and submunitions retained under Article 3.6 by {len(RETENTION)} States, "
            f"{RETENTION_YEARS[0]} and {RETENTION_YEARS[-1]}.",
            False,
        ),
        (
            "Clearance: Article 4 clearance per State and year: area at entry into force, cleared and "
            "released by survey in the year (split into cancelled and reduced), remaining on 31 December "
            "(km2), and deadline. The ten "
            "States listed (Afghanistan, Bosnia and Herzegovina, Chad, Chile, Germany, Iraq, Lao "
            "People's Democratic Republic, Lebanon, Mauritania, Somalia) are an ILLUSTRATIVE list of "
            "States with clearance obligations, and their extensions are invented.",
            False,
        ),
        (
            "ExtensionRequests: Article 4 extension requests: two granted by the Second Review "
            "Conference (2RC, 2020), two granted by the Twelfth Meeting (12MSP) and three pending before "
            "the Thirteenth (13MSP), with the figures of the Clearance sheet for the year before the "
            "meeting (of 2019 for 2RC: invented); the dates and references of the decisions are invented.",
            False,
        ),
        (
            "RiskEducation: risk education beneficiaries (women, men, girls, boys) in the ten "
            f"Clearance States, {RISK_EDUCATION_YEARS[0]} and {RISK_EDUCATION_YEARS[-1]}.",
            False,
        ),
        (
            "VictimAssistance: new cluster munition casualties by sex and age, victim assistance focal "
            "point and national plan, and the victims assisted by sex and age (empty where a State "
            "reports them without sex and age), in the 11 States Parties with Article 5 obligations, "
            f"{VICTIM_ASSISTANCE_YEARS[0]} and {VICTIM_ASSISTANCE_YEARS[-1]}.",
            False,
        ),
        (
            f"Cooperation: contributions made in {COOPERATION_YEAR} by {len(DONORS)} donor States "
            "Parties, per recipient (a State, or Global) and pillar, in the donor's reporting "
            "currency.",
            False,
        ),
        (
            "NationalImplementation: the status of national implementation measures (Article 9) of "
            "every State Party; statuses, instruments and dates are invented.",
            False,
        ),
        (
            "Contacts: whom 'ccm-report remind' writes to about each State Party's Article 7 reports, "
            "and in which language; the names and addresses are invented (example.org is reserved "
            "for examples).",
            False,
        ),
        (
            "ExtensionPlans: ILLUSTRATIVE work plans of the pending extension requests of Chile and "
            "Lebanon: the area each plans to release each year (km2), the year's budget and the funds "
            "secured (US dollars); invented. Somalia's request has no plan here.",
            False,
        ),
        ("", False),
        ("Column names, types and units of every sheet are declared in schema.yaml beside this file.", False),
        ("", False),
        (f"Generated by tools/make_sample_data.py (seed {SEED}), dated {FIXED_STAMP.date().isoformat()}.", False),
    ]
    for text, bold in lines:
        about.append([text])
        about.cell(row=about.max_row, column=1).font = Font(bold=bold)
        about.cell(row=about.max_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 110

    st_cols = [c["name"] for c in schema["sheets"]["States"]["columns"]]
    st_rows = [
        [
            s["iso3"],
            s["name_en"],
            s["region"],
            s["status"],
            s["_signature"],
            s["_deposit"],
            s["instrument"] or None,
            s["_entry_into_force"],
            s["_withdrawal"],
        ]
        for s in listed
    ]
    widths = {
        "ISO3": 7,
        "State": _width([s["name_en"] for s in listed], "State"),
        "Region": 14,
        "Status": 20,
        "Instrument": 14,
        "Entry into force": 16,
    }
    _sheet(wb.create_sheet("States"), st_cols, st_rows, widths)

    a7_cols = [c["name"] for c in schema["sheets"]["Article7"]["columns"]]
    a7_rows = [[r["iso3"], r["state"], r["report"], r["year"], r["due"], r["submitted"]] for r in reports]
    widths = {
        "ISO3": 7,
        "State": _width([r["state"] for r in reports], "State"),
        "Report": 10,
        "Year covered": 14,
        "Due": 12,
        "Submitted": 12,
    }
    _sheet(wb.create_sheet("Article7"), a7_cols, a7_rows, widths)

    extra = extra_rows(states)
    for name in EXTRA_SHEETS:
        cols = [c["name"] for c in schema["sheets"][name]["columns"]]
        rows = extra[name]
        widths = {c: max(10, len(c) + 2) for c in cols}
        widths.update(
            {
                "ISO3": 7,
                "State": _width([r.get("State") for r in rows], "State"),
                "Purpose": _width([r.get("Purpose") for r in rows], "Purpose"),
                "Instrument": _width([r.get("Instrument") for r in rows], "Instrument"),
                "Status": 30 if name == "NationalImplementation" else 12,
            }
        )
        _sheet(wb.create_sheet(name), cols, [[r[c] for c in cols] for r in rows], widths)
        _number_formats(wb[name], schema["sheets"][name]["columns"])

    contacts = contact_rows(states)
    cols = [c["name"] for c in schema["sheets"]["Contacts"]["columns"]]
    widths = {"ISO3": 7, "State": _width([r["State"] for r in contacts], "State"), "Language": 10}
    widths.update({c: _width([r[c] for r in contacts], c) for c in ("Name", "Email")})
    _sheet(wb.create_sheet("Contacts"), cols, [[r[c] for c in cols] for r in contacts], widths)

    plans = extension_plan_rows({s["iso3"]: s for s in states}, extra["ExtensionRequests"])
    cols = [c["name"] for c in schema["sheets"]["ExtensionPlans"]["columns"]]
    widths = {c: max(10, len(c) + 2) for c in cols} | {"ISO3": 7, "State": _width([r["State"] for r in plans], "State")}
    _sheet(wb.create_sheet("ExtensionPlans"), cols, [[r[c] for c in cols] for r in plans], widths)
    _number_formats(wb["ExtensionPlans"], schema["sheets"]["ExtensionPlans"]["columns"])

    wb.properties.creator = "ccm-report (tools/make_sample_data.py)"
    wb.properties.lastModifiedBy = "ccm-report (tools/make_sample_data.py)"
    wb.properties.title = "CCM States Parties: illustrative sample data"
    wb.properties.created = FIXED_STAMP
    wb.properties.modified = FIXED_STAMP
    buf = io.BytesIO()
    wb.save(buf)
    built = {"states": listed, "reports": reports, **extra, "Contacts": contacts, "ExtensionPlans": plans}
    return _deterministic_zip(buf.getvalue()), built


def _deterministic_zip(data: bytes) -> bytes:
    """Same content, fixed timestamps: openpyxl stamps `modified` with the time of saving."""
    stamp = FIXED_STAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<2>", body
                )
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_STAMP.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            dst.writestr(zi, body, compresslevel=9)
    return out.getvalue()


# --- checking the written workbook ---------------------------------------------------------------


def _check_cell(value, col: dict, where: str) -> str | None:
    if value is None or value == "":
        return f"{where}: required" if col.get("required") else None
    t = col["type"]
    ok = {
        "text": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "date": lambda v: isinstance(v, (dt.date, dt.datetime)),
        "choice": lambda v: v in col.get("choices", []),
        "iso3": lambda v: isinstance(v, str) and re.fullmatch(r"[A-Z]{3}", v) is not None,
        "email": lambda v: isinstance(v, str) and re.fullmatch(r"[^@\s;,]+@[^@\s;,]+\.[a-z]{2,}", v) is not None,
    }[t](value)
    return None if ok else f"{where}: {value!r} is not a valid {t}"


def verify(path: Path, schema: dict, expected: dict) -> list[str]:
    problems = []
    wb = openpyxl.load_workbook(path)
    if wb.sheetnames != SHEET_ORDER:
        problems.append(f"sheets are {wb.sheetnames}")
    for name, decl in schema["sheets"].items():
        ws = wb[name]
        cols = decl["columns"]
        header = [c.value for c in ws[1]]
        if header != [c["name"] for c in cols]:
            problems.append(f"{name}: header {header} differs from schema.yaml")
            continue
        keys = Counter()
        for _r, row in enumerate(ws.iter_rows(min_row=2), start=2):
            for col, cell in zip(cols, row, strict=False):
                p = _check_cell(cell.value, col, f"{name}!{cell.coordinate}")
                if p:
                    problems.append(p)
                if col["type"] == "date" and cell.value is not None and cell.number_format != DATE_FORMAT:
                    problems.append(f"{name}!{cell.coordinate}: number format {cell.number_format}")
            keys[tuple(row[header.index(k)].value for k in decl["key"])] += 1
        problems += [f"{name}: key {k} appears {n} times" for k, n in keys.items() if n > 1]

    st = wb["States"]
    h = [c.value for c in st[1]]
    recs = [dict(zip(h, (c.value for c in row), strict=False)) for row in st.iter_rows(min_row=2)]
    if len(recs) != len(expected["states"]):
        problems.append(f"States: {len(recs)} rows, expected {len(expected['states'])}")
    eif = entry_into_force({r["ISO3"]: _as_date(r["Deposit"]) for r in recs if r["Deposit"]})
    for r in recs:
        if _as_date(r["Entry into force"]) != eif.get(r["ISO3"]):
            problems.append(
                f"States: {r['ISO3']} entry into force {r['Entry into force']} "
                f"breaks Art. 17 (expected {eif.get(r['ISO3'])})"
            )
    a7 = wb["Article7"]
    h7 = [c.value for c in a7[1]]
    reps = [dict(zip(h7, (c.value for c in row), strict=False)) for row in a7.iter_rows(min_row=2)]
    if len(reps) != len(expected["reports"]):
        problems.append(f"Article7: {len(reps)} rows, expected {len(expected['reports'])}")
    eif_of = {r["ISO3"]: _as_date(r["Entry into force"]) for r in recs}
    for r in reps:
        due = _as_date(r["Due"])
        want = (
            eif_of[r["ISO3"]] + dt.timedelta(days=INITIAL_REPORT_DAYS)
            if r["Report"] == "Initial"
            else dt.date(r["Year covered"] + 1, *ANNUAL_DUE)
        )
        if due != want:
            problems.append(f"Article7: {r['ISO3']} {r['Report']} {r['Year covered']} due {due}, expected {want}")
        if r["Submitted"] is not None and _as_date(r["Submitted"]) > SNAPSHOT:
            problems.append(f"Article7: {r['ISO3']} submitted after {SNAPSHOT}")
    if any(r["ISO3"] == "VUT" for r in reps):
        problems.append("Article7: Vanuatu is not bound before 2026-03-01")
    for name in SHEET_ORDER[1:]:
        ws = wb[name]
        if ws.freeze_panes != "A2" or not all(c.font.bold for c in ws[1]):
            problems.append(f"{name}: header row is not bold and frozen")
    sheets = {name: _records(wb[name]) for name in EXTRA_SHEETS}
    for name in EXTRA_SHEETS:
        if len(sheets[name]) != len(expected[name]):
            problems.append(f"{name}: {len(sheets[name])} rows, expected {len(expected[name])}")
    problems += check_thematic(sheets, {r["ISO3"]: r for r in recs})
    problems += check_plans(_records(wb["ExtensionPlans"]), sheets)
    contacts = _records(wb["Contacts"])
    parties = {r["ISO3"]: r["State"] for r in recs if r["Status"] == "State Party"}
    if {r["ISO3"]: r["State"] for r in contacts} != parties:
        problems.append("Contacts: not exactly one row per State Party, named as in States")
    if any(not r["Email"].endswith("@example.org") for r in contacts):
        problems.append("Contacts: an address outside example.org")
    return problems


def _as_date(value):
    """A workbook cell's datetime as a date; anything else as it is."""
    return value.date() if isinstance(value, dt.datetime) else value


def _records(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (_as_date(c.value) for c in row), strict=False)) for row in ws.iter_rows(min_row=2)]


def check_thematic(sheets: dict[str, list[dict]], states: dict[str, dict]) -> list[str]:
    """The arithmetic and the treaty rules the thematic sheets must follow."""
    problems = []
    eif = {
        iso: (r["Entry into force"].date() if isinstance(r["Entry into force"], dt.datetime) else r["Entry into force"])
        for iso, r in states.items()
    }
    bound = {iso for iso, r in states.items() if r["Status"] == "State Party"}

    def by_state(rows):
        out: dict[str, list[dict]] = {}
        for r in rows:
            out.setdefault(r["ISO3"], []).append(r)
        return {iso: sorted(rs, key=lambda r: r["Year"]) for iso, rs in out.items()}

    for name in EXTRA_SHEETS:
        for r in sheets[name]:
            iso = r.get("ISO3") or r.get("Donor")
            if iso not in bound:
                problems.append(f"{name}: {iso} is not a State Party")
            if r.get("State") is not None and r["State"] != states[iso]["State"]:
                problems.append(f"{name}: {iso} is named {r['State']!r}, not {states[iso]['State']!r}")

    # Stockpiles: remaining = previous remaining - destroyed; 0 <= remaining <= declared
    for iso, rows in by_state(sheets["Stockpiles"]).items():
        if {r["Deadline"] for r in rows} != {_add_years(eif[iso], DESTRUCTION_YEARS)}:
            problems.append(f"Stockpiles: {iso} deadline is not entry into force + 8 years")
        for r in rows:
            ext = r["Extension until"]
            if ext and not r["Deadline"] < ext <= _add_years(r["Deadline"], 2 * MAX_EXTENSION_YEARS["Stockpiles"]):
                problems.append(f"Stockpiles: {iso} {r['Year']} extension {ext} out of range")
            for kind in ("Munitions", "Submunitions"):
                rem, dec = r[f"{kind} remaining"], r[f"{kind} declared"]
                if not 0 <= rem <= dec or r[f"{kind} destroyed"] < 0:
                    problems.append(f"Stockpiles: {iso} {r['Year']} {kind.lower()} out of range")
            done = r["Completed"]
            if (done is not None) != (r["Munitions remaining"] == 0 == r["Submunitions remaining"]):
                problems.append(f"Stockpiles: {iso} {r['Year']} completed iff nothing remains")
            if done is not None and (done.year > r["Year"] or done > SNAPSHOT or done > (ext or r["Deadline"])):
                problems.append(f"Stockpiles: {iso} {r['Year']} completion date {done} inconsistent")
        for prev, r in zip(rows, rows[1:], strict=False):
            for kind in ("Munitions", "Submunitions"):
                if r[f"{kind} remaining"] != prev[f"{kind} remaining"] - r[f"{kind} destroyed"]:
                    problems.append(
                        f"Stockpiles: {iso} {r['Year']} {kind.lower()} remaining != previous remaining - destroyed"
                    )
                if r[f"{kind} declared"] != prev[f"{kind} declared"]:
                    problems.append(f"Stockpiles: {iso} {kind.lower()} declared changes")
        if len(rows) == 1 and rows[0]["Completed"] is None:
            problems.append(f"Stockpiles: {iso} has a single row that is not its completion year")

    # Retention: holdings only go down between years
    for iso, rows in by_state(sheets["Retention"]).items():
        for prev, r in zip(rows, rows[1:], strict=False):
            if (
                r["Munitions retained"] > prev["Munitions retained"]
                or r["Submunitions retained"] > prev["Submunitions retained"]
            ):
                problems.append(f"Retention: {iso} holdings grow from {prev['Year']} to {r['Year']}")

    # Clearance: remaining = previous remaining - cleared - released, 0 <= remaining <= baseline
    clearance = by_state(sheets["Clearance"])
    for iso, rows in clearance.items():
        original = _add_years(eif[iso], CLEARANCE_YEARS)
        for r in rows:
            if not 0 <= r["Area remaining"] <= r["Area at baseline"]:
                problems.append(f"Clearance: {iso} {r['Year']} area remaining out of range")
            if min(r["Area cleared"], r["Area released by survey"]) < 0:
                problems.append(f"Clearance: {iso} {r['Year']} negative area")
            ext = r["Extension until"]
            if (ext is None and r["Deadline"] != original) or (
                ext is not None and (ext != r["Deadline"] or ext <= original)
            ):
                problems.append(
                    f"Clearance: {iso} {r['Year']} deadline {r['Deadline']} / extension "
                    f"{ext} do not follow from entry into force {eif[iso]}"
                )
        for prev, r in zip(rows, rows[1:], strict=False):
            want = round(prev["Area remaining"] - r["Area cleared"] - r["Area released by survey"], 3)
            if abs(r["Area remaining"] - want) > 1e-9 or r["Area at baseline"] != prev["Area at baseline"]:
                problems.append(
                    f"Clearance: {iso} {r['Year']} remaining {r['Area remaining']} != "
                    f"previous remaining - cleared - released ({want})"
                )
            if r["Deadline"] < prev["Deadline"]:
                problems.append(f"Clearance: {iso} deadline moves back in {r['Year']}")
    largest = max(clearance, key=lambda iso: clearance[iso][-1]["Area remaining"])
    if largest != "LAO" or clearance["LAO"][-1]["Area remaining"] < 1000:
        problems.append("Clearance: Lao People's Democratic Republic should be by far the largest")

    # Extension requests: figures of the Clearance row for the year before the meeting
    opens = {m: o for _, m, o, *_ in EXTENSION_REQUESTS + EARLIER_REQUESTS}
    for r in sheets["ExtensionRequests"]:
        iso, year = r["ISO3"], opens[r["Meeting"]].year - 1
        if (r["Status"] == "Granted") != ((iso, r["Meeting"]) in DECISIONS):
            problems.append(f"ExtensionRequests: {iso} {r['Meeting']} decision iff granted")
        if year < CLEARANCE_YEARS_SHOWN[0]:  # before the Clearance sheet's years: its deadlines only
            if CLEARANCE[iso]["ext"][0][1] != r["Requested deadline"]:
                problems.append(f"ExtensionRequests: {iso} {r['Meeting']} differs from the extension granted")
            continue
        row = next((c for c in clearance.get(iso, []) if c["Year"] == year), None)
        if row is None:
            problems.append(f"ExtensionRequests: {iso} {r['Meeting']} has no Clearance row for {year}")
            continue
        if (
            r["Area at entry into force"] != row["Area at baseline"]
            or r["Area remaining"] != row["Area remaining"]
            or abs(r["Area at entry into force"] - r["Area cleared since"] - r["Area remaining"]) > 1e-9
            or r["Current deadline"] != row["Deadline"]
        ):
            problems.append(f"ExtensionRequests: {iso} {r['Meeting']} figures differ from Clearance {year}")
        lead = opens[r["Meeting"]] - r["Submitted"]
        if lead < dt.timedelta(days=REQUEST_LEAD_MONTHS * 30) or lead > dt.timedelta(days=400):
            problems.append(
                f"ExtensionRequests: {iso} submitted {r['Submitted']}, not about "
                f"{REQUEST_LEAD_MONTHS} months before {r['Meeting']}"
            )
        years = _years_between(r["Current deadline"], r["Requested deadline"])
        if r["Years requested"] != years or not 0 < years <= MAX_EXTENSION_YEARS["Clearance"]:
            problems.append(f"ExtensionRequests: {iso} {r['Meeting']} years requested {r['Years requested']}")
        if r["Status"] == "Granted":
            after = next((c for c in clearance[iso] if c["Year"] == year + 1), None)
            if after is None or after["Deadline"] != r["Requested deadline"]:
                problems.append(f"ExtensionRequests: {iso} granted but Clearance {year + 1} deadline differs")
        if r["Status"] == "Pending" and r["Current deadline"] <= opens[r["Meeting"]]:
            problems.append(f"ExtensionRequests: {iso} deadline passes before {r['Meeting']}")
    pending = [r for r in sheets["ExtensionRequests"] if r["Status"] == "Pending"]
    if len(pending) != 3 or {r["Meeting"] for r in pending} != {"13MSP"}:
        problems.append("ExtensionRequests: expected three pending requests for 13MSP")

    # The States each sheet covers
    cover = {
        "RiskEducation": set(CLEARANCE),
        "VictimAssistance": set(VICTIM_ASSISTANCE),
        "Clearance": set(CLEARANCE),
        "NationalImplementation": bound,
    }
    for name, want in cover.items():
        if {r["ISO3"] for r in sheets[name]} != want:
            problems.append(f"{name}: States covered differ from the intended list")
    if len(VICTIM_ASSISTANCE) != 11:
        problems.append("VictimAssistance: CCM.md lists 11 States with Article 5 obligations")
    nim = Counter(r["Status"] for r in sheets["NationalImplementation"])
    if any(nim[k] != n for k, n in NIM_COUNTS.items()) or len(sheets["NationalImplementation"]) != 112:
        problems.append(f"NationalImplementation: counts {dict(nim)}")
    for r in sheets["NationalImplementation"]:
        if (r["Date"] is not None) != (r["Status"] == "Specific legislation"):
            problems.append(f"NationalImplementation: {r['ISO3']} date iff specific legislation")
    donors = {r["Donor"] for r in sheets["Cooperation"]}
    if len(sheets["Cooperation"]) != N_COOPERATION or len(donors) != len(DONORS):
        problems.append("Cooperation: row or donor count")
    for r in sheets["Cooperation"]:
        if r["Recipient"] != "Global" and (r["Recipient"] not in states or r["Recipient"] == r["Donor"]):
            problems.append(f"Cooperation: recipient {r['Recipient']} of {r['Donor']}")
        if r["Amount"] <= 0:
            problems.append(f"Cooperation: {r['Donor']} amount {r['Amount']}")
    return problems


def check_plans(plans: list[dict], sheets: dict[str, list[dict]]) -> list[str]:
    """The plans release exactly the area remaining; the Clearance rows split release by survey exactly."""
    problems = []
    for r in sheets["ExtensionRequests"]:
        mine = [p for p in plans if (p["ISO3"], p["Meeting"]) == (r["ISO3"], r["Meeting"])]
        total = sum(round(p["Area to release"] * AREA_UNIT) for p in mine)
        if mine and (r["Status"] != "Pending" or total != round(r["Area remaining"] * AREA_UNIT)):
            problems.append(f"ExtensionPlans: {r['ISO3']} {r['Meeting']} releases {total / AREA_UNIT}")
        if any(p["Secured"] > p["Budget"] or p["Area to release"] <= 0 for p in mine):
            problems.append(f"ExtensionPlans: {r['ISO3']} secured over budget, or a year releasing nothing")
    for c in sheets["Clearance"]:
        split = round(c["Area cancelled"] * AREA_UNIT) + round(c["Area reduced"] * AREA_UNIT)
        if split != round(c["Area released by survey"] * AREA_UNIT):
            problems.append(f"Clearance: {c['ISO3']} {c['Year']} cancelled + reduced != released by survey")
    return problems


def summary(states: list[dict], reports: list[dict]) -> str:
    lines = []
    c = Counter((s["status"], s["region"]) for s in states)
    for st in STATUSES:
        n = sum(v for (s, _), v in c.items() if s == st)
        parts = ", ".join(f"{reg} {c[(st, reg)]}" for reg in REGIONS if c[(st, reg)])
        lines.append(f"  {st}: {n} ({parts})")
    for label, pick in [("Initial", lambda r: r["report"] == "Initial")] + [
        (f"Annual {y}", (lambda y: lambda r: r["report"] == "Annual" and r["year"] == y)(y))  # noqa: B023 (bound)
        for y in ANNUAL_YEARS
    ]:
        sel = [r for r in reports if pick(r)]
        on = sum(1 for r in sel if r["submitted"] and r["submitted"] <= r["due"])
        late = sum(1 for r in sel if r["submitted"] and r["submitted"] > r["due"])
        lines.append(
            f"  {label}: {len(sel)} due, {on} on time ({on / len(sel):.0%}), "
            f"{late} late ({late / len(sel):.0%}), {len(sel) - on - late} not received"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--fix-eif", action="store_true", help="rewrite the entry_into_force column of states.csv from Art. 17"
    )
    ap.add_argument("--out", type=Path, default=OUT_XLSX, help="workbook to write")
    args = ap.parse_args(argv)

    try:
        states = read_states()
        problems = check_states(states, args.fix_eif) + check_variants(states)
    except DataError as e:
        problems = [str(e)]
    if problems:
        print("states.csv / name-variants.csv:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1

    schema = yaml.safe_load(SCHEMA_YAML.read_text(encoding="utf-8"))
    data, built = build_workbook(states, schema)
    again, _ = build_workbook(states, schema)
    if hashlib.sha256(data).digest() != hashlib.sha256(again).digest():
        print("two builds differ: the workbook is not deterministic", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)

    problems = verify(args.out, schema, built)
    if problems:
        print(f"{args.out}:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(
        f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} "
        f"(sha256 {hashlib.sha256(data).hexdigest()[:16]}...)"
    )
    print(
        f"States: {len(built['states'])} rows; Article7: {len(built['reports'])} rows; "
        + "; ".join(f"{name}: {len(built[name])} rows" for name in [*EXTRA_SHEETS, "Contacts"])
    )
    for r in built["ExtensionRequests"]:
        print(
            f"  {r['Meeting']} {r['Status']}: {r['State']}, {r['Current deadline']} -> "
            f"{r['Requested deadline']} ({r['Years requested']} years), "
            f"{r['Area remaining']:,} km2 remaining"
        )
    print(summary(states, built["reports"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
