"""Acknowledging a finding: inputs/acknowledged.yaml lets a warning stand, with a reason and a name; it
lapses when the paragraph it is about changes, never covers an error, and survives the no-op path."""

import json
import textwrap

import lxml.html
import pytest

from pipeline.build import check
from pipeline.errors import Location, Severity, error, has_errors, warning
from pipeline.intake.acknowledgements import acknowledge, parse_acknowledgements
from pipeline.model import Acknowledgement
from pipeline.publish.fingerprint import inputs_fingerprint, remember, unchanged_since
from pipeline.publish.status import status_data, status_html, summary_lines
from tests.conftest import TEMPLATES

DRAFT = "inputs/drafts/transparency/transparency-section.md"
LAO = "informal name “Lao PDR”"


def _draft(project, paragraph: str) -> None:
    """The transparency section: a heading and one paragraph that names a State informally."""
    folder = project.clear_drafts("transparency")
    (folder / "transparency-section.md").write_text(f"# Transparency\n\n{paragraph}\n", encoding="utf-8")


def _acknowledge(project, text: str) -> None:
    (project.inputs / "acknowledged.yaml").write_text(textwrap.dedent(text), encoding="utf-8")


def _lao(diagnostics):
    return [d for d in diagnostics if d.location.path.endswith("transparency-section.md") and LAO in d.message]


def _check(project, final=False):
    _inputs, diagnostics = check(project.inputs, TEMPLATES, final=final)
    return diagnostics


@pytest.mark.slow  # seconds of its own: make test runs it, make check leaves it out
def test_an_acknowledged_warning_is_shown_with_its_reason_and_does_not_fail_final(project, monkeypatch):
    monkeypatch.chdir(project.root)  # paths shown relative to the project, as the CLI runs
    _draft(project, "Clearance in Lao PDR progressed in 2024.")
    [finding] = _lao(_check(project))
    assert finding.severity == Severity.WARNING
    assert str(finding).endswith(f"[draft.country-name] (key {finding.key})")

    _acknowledge(
        project,
        f"""\
        # Warnings the ISU lets stand
        - key: {finding.key}
          code: draft.country-name
          reason: quoted from the State's own statement
          by: A. Coordinator
        """,
    )
    diagnostics = _check(project, final=True)
    [acknowledged] = _lao(diagnostics)
    assert acknowledged.severity == Severity.WARNING and acknowledged.acknowledged
    assert str(acknowledged) == (
        f"{DRAFT}:paragraph 2: WARNING: {LAO}: official documents use “Lao People's Democratic Republic” "
        f"[draft.country-name] (key {finding.key}, acknowledged by A. Coordinator: quoted from the State's own statement)"
    )
    assert not [d for d in diagnostics if d.code.startswith("acknowledged")]
    # the sample's other informal names are still errors with --final; this one alone does not fail it
    others = [d for d in diagnostics if d.severity == Severity.ERROR]
    assert others and all(d.location.path != DRAFT for d in others)
    assert not has_errors([acknowledged], strict=True)
    assert has_errors([finding], strict=True)


@pytest.mark.slow  # three checks of the whole sample: make test
def test_a_changed_paragraph_makes_the_acknowledgement_lapse_visibly(project, monkeypatch):
    monkeypatch.chdir(project.root)
    _draft(project, "Clearance in Lao PDR progressed in 2024.")
    [finding] = _lao(_check(project))
    _acknowledge(project, f"- {{key: {finding.key}, reason: quoted, by: A. Coordinator}}\n")
    assert _lao(_check(project))[0].acknowledged

    # the paragraph moves (a heading added above it): same text, same key, still acknowledged
    folder = project.inputs / "drafts" / "transparency"
    (folder / "transparency-section.md").write_text(
        "# Transparency\n\n## Findings\n\nClearance in Lao PDR progressed in 2024.\n", encoding="utf-8"
    )
    [moved] = _lao(_check(project))
    assert moved.location.place != finding.location.place and moved.acknowledged

    # its text changes: the warning is back, with a new key, and the entry is named as lapsed
    _draft(project, "Clearance in Lao PDR progressed further in 2024.")
    diagnostics = _check(project)
    [again] = _lao(diagnostics)
    assert not again.acknowledged and again.key != finding.key
    [lapsed] = [d for d in diagnostics if d.code == "acknowledged.lapsed"]
    assert str(lapsed) == (
        f"inputs/acknowledged.yaml:1: WARNING: acknowledged finding {finding.key} no longer occurs "
        f"(its paragraph changed or it was fixed); remove the entry [acknowledged.lapsed] (key {lapsed.key})"
    )
    # ... and --final refuses both until the entry is made again or removed
    final = _check(project, final=True)
    assert {d.code for d in final if d.severity == Severity.ERROR} >= {"draft.country-name", "acknowledged.lapsed"}
    [as_error] = _lao(final)
    assert as_error.key == again.key and str(as_error).endswith(f"(key {again.key})")  # the key to acknowledge


def test_every_problem_of_the_file_is_named_with_its_line():
    text = textwrap.dedent(
        """\
        - key: 3f9a2c1e
          reason: quoted
          by: A. Coordinator
        - key: 3F9A2C1E
          reason: twice
          by: B
        - key: not-a-key
          reason: x
          by: C
        - key: 0123abcd
          by: D
        - key: 89abcdef
          reason: x
          who: E
        - key: 456789ab
          reason: x
          by: F
          code: Draft Country Name
        """
    )
    entries, problems = parse_acknowledgements(text, "inputs/acknowledged.yaml")
    assert entries == ()
    assert all(p.severity == Severity.ERROR and p.code == "acknowledged" for p in problems)
    assert [(p.location.place, p.message) for p in problems] == [
        ("7", "[3].key: 'not-a-key' is not a finding's key: eight letters and digits (0-9, a-f), e.g. 3f9a2c1e"),
        ("10", "[4]: missing key 'reason': why the warning may stand (shown with it in the status)"),
        ("14", "[5]: unknown key 'who' (the keys here are: key, reason, by, code, note)"),
        ("12", "[5]: missing key 'by': who acknowledges it: a name"),
        ("18", "[6].code: 'Draft Country Name' is not a finding's code, e.g. draft.country-name (the text in [ ])"),
        ("4", "[2].key: 3f9a2c1e is acknowledged twice (first in entry 1); keep one entry"),
    ]


def test_a_valid_file_gives_its_entries_and_an_empty_one_none():
    entries, problems = parse_acknowledgements(
        "# none yet\n- key: 3F9A2C1E\n  reason: quoted\n  by: A. Coordinator\n  note: see the minutes\n", "a.yaml"
    )
    assert problems == []
    assert entries == (
        Acknowledgement("3f9a2c1e", "quoted", "A. Coordinator", Location("a.yaml", "2"), note="see the minutes"),
    )
    assert parse_acknowledgements("# nothing acknowledged yet\n", "a.yaml") == ((), [])
    _entries, [problem] = parse_acknowledgements("key: 3f9a2c1e\n", "a.yaml")
    assert "expected a list" in problem.message and problem.location.place == "1"


def test_an_error_cannot_be_acknowledged_and_a_wrong_code_is_caught():
    bad = error("data.unknown-state", Location("data.xlsx", "States!A2"), "XKX is not a State code")
    odd = warning("draft.bullet-semicolon", Location("d.docx", "paragraph 3"), "bullet 1 ends with a semicolon")
    entries = (
        Acknowledgement(bad.key, "we know", "A", Location("inputs/acknowledged.yaml", "1")),
        Acknowledgement(odd.key, "copied", "B", Location("inputs/acknowledged.yaml", "4"), code="draft.country-name"),
    )
    found = acknowledge([bad, odd], entries)
    assert found[:2] == [bad, odd] and not found[0].acknowledged and not found[1].acknowledged
    assert [(d.code, d.severity, str(d.location)) for d in found[2:]] == [
        ("acknowledged.error", Severity.WARNING, "inputs/acknowledged.yaml:1"),
        ("acknowledged.code", Severity.WARNING, "inputs/acknowledged.yaml:4"),
    ]
    assert "errors cannot be acknowledged" in found[2].message
    assert "says code draft.country-name, but that finding is [draft.bullet-semicolon]" in found[3].message
    # applied again (to a whole build's findings), it says the same once
    assert acknowledge(found, entries) == found


def test_the_no_op_path_keeps_keys_and_acknowledgements(tmp_path):
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    (outputs / "manifest.json").write_text("{}", encoding="utf-8")
    about = warning("draft.country-name", Location(DRAFT, "paragraph 2"), LAO, context="Clearance in Lao PDR.")
    plain = warning("draft.missing", Location("inputs/drafts/x/"), "no draft")
    [acknowledged, open_] = acknowledge(
        [about, plain], (Acknowledgement(about.key, "quoted", "A. Coordinator", Location("a.yaml", "1")),)
    )[:2]
    remember(outputs, "f1", (acknowledged, open_), (), {}, {})
    remembered = unchanged_since(outputs, "f1")
    assert remembered is not None
    assert [str(d) for d in remembered.diagnostics] == [str(acknowledged), str(open_)]
    assert [d.key for d in remembered.diagnostics] == [about.key, plain.key]
    assert remembered.diagnostics[0].acknowledged_reason == "quoted"
    assert not has_errors(remembered.diagnostics[:1], strict=True)


def test_a_changed_acknowledgements_file_changes_the_fingerprint(project):
    def fingerprint():
        return inputs_fingerprint(project.inputs, TEMPLATES, False, code="c", tools={})

    before = fingerprint()
    _acknowledge(project, "- {key: 3f9a2c1e, reason: quoted, by: A}\n")
    added = fingerprint()
    _acknowledge(project, "- {key: 3f9a2c1e, reason: quoted again, by: A}\n")
    assert len({before, added, fingerprint()}) == 3


def test_the_status_lists_acknowledged_findings_apart_with_reason_and_who():
    about = warning("draft.country-name", Location(DRAFT, "paragraph 2"), LAO, context="Clearance in Lao PDR.")
    plain = warning("draft.missing", Location("inputs/drafts/x/"), "no draft")
    found = acknowledge(
        [about, plain], (Acknowledgement(about.key, "quoted <b>", "A. Coordinator", Location("a", "1")),)
    )
    data = status_data((), found, {}, {})
    assert data["findings"] == [
        {
            "code": "draft.missing",
            "severity": "WARNING",
            "where": "inputs/drafts/x/",
            "message": "no draft",
            "key": plain.key,
        }
    ]
    assert data["acknowledged"] == [
        {
            "code": "draft.country-name",
            "where": f"{DRAFT}:paragraph 2",
            "message": LAO,
            "key": about.key,
            "reason": "quoted <b>",
            "by": "A. Coordinator",
        }
    ]
    json.dumps(data)
    page = lxml.html.document_fromstring(status_html(data, "Status"))
    assert [h.text_content() for h in page.xpath("//h2")][-2:] == ["Findings", "Acknowledged findings"]
    [open_item] = page.xpath("//h3[.='inputs/drafts/x/']/following-sibling::ul[1]/li")
    assert open_item.text_content() == f"A section's draft has not arrived: no draft draft.missing, key {plain.key}"
    [item] = page.xpath("//h2[.='Acknowledged findings']/following-sibling::ul[1]/li")
    assert item.text_content() == (
        f"{DRAFT}:paragraph 2: {LAO}; acknowledged by A. Coordinator: quoted <b> (key {about.key})"
    )
    assert summary_lines(data)[-1] == (
        f"acknowledged: {DRAFT}:paragraph 2: {LAO} [draft.country-name] acknowledged by A. Coordinator: "
        f"quoted <b> (key {about.key})"
    )


def test_a_warning_of_a_later_phase_can_be_acknowledged_and_does_not_lapse_at_intake(small_built_project):
    """An unknown [[figure]] is found when compute fills the drafts, after intake: the build applies the
    acknowledgements again to all its findings, so the entry holds and is not called lapsed."""
    from pipeline.build import build

    project = small_built_project
    draft = project.inputs / "drafts" / "transparency" / "transparency-section.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\nSee [[no.such.figure]].\n", encoding="utf-8")
    result = build(project.inputs, project.outputs, TEMPLATES)
    (unknown,) = [d for d in result.diagnostics if d.code == "draft.unknown-figure"]
    _acknowledge(project, f"- key: {unknown.key}\n  reason: the figure arrives with the late report\n  by: ISU\n")
    result = build(project.inputs, project.outputs, TEMPLATES)
    (unknown,) = [d for d in result.diagnostics if d.code == "draft.unknown-figure"]
    assert unknown.acknowledged and unknown.acknowledged_by == "ISU"
    assert not [d for d in result.diagnostics if d.code.endswith(".lapsed")]
