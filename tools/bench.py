"""make bench: what PDF conversion costs, measured on this machine. Prints figures; asserts nothing.

1. Ten documents of about 40 pages (the sample report's sections, five times over),
   converted (a) one-shot: one ``soffice`` process per document with a fresh
   profile, as a script would; (b) by the managed converter with one instance;
   (c) with one instance per core. Time per document, ratios, peak memory.
2. The sample: a full ``build`` (its four documents made again, pandoc's readings
   cached) against bare one-shot conversions of its own Word files.
3. Rebuilds of the sample: no-op, one late draft, one late data row.
4. The same on a generated large meeting: ten reports of about 40 pages, each in
   English, French and Spanish (pseudo-translations of their own XLIFF exports).

Targets (issue 5): (a)/(c) >= 1.8 on 2 cores; build / bare <= 1.5.
Targets (issue 7): no-op < 0.5 s; one late draft < 35% of the full build.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.build import build, check  # noqa: E402
from pipeline.compute.indicators import indicators  # noqa: E402
from pipeline.convert import LibreOffice, find_soffice  # noqa: E402
from pipeline.intake.inputs import read_data  # noqa: E402
from pipeline.model import Period  # noqa: E402
from pipeline.render.document import render, section_blocks  # noqa: E402

DOCUMENTS = 10
REPEAT = 5


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def make_documents(folder: Path) -> list[Path]:
    """Ten ~40-page reports: the sample's drafts, each section five times over."""
    inputs, _diagnostics = check(ROOT / "inputs", ROOT / "templates")
    spec = inputs.config.documents[0]
    bodies = {s.id: section_blocks(s, inputs.drafts.get(s.id)) * REPEAT for s in spec.sections}
    data = render(
        inputs.templates[spec.template],
        inputs.config,
        spec,
        bodies,
        indicators(inputs.data, inputs.config.meeting.reporting_period),
    )
    paths = []
    for i in range(DOCUMENTS):
        path = folder / f"report-{i:02d}.docx"
        path.write_bytes(data)
        paths.append(path)
    return paths


def one_shot(sources: list[Path], outdir: Path) -> None:
    soffice = find_soffice()
    for source in sources:
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(
                [
                    soffice,
                    "--headless",
                    "--norestore",
                    f"-env:UserInstallation={Path(profile).as_uri()}",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(outdir),
                    str(source),
                ],
                capture_output=True,
                check=True,
            )


def timed(label: str, action) -> float:
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"  {label:<48} {seconds:7.2f} s")
    return seconds


def main() -> None:
    if find_soffice() is None:
        sys.exit("LibreOffice is not installed: run make report first")
    cores = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="ccm-bench-"))
    try:
        sources = make_documents(work)
        profiles = work / "profiles"
        warm = LibreOffice(instances=cores, profiles=profiles)
        warm.convert(sources[:cores], work / "warm")  # profiles exist, as after any first build
        print(f"PDF conversion of {DOCUMENTS} documents on {cores} cores")
        t_one_shot = timed("one-shot soffice, one process per document", lambda: one_shot(sources, work / "a"))
        print(f"    ({pages(work / 'a' / 'report-00.pdf')} pages each)")
        t_single = timed(
            "managed converter, 1 instance",
            lambda: LibreOffice(instances=1, profiles=profiles).convert(sources, work / "b"),
        )
        t_pool = timed(
            f"managed converter, {cores} instances",
            lambda: LibreOffice(instances=cores, profiles=profiles).convert(sources, work / "c"),
        )
        per = DOCUMENTS
        print(
            f"  per document: one-shot {t_one_shot / per:.2f} s, 1 instance {t_single / per:.2f} s, "
            f"{cores} instances {t_pool / per:.2f} s"
        )
        print(f"  ratio one-shot / 1 instance:        {t_one_shot / t_single:5.2f}x")
        print(f"  ratio one-shot / {cores} instances:       {t_one_shot / t_pool:5.2f}x   (target >= 1.8x)")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"  peak memory of one LibreOffice instance: {peak:.0f} MB (the pool holds up to {cores} at once)")

        print("The sample report")
        inputs, _ = check(ROOT / "inputs", ROOT / "templates")
        warm = work / "warm"
        build(ROOT / "inputs", warm, ROOT / "templates")  # pandoc's readings cached, as after any build
        outputs = work / "outputs"
        shutil.copytree(warm / ".cache", outputs / ".cache")  # a full build, every document made again
        t_build = timed(
            "full build (intake to publish, PDF included)", lambda: build(ROOT / "inputs", outputs, ROOT / "templates")
        )
        own = []
        for docx in sorted(outputs.glob("*/*/*.docx")):
            own.append(work / "own" / f"{docx.parent.name}-{docx.name}")  # language versions share a name
            own[-1].parent.mkdir(exist_ok=True)
            shutil.copyfile(docx, own[-1])
        t_bare = timed(f"bare one-shot conversion of its {len(own)} Word files", lambda: one_shot(own, work / "bare"))
        print(f"  ratio build / bare conversion:      {t_build / t_bare:5.2f}x   (target <= 1.5x)")
        del inputs
        rebuilds(work)
        large_meeting_rebuilds(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def rebuilds(work: Path) -> None:
    """Issue 7: full build, no-op rebuild, one late draft, one late data row, on a copy of the sample."""
    import datetime as dt

    import openpyxl

    print("Rebuilds of the sample (a copy; 4 documents)")
    project = work / "rebuilds"
    shutil.copytree(ROOT / "inputs", project / "inputs")
    outputs = project / "outputs"
    t_full = timed("full build (nothing built before)", lambda: build(project / "inputs", outputs, ROOT / "templates"))
    t_noop = timed("no-op rebuild", lambda: build(project / "inputs", outputs, ROOT / "templates"))
    draft = project / "inputs" / "drafts" / "transparency" / "transparency-section.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\nA late paragraph.\n", encoding="utf-8")
    t_draft = timed("rebuild after one late draft", lambda: build(project / "inputs", outputs, ROOT / "templates"))
    book = openpyxl.Workbook()
    book.active.title = "Article7"
    book.active.append(("ISO3", "State", "Report", "Year covered", "Due", "Submitted"))
    data, _hashes, _problems = read_data(project / "inputs" / "data")
    period = Period(dt.date(2024, 7, 1), dt.date(2025, 6, 30))
    late = indicators(data, period).figures["article7.annual.overdue_states"][0]
    iso3 = next(r["ISO3"] for r in data.sheet("States") if r["State"] == late)
    book.active.append((iso3, late, "Annual", 2024, dt.date(2025, 4, 30), dt.date(2025, 6, 20)))
    book.save(project / "inputs" / "data" / "late-report-tcd.xlsx")
    t_row = timed("rebuild after one late data row", lambda: build(project / "inputs", outputs, ROOT / "templates"))
    print(f"  no-op: {t_noop:.2f} s (target < 0.5 s), {t_noop / t_full:.0%} of the full build")
    print(f"  one late draft: {t_draft / t_full:.0%} of the full build (target < 35%; it rebuilds 1 of 4 documents)")
    print(f"  one late data row: {t_row / t_full:.0%} of the full build (the data feed every document)")


def large_meeting(folder: Path, documents: int = DOCUMENTS, copies: int = 4) -> Path:
    """A generated meeting: ``documents`` reports, each of the sample's sections ``copies`` times
    (about 40 pages), with French and Spanish translations of every report. Returns its inputs/."""
    import yaml

    from tools.pseudo import pseudo_translate

    inputs = folder / "inputs"
    shutil.copytree(ROOT / "inputs" / "data", inputs / "data")
    meeting = yaml.safe_load((ROOT / "inputs" / "meeting.yaml").read_text(encoding="utf-8"))
    base = meeting["documents"][0]
    reports = []
    for k in range(1, documents + 1):
        chapters = []
        for chapter in base["chapters"]:
            sections = []
            for section in chapter["sections"]:
                for copy in range(1, copies + 1):
                    section_id = f"r{k:02d}-{section['id']}-{copy}"
                    shutil.copytree(ROOT / "inputs" / "drafts" / section["id"], inputs / "drafts" / section_id)
                    heading = section.get("heading") or chapter["heading"]
                    sections.append({**section, "id": section_id, "heading": f"{heading} ({copy})"})
            chapters.append({"heading": chapter["heading"], "sections": sections})
        reports.append(
            {
                **base,
                "id": f"report-{k:02d}",
                "symbol": f"CCM/MSP/2025/{20 + k}",
                "job_number": f"GE.25-{11400 + k}",
                "chapters": chapters,
            }
        )
    meeting.update(documents=reports, families=[], translation={"languages": ["fr", "es"]})
    (inputs / "meeting.yaml").write_text(yaml.safe_dump(meeting, sort_keys=False, allow_unicode=True), encoding="utf-8")
    exports = folder / "exports"
    build(inputs, exports, ROOT / "templates")  # English only: the XLIFF files to translate
    (inputs / "translations").mkdir()
    for xlf in sorted(exports.glob("*/xliff/*.xlf")):
        language = xlf.stem.rsplit("-", 1)[-1]
        (inputs / "translations" / xlf.name).write_bytes(pseudo_translate(xlf.read_bytes(), language))
    shutil.copytree(exports / ".cache", folder / "pandoc-cache")
    return inputs


def large_meeting_rebuilds(work: Path) -> None:
    """Issue 7 on a large meeting: full build, no-op, one late draft, one late data row."""
    import openpyxl

    print(f"A generated large meeting: {DOCUMENTS} reports of about 40 pages, in English, French and Spanish")
    folder = work / "large"
    inputs = large_meeting(folder)
    outputs = folder / "outputs"
    shutil.copytree(folder / "pandoc-cache", outputs / ".cache")  # drafts read before, as in any rebuild
    result = {}

    def run(label: str) -> None:
        result[label] = build(inputs, outputs, ROOT / "templates")

    t_full = timed("full build (30 Word files, 30 PDFs, 30 web pages)", lambda: run("full"))
    pdfs = sorted(outputs.glob("*/*/*.pdf"))
    print(
        f"    ({len(pdfs)} PDFs; report-01 in English: {pages(outputs / 'report-01' / 'en' / 'CCM_MSP_2025_21.pdf')} "
        "pages)"
    )
    t_noop = timed("no-op rebuild", lambda: run("noop"))
    draft = next(p for p in (inputs / "drafts" / "r01-transparency-1").iterdir() if p.suffix == ".md")
    draft.write_text(draft.read_text(encoding="utf-8") + "\nA late paragraph.\n", encoding="utf-8")
    t_draft = timed("rebuild after one late draft", lambda: run("draft"))
    rebuilt = [d.document_id for d in result["draft"].documents if d.state.startswith("rebuilt")]
    book = openpyxl.Workbook()
    book.active.title = "Article7"
    book.active.append(("ISO3", "State", "Report", "Year covered", "Due", "Submitted"))
    data, _hashes, _problems = read_data(inputs / "data")
    import datetime as dt

    late = indicators(data, Period(dt.date(2024, 7, 1), dt.date(2025, 6, 30))).figures[
        "article7.annual.overdue_states"
    ][0]
    iso3 = next(r["ISO3"] for r in data.sheet("States") if r["State"] == late)
    book.active.append((iso3, late, "Annual", 2024, dt.date(2025, 4, 30), dt.date(2025, 6, 20)))
    book.save(inputs / "data" / "late-report.xlsx")
    t_row = timed("rebuild after one late data row", lambda: run("row"))
    print(f"  no-op: {t_noop:.3f} s (target < 0.5 s), {t_noop / t_full:.1%} of the full build")
    print(
        f"  one late draft: {t_draft / t_full:.0%} of the full build (target < 35%); rebuilt: {', '.join(rebuilt)} "
        "(3 languages)"
    )
    print(f"  one late data row: {t_row / t_full:.0%} of the full build (the data feed every document)")


if __name__ == "__main__":
    if sys.argv[1:] == ["large"]:  # only the large meeting: python -m tools.bench large
        with tempfile.TemporaryDirectory(prefix="ccm-bench-") as folder:
            large_meeting_rebuilds(Path(folder))
    else:
        main()
