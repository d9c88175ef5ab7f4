"""Reference files as Zotero, Better BibTeX, Scopus and Web of Science write them:
every record of a real export is imported or reported with its line and reason."""

import json
from pathlib import Path

import pytest

from workbench.bibliography import read_references
from workbench.cli import main
from workbench.operations.references import apply, prepare
from workbench.project import Project

REFERENCES = Path(__file__).parent / "fixtures" / "references"
MIXED = REFERENCES / "csl-wrong-types.json"

# (line of the item, citation key, words the reason must hold) of the mixed file's bad items
BAD_ITEMS = [
    (12, "numeric-doi", ["item 2", "'DOI'", "number 10.1234"]),
    (20, "endless-year", ["item 3", "'issued date-parts'", "infinite"]),
    (49, "publisher-object", ["item 7", "'publisher'", "object"]),
    (56, "numeric-family", ["item 8", "'author 1 family'", "number 1234"]),
]
GOOD_KEYS = ["zardo2022", "broken-emoji", "volume-list", "container-list"]


def _cli_json(capsys, *args: str) -> list[dict]:
    assert main(["import-refs", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _exports_work(path: Path, tmp_path: Path, capsys) -> None:
    """What used to crash on badly typed items: both exports and the check."""
    assert main(["export-xlsx", str(path), str(tmp_path / "out.xlsx")]) == 0
    assert main(["export-refs", str(path), str(tmp_path / "out.bib")]) == 0
    assert main(["export-refs", str(path), str(tmp_path / "out.json")]) == 0
    assert main(["check", str(path)]) == 0
    capsys.readouterr()


# CSL-JSON -----------------------------------------------------------------------------------


def test_a_mixed_csl_file_imports_every_good_item_and_reports_each_bad_one():
    result = read_references(MIXED)
    assert result.record_starts == 8
    assert [r.key for r in result.references] == GOOD_KEYS
    assert [(s.line, s.key) for s in result.skipped] == [(line, key) for line, key, _ in BAD_ITEMS]
    for skipped, (_, _, words) in zip(result.skipped, BAD_ITEMS, strict=True):
        for word in words:
            assert word in skipped.reason
    refs = {r.key: r.csl for r in result.references}
    assert refs["volume-list"]["volume"] == "12"
    assert refs["container-list"]["container-title"] == "Policy Studies"
    assert refs["broken-emoji"]["title"].endswith("border \ufffd")
    assert any(w.startswith("line 26 (broken-emoji)") and "'title'" in w for w in result.warnings)


def test_a_mixed_csl_file_through_the_cli_then_every_export(sample_path, tmp_path, capsys):
    before = Project.open_readonly(sample_path)
    sources = before.store.count("source")
    before.close()
    [report] = _cli_json(capsys, str(sample_path), str(MIXED))
    assert report["records"] == 8 and report["applied"] is True
    assert report["imported"] == ["broken-emoji", "volume-list"]
    assert report["unchanged"] == 2  # zardo2022 and rosina2024 are sample sources already
    assert [(s["line"], s["key"]) for s in report["skipped"]] == [
        (line, key) for line, key, _ in BAD_ITEMS
    ]
    assert all(s["reason"] for s in report["skipped"])
    assert any("line 26" in w for w in report["warnings"])
    after = Project.open_readonly(sample_path)
    assert after.store.count("source") == sources + 2
    after.close()
    _exports_work(sample_path, tmp_path, capsys)
    out = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    volume = next(i for i in out if i["id"] == "volume-list")
    assert volume["volume"] == "12"


@pytest.mark.parametrize(
    ("field", "outcome"),
    [
        ('"DOI": 10.1234', "'DOI' must be text"),
        ('"issued": {"date-parts": [[1e999]]}', "'issued date-parts' must hold whole numbers"),
        ('"title": "Border \\ud83c crossings"', {"title": "Border \ufffd crossings"}),
        ('"volume": ["12"]', {"volume": "12"}),
        ('"container-title": ["Migration Studies"]', {"container-title": "Migration Studies"}),
        ('"publisher": {"name": "Brill"}', "'publisher' must be text"),
        ('"author": [{"family": 1234, "given": "G."}]', "'author 1 family' must be text"),
    ],
    ids=[
        "doi-number",
        "year-1e999",
        "lone-surrogate",
        "volume-list",
        "container-list",
        "publisher-object",
        "family-number",
    ],
)
def test_each_wrongly_typed_field_is_an_item_problem_never_a_crash(
    project, tmp_path, capsys, field, outcome
):
    path = tmp_path / "items.json"
    path.write_text(
        "[\n"
        '{"id": "good2020", "type": "book", "title": "A good neighbour"},\n'
        f'{{"id": "odd2021", "type": "article-journal", "title": "Odd one", {field}}}\n'
        "]\n",
        encoding="utf-8",
    )
    report = prepare(project, path)  # used to raise TypeError, OverflowError, UnicodeEncodeError
    assert not report.error
    apply(project, report)
    keys = [key for key, _ in report.plan.new]
    if isinstance(outcome, str):
        assert keys == ["good2020"]
        [skipped] = report.plan.skipped
        assert (skipped.line, skipped.key) == (3, "odd2021")
        assert skipped.reason.startswith(f"item 2: {outcome}")
    else:
        assert keys == ["good2020", "odd2021"]
        stored = json.loads(project.store.get("source", {"citation_key": "odd2021"})["csl"])
        assert {name: stored[name] for name in outcome} == outcome
    project.close()
    _exports_work(project.path, tmp_path, capsys)


def test_zotero_item_addresses_become_citation_keys(project):
    report = prepare(project, REFERENCES / "zotero-item-addresses.json")
    assert [key for key, _ in report.plan.new] == [
        "adamson2019migration",
        "greenhill2010weapons",
        "hollifield2014dilemmas",
    ]
    assert any("3 record(s) had an address" in w for w in report.plan.warnings)
    apply(project, report)
    again = prepare(project, REFERENCES / "zotero-item-addresses.json")
    assert not again.plan.new and not again.plan.updates and len(again.plan.unchanged) == 3


def test_keys_made_from_addresses_are_unique_in_the_project(project, tmp_path):
    def item(n: int, title: str) -> dict:
        return {
            "id": f"http://zotero.org/users/local/kQ3mZr8v/items/ITEM{n}",
            "type": "article-journal",
            "title": title,
            "author": [{"family": "Adamson", "given": "Fiona B."}],
            "issued": {"date-parts": [["2019"]]},
        }

    first = tmp_path / "first.json"
    first.write_text(json.dumps([item(1, "Migration diplomacy in world politics")]))
    apply(project, prepare(project, first))
    second = tmp_path / "second.json"
    second.write_text(
        json.dumps([item(2, "Migration and security"), item(3, "Migration and the state")])
    )
    keys = [key for key, _ in prepare(project, second).plan.new]
    assert keys == ["adamson2019migrationa", "adamson2019migrationb"]


def test_better_bibtex_citation_key_wins_over_the_zotero_address():
    data = json.dumps(
        [
            {
                "id": "http://zotero.org/users/local/kQ3mZr8v/items/7XG2CTZA",
                "citation-key": "adamsonMigrationDiplomacyWorld2019",
                "type": "article-journal",
                "title": "Migration Diplomacy in World Politics",
            }
        ]
    ).encode()
    assert read_references(data, name="x.json").references[0].key == (
        "adamsonMigrationDiplomacyWorld2019"
    )


# RIS ----------------------------------------------------------------------------------------


def test_a_ris_record_without_er_keeps_the_next_record():
    result = read_references(REFERENCES / "scopus.ris")
    assert [r.line for r in result.references] == [1, 25, 45]
    assert result.references[1].csl["title"].startswith("The Syrian Refugee Crisis")
    assert result.references[0].csl["DOI"] == "10.1093/isp/eky015"  # not the next record's
    assert result.warnings == [
        "line 1: the record has no ER line; it was closed where the next record starts (line 25)."
    ]


def test_a_record_the_ris_parser_rejects_is_reported_with_its_own_line(monkeypatch):
    import rispy

    real = rispy.loads

    def rejecting(text, **kwargs):
        if "Syrian Refugee Crisis" in text:
            raise KeyError("title")  # as rispy fails on some malformed records
        return real(text, **kwargs)

    monkeypatch.setattr(rispy, "loads", rejecting)
    result = read_references(REFERENCES / "scopus.ris")
    assert [r.line for r in result.references] == [1, 45]
    assert [(s.line, s.reason) for s in result.skipped] == [
        (25, "the record cannot be read (broken RIS lines)")
    ]


def test_scopus_names_put_the_initials_after_the_family_name():
    result = read_references(REFERENCES / "scopus.ris")
    assert result.references[0].csl["author"] == [
        {"family": "Adamson", "given": "F.B."},
        {"family": "Tsourapas", "given": "G."},
    ]
    assert result.references[2].csl["author"] == [{"family": "Greenhill", "given": "K.M."}]


def test_the_full_journal_title_wins_over_its_abbreviation():
    csl = read_references(REFERENCES / "scopus.ris").references[0].csl
    assert csl["container-title"] == "International Studies Perspectives"
    assert csl["container-title-short"] == "Int. Stud. Perspect."
    only_abbreviation = b"TY  - JOUR\nTI  - A title\nJ2  - Int. Migr.\nER  - \n"
    csl = read_references(only_abbreviation, name="x.ris").references[0].csl
    assert csl["container-title"] == "Int. Migr."


def test_web_of_science_names_and_both_issns():
    first = read_references(REFERENCES / "web-of-science.ris").references[0].csl
    assert first["author"][0] == {"family": "Adamson", "given": "FB"}
    assert first["container-title"] == "INTERNATIONAL STUDIES PERSPECTIVES"
    assert first["ISSN"] == "1528-3577, 1528-3585"
    assert first["issued"] == {"date-parts": [[2019]]}


# BibTeX -------------------------------------------------------------------------------------


def test_better_bibtex_links_in_notes_are_imported_with_their_address():
    result = read_references(REFERENCES / "better-bibtex.bib")
    assert not result.skipped
    adamson, greenhill = (r.csl for r in result.references)
    assert adamson["note"] == (
        "Replication data: Harvard Dataverse <https://www.example.com/#f%20o\\o>"
    )
    assert adamson["URL"] == "https://doi.org/10.1093/isp/eky015"
    assert greenhill["note"] == (
        "See the data appendix at https://www.example.org/greenhill_appendix.pdf#page=3"
    )


# Encodings ----------------------------------------------------------------------------------


def test_utf16_without_a_byte_order_mark(sample_path, capsys):
    path = REFERENCES / "zotero-utf16le-no-bom.ris"
    detected = read_references(path)
    assert detected.encoding == "utf-16-le"
    assert detected.references[0].csl["author"][0] == {"family": "İçduygu", "given": "Ahmet"}
    assert detected.references[1].csl["ISBN"] == "978-0-8014-4845-4"
    given = read_references(path, encoding="utf-16-le")
    assert [r.csl["title"] for r in given.references] == [
        r.csl["title"] for r in detected.references
    ]
    [report] = _cli_json(capsys, str(sample_path), str(path), "--encoding", "utf-16-le")
    assert report["encoding"] == "utf-16-le" and not report["skipped"]


def test_latex_the_decoder_cannot_read_is_kept_as_text_and_the_entry_imported():
    data = rb"""@misc{odd2020,
  title = {Odd {LaTeX}: \footnote\footnote\c \' in a title},
  note = {\citea\footnote\href$\"},
  year = {2020}
}
"""
    result = read_references(data, name="odd.bib")
    assert not result.skipped
    assert result.references[0].csl["title"].startswith("Odd LaTeX:")


def test_utf16_big_endian_without_a_byte_order_mark(tmp_path):
    text = (REFERENCES / "zotero-utf16le-no-bom.ris").read_bytes().decode("utf-16-le")
    path = tmp_path / "big-endian.ris"
    path.write_bytes(text.encode("utf-16-be"))
    result = read_references(path)
    assert result.encoding == "utf-16-be" and len(result.references) == 2


def test_older_ris_title_book_title_and_editor_tags():
    chapter, book = (
        r.csl for r in read_references(REFERENCES / "refman-older-tags.ris").references
    )
    assert chapter["title"] == "The Dilemmas of Immigration Control"
    assert chapter["container-title"] == "Controlling Immigration: A Global Perspective"
    assert [e["family"] for e in chapter["editor"]] == ["Hollifield", "Martin", "Orrenius"]
    assert chapter["page"] == "3-41" and chapter["issued"] == {"date-parts": [[2014]]}
    assert book["title"].startswith("Weapons of Mass Migration")
    assert book["ISBN"] == "978-0-8014-4845-4"


def test_a_reused_citation_key_keeps_both_works(project):
    data = (
        b"@string{io = {International Organization}}\n"
        b"@article{greenhill2010, title = {Weapons of Mass Migration}, journal = io, year = 2010,\n"
        b"  author = {Greenhill, Kelly M.}}\n"
        b"@article{greenhill2010, title = {Strategic engineered migration}, year = 2010,\n"
        b"  author = {Greenhill, Kelly M.}}\n"
        b"@article{greenhill2010, title = {Weapons of mass migration}, year = 2010,\n"
        b"  author = {Greenhill, Kelly M.}}\n"
    )
    path = project.path.with_name("reused.bib")
    path.write_bytes(data)
    plan = prepare(project, path).plan
    assert [key for key, _ in plan.new] == ["greenhill2010", "greenhill2010strategic"]
    assert plan.new[1][1].line == 4
    assert any(
        w.startswith("line 4: citation key 'greenhill2010' is also used on line 2")
        for w in plan.warnings
    )
    assert [(s.line, s.reason) for s in plan.skipped] == [
        (6, "the same reference as line 2 of this file")
    ]


def test_a_key_pinned_in_zoteros_extra_field_is_the_citation_key():
    data = json.dumps(
        [
            {
                "id": "http://zotero.org/users/local/kQ3mZr8v/items/QW9B3N2D",
                "type": "book",
                "title": "Weapons of Mass Migration",
                "note": "tex.ids: greenhill2010\nCitation Key: greenhillWeaponsMassMigration2010",
            }
        ]
    ).encode()
    assert read_references(data, name="x.json").references[0].key == (
        "greenhillWeaponsMassMigration2010"
    )


def test_google_scholar_and_mendeley_quirks_are_all_imported(sample_path, tmp_path, capsys):
    """Scholar's 'and others', Mendeley's field given twice, an organisation without a
    title, an entry without a key, authors separated by commas: nothing refused."""
    path = REFERENCES / "scholar-and-mendeley-quirks.bib"
    [report] = _cli_json(capsys, str(sample_path), str(path))
    assert report["records"] == 6 and not report["skipped"] and report["applied"] is True
    assert report["warnings"] == [
        "line 29 (Hernando2022): the field 'url' is given twice; the first value was kept and "
        'the second one ("https://www.tandfonline.com/doi/full/10.1080/13629395.202...") '
        "left out",
        "line 22 (iom2020): the item has no title; it was imported without one",
        "line 42: the entry has no citation key; one is made from its author, year and title",
        "line 49 (vanhoutum2012): the authors are separated by commas instead of 'and'; they "
        "were read as 3 names",
    ]
    project = Project.open_readonly(sample_path)
    stored = {r["citation_key"]: json.loads(r["csl"]) for r in project.store.select("source")}
    project.close()
    assert stored["adamson2019migration"]["custom"] == {"et-al": ["author"]}
    assert stored["greenhill2010weapons"]["publisher"] == "Cornell University Press"
    assert [a.get("non-dropping-particle") for a in stored["vanhoutum2012"]["author"]] == [
        "van",
        None,
        None,
    ]
    _exports_work(sample_path, tmp_path, capsys)
    bib = (tmp_path / "out.bib").read_text(encoding="utf-8")
    assert "author = {Adamson, Fiona B and Tsourapas, Gerasimos and others}" in bib
