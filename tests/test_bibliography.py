"""Reference import: every format on real-looking files, bad input, re-import, export."""

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.bibliography import ReferenceImportError, read_references
from workbench.bibliography.export import to_bibtex, to_csl_json
from workbench.cli import main
from workbench.operations.references import apply, prepare
from workbench.sources import bibliography_items

REFS = Path(__file__).parent / "fixtures" / "refs"


def _by_key(result):
    return {r.key: r for r in result.references}


def test_bibtex_from_a_reference_manager():
    result = read_references(REFS / "zotero.bib")
    assert result.format == "bibtex" and result.record_starts == 8
    refs = _by_key(result)
    barnett = refs["barnett2005power"].csl
    assert barnett["container-title"] == "International Organization"  # @string macro
    assert barnett["issued"] == {"date-parts": [[2005]]}  # BibLaTeX date field
    assert barnett["page"] == "39-75" and barnett["DOI"] == "10.1017/S0020818305050010"
    crawley = refs["crawley2018refugees"].csl
    assert crawley["issued"] == {"date-parts": [[2018, 1]]}  # month macro
    assert "Categorical Fetishism" in crawley["title"]  # double braces removed
    turkish = refs["icduygu2014book"].csl
    assert turkish["title"] == "Türkiye ve İşgüç: Göç Politikası"  # LaTeX accents
    assert turkish["author"][0] == {"family": "İçduygu", "given": "Ahmet"}
    assert turkish["author"][1] == {"literal": "World Bank"}
    assert turkish["publisher-place"] == "İstanbul"
    chapter = refs["hollifield2012migration"].csl
    assert chapter["type"] == "chapter" and chapter["editor"][1]["family"] == "Tichenor"
    assert refs["ice243d"].csl["author"] == [{"literal": "US Immigration and Customs Enforcement"}]
    assert refs["ice243d"].csl["accessed"] == {"date-parts": [[2024, 8, 6]]}
    thesis = refs["odd2019type"].csl
    assert thesis["type"] == "thesis" and thesis["publisher"] == "Universidad Complutense"
    assert thesis["author"][0]["non-dropping-particle"] == "de la"
    assert refs["crawley2018refugees"].line == 17
    skipped = {s.key: s for s in result.skipped}
    assert skipped["unbalanced2020"].line == 55 and "syntax" in skipped["unbalanced2020"].reason
    # an entry without a title is imported, with a warning naming it
    assert refs["notitle2021"].line == 68 and "title" not in refs["notitle2021"].csl
    assert "line 68 (notitle2021): the item has no title; it was imported without one" in (
        result.warnings
    )


def test_ris_multiline_fields_and_missing_er():
    result = read_references(REFS / "refs.ris")
    assert result.format == "ris" and result.record_starts == 4
    first = result.references[0]
    assert first.key == "strating2020"
    assert (
        first.csl["title"]
        == "Enabling authoritarianism in the Indo-Pacific: Australian exemptionalism"
    )
    assert first.csl["DOI"].endswith("10.1080/10357718.2020.1744516")
    chapter = result.references[1].csl
    assert chapter["type"] == "chapter" and chapter["editor"] == [
        {"family": "Carrera", "given": "Sergio"}
    ]
    assert chapter["issued"] == {"date-parts": [[2018]]} and chapter["page"] == "343-345"
    assert "footnote 80" in chapter["note"]
    last = result.references[-1]
    assert last.line == 36 and last.csl["issued"] == {"date-parts": [[2021, 10, 22]]}
    assert any("no ER line" in w for w in result.warnings)
    assert not result.skipped  # the record without a title is imported, with a warning
    assert result.references[2].line == 29 and result.references[2].csl["publisher"] == (
        "German Council on Foreign Relations"
    )
    assert "line 29: the item has no title; it was imported without one" in result.warnings


def test_csl_json_with_a_bad_item():
    result = read_references(REFS / "refs.json")
    assert [r.key for r in result.references] == ["zardo2022", "rosina2024"]
    assert result.skipped[0].key == "bad-names" and result.skipped[0].line == 12
    assert "list of name objects" in result.skipped[0].reason


def test_encodings():
    latin = read_references(REFS / "latin1.bib")
    assert latin.encoding == "cp1252"
    assert latin.references[0].csl["author"][0]["family"] == "García García"
    assert any("not UTF-8" in w for w in latin.warnings)
    assert read_references(REFS / "latin1.bib", encoding="latin-1").warnings == []
    with pytest.raises(ReferenceImportError, match="not valid utf-8"):
        read_references(REFS / "latin1.bib", encoding="utf-8")
    bom = read_references(REFS / "bom.bib")
    assert bom.encoding == "utf-8-sig" and bom.references[0].key == "garcia2024bom"
    utf16 = read_references(REFS / "utf16.ris")
    assert utf16.references[0].csl["title"] == "Weapons of mass migration"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"Just some notes about migration.\n", "not BibTeX, RIS or CSL-JSON"),
        (b'[{"title": ', "not valid JSON"),
        (b'{"a": 1}', "no title"),
        (b"@comment{nothing here}\n", "no BibTeX records"),
    ],
)
def test_unreadable_files_give_a_clear_message(tmp_path, content, message):
    path = tmp_path / "refs.bib"
    path.write_bytes(content)
    try:
        result = read_references(path)
    except ReferenceImportError as exc:
        assert str(path) in str(exc)
        assert message.lower() in str(exc).lower()
    else:  # a file with only bad entries is read, and every entry is reported
        assert not result.references and result.skipped
        assert message in str(result.skipped[0])


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ReferenceImportError, match="does not exist"):
        read_references(tmp_path / "nope.bib")
    with pytest.raises(ReferenceImportError, match="folder"):
        read_references(tmp_path)


def test_titles_with_html_and_control_characters_are_kept_as_text():
    data = b"@misc{x, title = {<b>Bold</b> <script>alert(1)</script> \x07bell}}\n"
    result = read_references(data, name="x.bib")
    assert "<script>alert(1)</script>" in result.references[0].csl["title"]


def test_import_then_reimport_updates_without_duplicates(sample_project):
    store = sample_project.store
    before = store.count("source")
    report = prepare(sample_project, REFS / "zotero.bib")
    # barnett2005 exists under another key: matched by DOI, not imported twice
    assert "barnett2005power" not in [k for k, _ in report.plan.new]
    assert [u.citation_key for u in report.plan.updates] == [
        "barnett2005",
        "crawley2018",
        "ice243d",
    ]
    assert report.plan.updates[1].changed == ("issued", "title")  # month added, title case
    assert [k for k, _ in report.plan.new] == [
        "icduygu2014book",
        "hollifield2012migration",
        "odd2019type",
        "notitle2021",
    ]
    apply(sample_project, report)
    assert store.count("source") == before + 4
    again = prepare(sample_project, REFS / "zotero.bib")
    assert not again.plan.new and not again.plan.updates
    assert len(again.plan.unchanged) == 7
    sample_project.history.undo()
    assert store.count("source") == before


def test_match_on_title_year_and_author(sample_project):
    data = (
        b"TY  - BOOK\nAU  - Greenhill, Kelly M.\nTI  - Weapons of Mass Migration: Forced "
        b"Displacement, Coercion, and Foreign Policy\nPY  - 2010\nSN  - 9780801448454\nER  - \n"
    )
    path = sample_project.path.with_name("g.ris")
    path.write_bytes(data)
    report = prepare(sample_project, path)
    assert not report.plan.new
    assert report.plan.updates[0].citation_key == "greenhill2010"
    assert report.plan.updates[0].changed == ("ISBN", "title")  # SN of a book: its ISBN
    merged = report.plan.updates[0].csl
    assert merged["publisher"] == "Cornell University Press"  # kept: the file lacks it


def test_duplicates_inside_one_file_are_skipped(tmp_path, project):
    path = tmp_path / "d.bib"
    path.write_text(
        "@book{a, title={Same}, year=2000, author={X, Y}, doi={10.1234/abc}}\n"
        "@book{b, title={Other}, year=2001, doi={10.1234/ABC}}\n"
    )
    report = prepare(project, path)
    assert len(report.plan.new) == 1
    assert "same reference as line 1" in report.plan.skipped[0].reason


def test_cli_import_refs(tmp_path, sample_path, capsys):
    assert (
        main(["import-refs", str(sample_path), str(REFS / "refs.ris"), "--dry-run", "--json"]) == 0
    )
    report = json.loads(capsys.readouterr().out)[0]
    assert report["records"] == 4 and report["applied"] is False
    assert not report["skipped"]
    assert "line 29: the item has no title; it was imported without one" in report["warnings"]
    assert main(["import-refs", str(sample_path), str(REFS / "refs.ris")]) == 0
    out = capsys.readouterr().out
    assert "imported      qadim2018funding" in out
    assert "updated       petrequin2021 (title, type)" in out
    bad = tmp_path / "bad.ris"
    bad.write_bytes(b"\x00\x01\x02garbage")
    assert main(["import-refs", str(sample_path), str(bad)]) == 2
    assert "binary" in capsys.readouterr().out
    # one readable file is enough for success
    assert main(["import-refs", str(sample_path), str(bad), str(REFS / "refs.json")]) == 0


def test_export_round_trip(sample_project, tmp_path):
    items = bibliography_items(sample_project.store)
    assert len(items) == sample_project.store.count("source")
    bib = read_references(to_bibtex(items).encode(), name="x.bib")
    assert len(bib.references) == len(items) and not bib.skipped
    original = dict(items)
    for ref in bib.references:
        assert ref.csl["title"] == original[ref.key]["title"]
    data = json.loads(to_csl_json(items))
    assert {d["id"] for d in data} == set(original)
    some = bibliography_items(sample_project.store, case_uids=["belarus-eu-2021"])
    assert {k for k, _ in some} == {
        "fernandezmolina2025",
        "petrequin2021",
        "greenhill2010",
        "kinacioglu2023",
    }


def test_export_refs_cli(sample_path, tmp_path, capsys):
    out = tmp_path / "sub.json"
    assert main(["export-refs", str(sample_path), str(out), "--case", "uk-rwanda-2022"]) == 0
    assert [d["id"] for d in json.loads(out.read_text())] == ["fernandezmolina2025"]
    assert main(["export-refs", str(sample_path), str(out), "--case", "nope"]) == 2


def test_a_huge_file_reports_progress(tmp_path):
    entries = "\n".join(
        f"@article{{k{i}, title = {{Title number {i} on mobility}}, author = {{Author{i}, A.}}, "
        f"journal = {{J}}, year = {{{1990 + i % 30}}}}}"
        for i in range(20000)
    )
    path = tmp_path / "big.bib"
    path.write_text("@string{j = {J}}\n" + entries)
    seen = []
    started = time.perf_counter()
    result = read_references(path, progress=lambda done, total: seen.append((done, total)))
    assert len(result.references) == 20000 and not result.skipped
    assert result.references[-1].line == 20001
    assert len(seen) >= 20 and seen == sorted(seen) and seen[-1] == (20000, 20000)
    assert time.perf_counter() - started < 120  # sanity bound only; timings live in benchmarks


FORMAT_NAMES = ["x.bib", "x.ris", "x.json", "x.txt"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), name=st.sampled_from(FORMAT_NAMES))
def test_any_bytes_raise_nothing_but_our_error(data, name):
    try:
        read_references(data, name=name)
    except ReferenceImportError:
        pass


_bibtexish = st.text(
    alphabet=st.sampled_from(list("@{}(),=\"\\% \n abcTY-ER0123#~^'`")), max_size=400
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_bibtexish, prefix=st.sampled_from(["@article{k,", "TY  - JOUR\n", "[{", ""]))
def test_structured_noise_raises_nothing_but_our_error(body, prefix):
    try:
        result = read_references((prefix + body).encode(), name="noise")
    except ReferenceImportError:
        return
    for ref in result.references:
        assert isinstance(ref.csl.get("title"), str)


def test_bibtex_export_protects_capitals_from_lower_casing_styles(sample_project):
    items = dict(bibliography_items(sample_project.store))
    bib = to_bibtex([("icduygu2014", items["icduygu2014"])])
    title = next(line for line in bib.splitlines() if line.strip().startswith("title"))
    assert (
        "{Two-to-tango in migration diplomacy: negotiating {Readmission} {Agreement} "
        "between the {EU} and {Turkey}}" in title
    )  # the first word keeps its capital in every style: no braces
    back = read_references(bib.encode(), name="x.bib").references[0]
    assert back.csl["title"] == items["icduygu2014"]["title"]
    acronym_first = to_bibtex([("k", {"title": "EU external migration policies"})])
    assert "title = {{EU} external migration policies}" in acronym_first
    report = to_bibtex([("r", {"type": "report", "title": "A", "publisher": "DGAP"})])
    assert "@techreport{r" in report and "institution = {DGAP}" in report
    assert read_references(report.encode(), name="r.bib").references[0].csl["publisher"] == "DGAP"
    braced = {"title": "The {EU} as a \\emph{normative} power", "type": "book"}
    assert "title = {The {EU} as a \\emph{normative} power}" in to_bibtex([("k", braced)])


@pytest.mark.parametrize(
    "title",
    [
        "Cost of $5 visas in Turkey",
        "The $6 billion EU-Turkey deal",
        "R&D, 100% and #hashtags in the EU",
        "A variable_name in COVID-19 data",
        "İstanbul and İzmir: Turkey's McDonald's",
    ],
)
def test_titles_come_back_from_our_bibtex_as_they_went(title):
    bib = to_bibtex([("k", {"type": "book", "title": title})])
    assert read_references(bib.encode(), name="k.bib").references[0].csl["title"] == title
