"""Records real exports hold that used to be refused or dropped: entries without a title
(imported with a warning), author lists separated by commas, a field given twice, an
entry without a key, and a bare `TY  -` at the end of a RIS file (reported with its line)."""

from __future__ import annotations

from workbench.bibliography import read_references
from workbench.operations.references import apply, prepare


def test_entries_without_a_title_are_imported_with_a_warning(project, tmp_path):
    path = tmp_path / "untitled.bib"
    path.write_text(
        "@misc{iom2021, author = {{International Organization for Migration}}, year = 2021,\n"
        "  url = {https://www.iom.int/}}\n"
        "@misc{empty2021,}\n",
        encoding="utf-8",
    )
    report = prepare(project, path)
    assert [key for key, _ in report.plan.new] == ["iom2021"]
    assert "line 1 (iom2021): the item has no title; it was imported without one" in (
        report.plan.warnings
    )
    [empty] = report.plan.skipped  # nothing to keep: refused, with its line
    assert (empty.line, empty.key) == (3, "empty2021")
    assert empty.reason == "the item has no title, author or other field of a reference"
    apply(project, report)
    stored = project.store.get("source", {"citation_key": "iom2021"})
    assert (
        stored["title"] == ""
        and stored["first_author"] == "International Organization for Migration"
    )


def test_a_ris_record_without_a_title_is_imported_with_a_warning():
    data = b"TY  - RPRT\nAU  - Rietig, Victoria\nPY  - 2023\nER  - \n"
    result = read_references(data, name="x.ris")
    assert [r.csl["author"] for r in result.references] == [
        [{"family": "Rietig", "given": "Victoria"}]
    ]
    assert result.warnings == ["line 1: the item has no title; it was imported without one"]


def test_authors_separated_by_commas_are_read_as_several_people():
    data = b"""@article{a, title = {A}, year = 2020,
  author = {Jane Doe, John Smith, Max Mustermann}}
@article{b, title = {B}, year = 2020, author = {Doe, J., Smith, J. K.}}
@article{c, title = {C}, year = 2020, author = {Doe, Jane; Smith, John}}
@article{d, title = {D}, year = 2020, author = {Garcia Lopez, Maria Jose}}
@article{e, title = {E}, year = 2020, author = {King, Jr., Martin Luther}}
"""
    result = read_references(data, name="commas.bib")
    authors = {r.key: r.csl["author"] for r in result.references}
    assert authors["a"] == [
        {"family": "Doe", "given": "Jane"},
        {"family": "Smith", "given": "John"},
        {"family": "Mustermann", "given": "Max"},
    ]
    assert authors["b"] == [{"family": "Doe", "given": "J."}, {"family": "Smith", "given": "J. K."}]
    assert authors["c"] == [
        {"family": "Doe", "given": "Jane"},
        {"family": "Smith", "given": "John"},
    ]
    # one name each: a comma that cannot be told from a list's is read as BibTeX reads it
    assert authors["d"] == [{"family": "Garcia Lopez", "given": "Maria Jose"}]
    assert authors["e"] == [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}]
    assert (
        "line 1 (a): the authors are separated by commas instead of 'and'; they were read as "
        "3 names"
    ) in result.warnings
    assert sum("separated by commas" in w for w in result.warnings) == 3


def test_a_field_given_twice_keeps_the_first_value_and_says_so():
    data = b"""@string{io = {International Organization}}
@article{greenhill2010,
  title = {Strategic engineered migration},
  journal = io,
  year = 2010,
  title = {Weapons of mass migration},
  author = {Greenhill, Kelly M.}
}
"""
    result = read_references(data, name="twice.bib")
    assert not result.skipped
    [ref] = result.references
    assert ref.csl["title"] == "Strategic engineered migration"
    assert ref.csl["container-title"] == "International Organization"  # the macro still read
    assert ref.csl["author"] == [{"family": "Greenhill", "given": "Kelly M."}]
    assert result.warnings == [
        "line 2 (greenhill2010): the field 'title' is given twice; the first value was kept "
        'and the second one ("Weapons of mass migration") left out'
    ]


def test_an_entry_without_a_key_gets_one(project, tmp_path):
    path = tmp_path / "keyless.bib"
    path.write_text(
        "@book{author = {Greenhill, Kelly M.}, title = {Weapons of Mass Migration}, year = 2010}\n"
        "@article{, author = {Adamson, Fiona}, title = {Migration diplomacy}, year = 2019}\n",
        encoding="utf-8",
    )
    report = prepare(project, path)
    assert not report.plan.skipped
    assert [key for key, _ in report.plan.new] == ["greenhill2010weapons", "adamson2019migration"]
    for line in (1, 2):
        assert (
            f"line {line}: the entry has no citation key; one is made from its author, "
            "year and title"
        ) in report.plan.warnings


def test_a_bare_ty_line_at_the_end_is_reported_with_its_line():
    data = b"TY  - JOUR\nTI  - Migration diplomacy\nPY  - 2019\nER  - \n\nTY  -\n"
    result = read_references(data, name="bare.ris")
    assert [r.csl["title"] for r in result.references] == ["Migration diplomacy"]
    assert [(s.line, s.reason) for s in result.skipped] == [
        (6, "the record is empty: a TY line with no type and no fields")
    ]
    assert result.record_starts == 2 and not result.warnings


def test_a_ris_tag_given_twice_keeps_the_first_value_and_says_so():
    data = (
        b"TY  - JOUR\nID  - adamson2019\nTI  - Migration diplomacy in world politics\n"
        b"TI  - Migration diplomacy\nSN  - 1528-3577\nSN  - 1528-3585\nPY  - 2019\nER  - \n"
    )
    result = read_references(data, name="twice.ris")
    [ref] = result.references
    assert ref.csl["title"] == "Migration diplomacy in world politics"
    assert ref.csl["ISSN"] == "1528-3577, 1528-3585"  # a journal's two ISSNs: both kept
    assert result.warnings == [
        "line 1 (adamson2019): the tag TI is given twice; the first value was kept and the "
        'second one ("Migration diplomacy") left out'
    ]


def test_a_missing_comma_between_fields_is_put_back_with_a_warning():
    data = b"""@article{adamson2019,
  title = {Migration diplomacy in world politics}
  author = {Adamson, Fiona B. and Tsourapas, Gerasimos},
  year = 2019
}
@article{tsourapas2017
  title = "Migration diplomacy in the Global South"
  abstract = {Two lines, the second
x = 1 is not a field},
  year = 2017
}
"""
    result = read_references(data, name="commas.bib")
    first, second = (r.csl for r in result.references)
    assert first["title"] == "Migration diplomacy in world politics"
    assert [a["family"] for a in first["author"]] == ["Adamson", "Tsourapas"]
    assert second["title"] == "Migration diplomacy in the Global South"
    assert second["abstract"] == "Two lines, the second x = 1 is not a field"
    assert [r.key for r in result.references] == ["adamson2019", "tsourapas2017"]
    assert [w.split(":")[0] for w in result.warnings] == ["line 2", "line 6", "line 7"]
    assert result.warnings[0] == (
        "line 2: a comma is missing at the end of the line; one was put in so that the next "
        "line is read as a field of its own"
    )


def test_joined_pieces_and_undefined_abbreviations_in_bibtex_values():
    data = b"""@string{io = {International Organization}}
@article{a, title = {A}, journal = io # " Review", year = 2020, month = jan}
@article{b, title = {B}, journal = "Journal of " # "Ethnic and Migration Studies", year = 2021}
@article{c, title = {C}, journal = jems, year = 2022-05}
"""
    result = read_references(data, name="pieces.bib")
    journals = [r.csl["container-title"] for r in result.references]
    assert journals == [
        "International Organization Review",
        "Journal of Ethnic and Migration Studies",
        "jems",
    ]
    assert result.references[0].csl["issued"] == {"date-parts": [[2020, 1]]}
    assert result.references[2].csl["issued"] == {"date-parts": [[2022, 5]]}
    assert result.warnings == [
        "line 4 (c): the field 'journal' uses the abbreviation 'jems', which the file does not "
        "define (no @string); it was kept as written"
    ]


def test_ris_tags_written_with_one_space_are_read(tmp_path):
    path = tmp_path / "catalogue.txt"
    path.write_bytes(
        b"TY - JOUR\nAU - Adamson, Fiona B.\nTI - Migration diplomacy in world politics\n"
        b"AB - On the\nUS - China relations\nPY - 2019\nER - \n\nTY - BOOK\nTI - Second\nER -\n"
    )
    result = read_references(path)
    assert result.format == "ris" and not result.skipped
    first, second = (r.csl for r in result.references)
    assert first["title"] == "Migration diplomacy in world politics"
    assert first["abstract"] == "On the US - China relations"  # not a tag: kept as text
    assert second == {"type": "book", "title": "Second"}
    assert result.warnings == [
        "The file writes its 9 tags with one space before the dash ('TY - ') instead of "
        "RIS's two; they were read as tags."
    ]


def test_a_month_or_day_out_of_range_keeps_the_item_and_its_year():
    data = (
        b'[{"id": "a", "type": "book", "title": "A", "issued": {"date-parts": [[2019, 0]]}},\n'
        b' {"id": "b", "type": "book", "title": "B", "issued": {"date-parts": [[2019, 2, 40]]}}]'
    )
    result = read_references(data, name="dates.json")
    assert not result.skipped
    assert [r.csl["issued"] for r in result.references] == [
        {"date-parts": [[2019]]},
        {"date-parts": [[2019, 2]]},
    ]
    assert result.warnings == [
        "line 1 (a): item 1: 'issued date-parts' has month 0; only the year was kept",
        "line 2 (b): item 2: 'issued date-parts' has day 40; the day was left out",
    ]
