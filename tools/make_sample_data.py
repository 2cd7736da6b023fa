"""Build the illustrative sample workbook ``inputs/data/states-parties.xlsx``.

Reads ``pipeline/reference/states.csv`` (the States and their treaty dates) and
``inputs/data/schema.yaml`` (the sheets and their columns) and writes a workbook
with three sheets:

* ``About``    a few lines saying what the workbook is;
* ``States``   every row of states.csv whose status is not "Non-party";
* ``Article7`` the Article 7 transparency reports due from States Parties: one
  initial report each, and annual reports for 2022, 2023 and 2024. The
  submission dates are *invented* (seeded random), not real reports.

Before building, the script checks states.csv: counts per status and region,
unique ISO3 codes, consistent dates, and that the ``entry_into_force`` column
follows Article 17 of the Convention. ``--fix-eif`` rewrites that column from
the rule instead of failing. After building, it reopens the workbook, checks it
against schema.yaml and the rule again, and checks that a second build gives the
same bytes.

Run: ``.venv/bin/python tools/make_sample_data.py [--fix-eif]``
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
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

CSV_COLUMNS = ["iso3", "name_en", "name_fr", "name_es", "region", "status", "signature",
               "deposit", "instrument", "entry_into_force", "withdrawal"]
REGIONS = ["Africa", "Americas", "Asia-Pacific", "Europe"]
STATUSES = ["State Party", "Signatory", "Former State Party", "Non-party"]
INSTRUMENTS = ["Ratification", "Accession"]

# What states-parties.md says (late 2025).
EXPECTED = {
    ("State Party", "Africa"): 36, ("State Party", "Americas"): 25,
    ("State Party", "Asia-Pacific"): 18, ("State Party", "Europe"): 33,
}
EXPECTED_STATUS = {"State Party": 112, "Signatory": 12, "Former State Party": 1}

# Article 17: the Convention entered into force on the first day of the sixth month
# after the month of the 30th deposit; for later States, on the first day of the
# sixth month after the month of their own deposit.
THRESHOLD_DEPOSITS = 30
MONTHS_TO_EIF = 6
INITIAL_REPORT_DAYS = 180          # Art. 7.1: initial report within 180 days of EIF
ANNUAL_DUE = (4, 30)               # Art. 7.2: annual report by 30 April
ANNUAL_YEARS = (2022, 2023, 2024)  # calendar years covered by the sample's annual reports

SEED = 2025
FIXED_STAMP = dt.datetime(2025, 7, 1, 0, 0, 0)   # workbook properties and zip entry times
SNAPSHOT = dt.date(2025, 6, 30)                  # Article 7 data "as of": end of reporting window
DATE_FORMAT = "yyyy-mm-dd"

# Small or low-capacity States among which the sample picks its chronic
# non-reporters. Illustrative only: the real record is in the ISU's tables.
CHRONIC_POOL = ["ATG", "BDI", "BLZ", "COK", "COM", "CPV", "GIN", "GMB", "GNB", "GRD", "GUY",
                "KNA", "LCA", "LSO", "MDG", "MLI", "MRT", "NER", "NIU", "NRU", "PLW", "RWA",
                "SLE", "SOM", "SSD", "STP", "SYC", "TCD", "TGO", "VCT", "WSM"]
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
        raise DataError(f"{len(first)} deposits on or before the 30th ({threshold_day}); "
                        "expected exactly 30: check the deposit dates")
    return {iso: convention_eif if d <= threshold_day else first_of_sixth_month_after(d)
            for iso, d in deposits.items()}


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
        if st == "Non-party" and any(row[k] for k in ("signature", "deposit", "instrument",
                                                        "entry_into_force", "withdrawal")):
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
        problems += [f"{r['_where']}: entry_into_force should be {r['entry_into_force'] or 'empty'}"
                     " (Art. 17); run with --fix-eif to rewrite the column" for r in wrong]
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
    return d if d <= SNAPSHOT else None   # not received by the snapshot date


def article7_rows(states: list[dict]) -> list[dict]:
    """Reports due by SNAPSHOT from every State bound at the time (invented dates)."""
    rng = random.Random(SEED)
    bound = sorted((s for s in states
                    if s["status"] in ("State Party", "Former State Party")
                    and s["_entry_into_force"] <= SNAPSHOT),
                   key=lambda s: s["iso3"])
    isos = {s["iso3"] for s in bound}
    pool = [iso for iso in CHRONIC_POOL if iso in isos]
    chronic = set(rng.sample(pool, N_CHRONIC))
    never_initial = set(rng.sample(sorted(chronic), N_NEVER_INITIAL))
    profile = {}
    for s in bound:
        draw = rng.random()
        profile[s["iso3"]] = ("chronic" if s["iso3"] in chronic
                              else "irregular" if draw < 0.29 else "reliable")
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
        out.append(dict(iso3=iso, state=s["name_en"], report="Initial", year=eif.year,
                        due=due, submitted=sub))
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
            out.append(dict(iso3=iso, state=s["name_en"], report="Annual", year=year,
                            due=due, submitted=sub))
    out.sort(key=lambda r: (r["state"], r["report"] != "Initial", r["year"]))
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
        ("States: one row per State Party, signatory and former State Party of the Convention on "
         "Cluster Munitions (membership late 2025), with signature, deposit, instrument, entry into "
         "force (Art. 17) and withdrawal dates, from pipeline/reference/states.csv.", False),
        (f"Article7: one row per Article 7 transparency report due from a State bound at the time: "
         f"the initial report (due {INITIAL_REPORT_DAYS} days after entry into force) and the annual "
         f"reports covering {ANNUAL_YEARS[0]}-{ANNUAL_YEARS[-1]} (due 30 April of the following "
         f"year), as they stood on {SNAPSHOT.isoformat()}. The Submitted dates are INVENTED "
         f"(seeded random), not the States' real reports.", False),
        ("Column names and types of both sheets are declared in schema.yaml beside this file.", False),
        ("", False),
        (f"Generated by tools/make_sample_data.py (seed {SEED}), dated "
         f"{FIXED_STAMP.date().isoformat()}.", False),
    ]
    for text, bold in lines:
        about.append([text])
        about.cell(row=about.max_row, column=1).font = Font(bold=bold)
        about.cell(row=about.max_row, column=1).alignment = Alignment(wrap_text=True,
                                                                      vertical="top")
    about.column_dimensions["A"].width = 110

    st_cols = [c["name"] for c in schema["sheets"]["States"]["columns"]]
    st_rows = [[s["iso3"], s["name_en"], s["region"], s["status"], s["_signature"],
                s["_deposit"], s["instrument"] or None, s["_entry_into_force"],
                s["_withdrawal"]] for s in listed]
    widths = {"ISO3": 7, "State": _width([s["name_en"] for s in listed], "State"),
              "Region": 14, "Status": 20, "Instrument": 14, "Entry into force": 16}
    _sheet(wb.create_sheet("States"), st_cols, st_rows, widths)

    a7_cols = [c["name"] for c in schema["sheets"]["Article7"]["columns"]]
    a7_rows = [[r["iso3"], r["state"], r["report"], r["year"], r["due"], r["submitted"]]
               for r in reports]
    widths = {"ISO3": 7, "State": _width([r["state"] for r in reports], "State"),
              "Report": 10, "Year covered": 14, "Due": 12, "Submitted": 12}
    _sheet(wb.create_sheet("Article7"), a7_cols, a7_rows, widths)

    wb.properties.creator = "ccm-report (tools/make_sample_data.py)"
    wb.properties.lastModifiedBy = "ccm-report (tools/make_sample_data.py)"
    wb.properties.title = "CCM States Parties: illustrative sample data"
    wb.properties.created = FIXED_STAMP
    wb.properties.modified = FIXED_STAMP
    buf = io.BytesIO()
    wb.save(buf)
    return _deterministic_zip(buf.getvalue()), {"states": listed, "reports": reports}


def _deterministic_zip(data: bytes) -> bytes:
    """Same content, fixed timestamps: openpyxl stamps `modified` with the time of saving."""
    stamp = FIXED_STAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                              rb"\g<1>" + stamp + rb"\g<2>", body)
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
    }[t](value)
    return None if ok else f"{where}: {value!r} is not a valid {t}"


def verify(path: Path, schema: dict, expected: dict) -> list[str]:
    problems = []
    wb = openpyxl.load_workbook(path)
    if wb.sheetnames != ["About", "States", "Article7"]:
        problems.append(f"sheets are {wb.sheetnames}")
    for name, decl in schema["sheets"].items():
        ws = wb[name]
        cols = decl["columns"]
        header = [c.value for c in ws[1]]
        if header != [c["name"] for c in cols]:
            problems.append(f"{name}: header {header} differs from schema.yaml")
            continue
        keys = Counter()
        for r, row in enumerate(ws.iter_rows(min_row=2), start=2):
            for col, cell in zip(cols, row):
                p = _check_cell(cell.value, col, f"{name}!{cell.coordinate}")
                if p:
                    problems.append(p)
                if col["type"] == "date" and cell.value is not None \
                        and cell.number_format != DATE_FORMAT:
                    problems.append(f"{name}!{cell.coordinate}: number format {cell.number_format}")
            keys[tuple(row[header.index(k)].value for k in decl["key"])] += 1
        problems += [f"{name}: key {k} appears {n} times" for k, n in keys.items() if n > 1]

    st = wb["States"]
    h = [c.value for c in st[1]]
    recs = [dict(zip(h, (c.value for c in row))) for row in st.iter_rows(min_row=2)]
    if len(recs) != len(expected["states"]):
        problems.append(f"States: {len(recs)} rows, expected {len(expected['states'])}")
    as_date = lambda v: v.date() if isinstance(v, dt.datetime) else v
    eif = entry_into_force({r["ISO3"]: as_date(r["Deposit"]) for r in recs if r["Deposit"]})
    for r in recs:
        if as_date(r["Entry into force"]) != eif.get(r["ISO3"]):
            problems.append(f"States: {r['ISO3']} entry into force {r['Entry into force']} "
                            f"breaks Art. 17 (expected {eif.get(r['ISO3'])})")
    a7 = wb["Article7"]
    h7 = [c.value for c in a7[1]]
    reps = [dict(zip(h7, (c.value for c in row))) for row in a7.iter_rows(min_row=2)]
    if len(reps) != len(expected["reports"]):
        problems.append(f"Article7: {len(reps)} rows, expected {len(expected['reports'])}")
    eif_of = {r["ISO3"]: as_date(r["Entry into force"]) for r in recs}
    for r in reps:
        due = as_date(r["Due"])
        want = (eif_of[r["ISO3"]] + dt.timedelta(days=INITIAL_REPORT_DAYS) if r["Report"] == "Initial"
                else dt.date(r["Year covered"] + 1, *ANNUAL_DUE))
        if due != want:
            problems.append(f"Article7: {r['ISO3']} {r['Report']} {r['Year covered']} due {due}, "
                            f"expected {want}")
        if r["Submitted"] is not None and as_date(r["Submitted"]) > SNAPSHOT:
            problems.append(f"Article7: {r['ISO3']} submitted after {SNAPSHOT}")
    if any(r["ISO3"] == "VUT" for r in reps):
        problems.append("Article7: Vanuatu is not bound before 2026-03-01")
    return problems


def summary(states: list[dict], reports: list[dict]) -> str:
    lines = []
    c = Counter((s["status"], s["region"]) for s in states)
    for st in STATUSES:
        n = sum(v for (s, _), v in c.items() if s == st)
        parts = ", ".join(f"{reg} {c[(st, reg)]}" for reg in REGIONS if c[(st, reg)])
        lines.append(f"  {st}: {n} ({parts})")
    for label, pick in [("Initial", lambda r: r["report"] == "Initial")] + [
            (f"Annual {y}", (lambda y: lambda r: r["report"] == "Annual" and r["year"] == y)(y))
            for y in ANNUAL_YEARS]:
        sel = [r for r in reports if pick(r)]
        on = sum(1 for r in sel if r["submitted"] and r["submitted"] <= r["due"])
        late = sum(1 for r in sel if r["submitted"] and r["submitted"] > r["due"])
        lines.append(f"  {label}: {len(sel)} due, {on} on time ({on / len(sel):.0%}), "
                     f"{late} late ({late / len(sel):.0%}), {len(sel) - on - late} not received")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fix-eif", action="store_true",
                    help="rewrite the entry_into_force column of states.csv from Art. 17")
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
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} "
          f"(sha256 {hashlib.sha256(data).hexdigest()[:16]}...)")
    print(f"States: {len(built['states'])} rows; Article7: {len(built['reports'])} rows")
    print(summary(states, built["reports"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
