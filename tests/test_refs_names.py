"""Authors' names come through whole: particles ('van der Berg'), family names of several
words ('Hernando de Larramendi'), suffixes ('Jr.'), organisations, and BibTeX's
'and others' (et al., never an author named "others") — in import, labels, APA
references, the workbook's Authors column, BibTeX and CSL-JSON."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from workbench.bibliography import read_references
from workbench.bibliography.export import to_bibtex, to_csl_json
from workbench.citations import format_reference, short_citation
from workbench.commands import AddSource
from workbench.csl import author_date, names_line
from workbench.excel.export import export_workbook

BIB = rb"""@article{fm2022,
  author = {Fern{\'a}ndez-Molina, Irene and Hernando de Larramendi, Miguel},
  title = {Migration diplomacy in the western Mediterranean},
  journal = {Mediterranean Politics},
  year = {2022}
}
@book{berg2019,
  author = {van der Berg, Jan and King, Jr., Martin Luther
            and {International Organization for Migration} and others},
  editor = {Smith, Anna and others},
  title = {Borders and power},
  year = {2019}
}
"""
LARRAMENDI = {"family": "Hernando de Larramendi", "given": "Miguel"}
BERG = {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}
KING = {"family": "King", "given": "Martin Luther", "suffix": "Jr."}
IOM = {"literal": "International Organization for Migration"}


def _read() -> dict[str, dict]:
    result = read_references(BIB, name="names.bib")
    assert not result.skipped
    return {r.key: r.csl for r in result.references}


def test_bibtex_names_keep_particles_suffixes_and_organisations():
    refs = _read()
    assert refs["fm2022"]["author"] == [
        {"family": "Fernández-Molina", "given": "Irene"},
        LARRAMENDI,
    ]
    assert refs["berg2019"]["author"] == [BERG, KING, IOM]  # no author named "others"
    assert refs["berg2019"]["editor"] == [{"family": "Smith", "given": "Anna"}]
    assert refs["berg2019"]["custom"] == {"et-al": ["author", "editor"]}


def test_labels_and_in_text_citations_read_whole_family_names():
    refs = _read()
    assert author_date(refs["fm2022"]) == "Fernández-Molina and Hernando de Larramendi 2022"
    assert short_citation(refs["fm2022"], "4") == (
        "Fernández-Molina & Hernando de Larramendi, 2022, p. 4"
    )
    assert author_date(refs["berg2019"]) == "van der Berg et al. 2019"
    one_and_others = {"author": [BERG], "custom": {"et-al": ["author"]}, "title": "T"}
    assert author_date(one_and_others) == "van der Berg et al. n.d."
    assert short_citation({"author": [BERG, KING], "issued": {"date-parts": [[2019]]}}) == (
        "van der Berg & King, 2019"
    )


def test_the_apa_reference_names_everyone_and_ends_the_list_with_et_al():
    refs = _read()
    full = format_reference({**refs["berg2019"], "id": "berg2019"})
    assert full.startswith(
        "van der Berg, J., King, M. L., Jr., International Organization for Migration, "
        "et al. (2019)."
    )
    assert "others" not in full
    larramendi = format_reference({**refs["fm2022"], "id": "fm2022"})
    assert larramendi.startswith("Fernández-Molina, I., & Hernando de Larramendi, M. (2022).")


def test_ris_names_keep_particles_suffixes_and_et_al():
    data = (
        b"TY  - JOUR\nAU  - van der Berg, Jan\nAU  - King, Martin Luther, Jr.\n"
        b"AU  - Hernando de Larramendi, Miguel\nAU  - et al.\nTI  - Borders\nPY  - 2019\n"
        b"ER  - \n"
    )
    [ref] = read_references(data, name="x.ris").references
    assert ref.csl["author"] == [BERG, KING, LARRAMENDI]
    assert ref.csl["custom"] == {"et-al": ["author"]}


def test_names_come_back_unchanged_from_bibtex_and_csl_json_exports():
    refs = _read()
    items = list(refs.items())
    again = read_references(to_bibtex(items).encode(), name="again.bib")
    assert {r.key: r.csl for r in again.references} == refs
    bib = to_bibtex(items)
    assert "{Hernando de Larramendi}, Miguel" in bib  # BibTeX keeps it one family name
    assert "{International Organization for Migration} and others" in bib
    exported = json.loads(to_csl_json(items))
    assert exported[1]["author"] == [BERG, KING, IOM]
    back = read_references(to_csl_json(items).encode(), name="again.json")
    assert {r.key: r.csl for r in back.references} == refs


def test_the_workbook_authors_column_keeps_every_part(project, tmp_path):
    refs = _read()
    project.apply(AddSource(refs["berg2019"], "berg2019"))
    project.apply(AddSource(refs["fm2022"], "fm2022"))
    out = tmp_path / "book.xlsx"
    export_workbook(project, out)
    sheet = load_workbook(out, read_only=True)["Sources"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    key, who = header.index("Citation key"), header.index("Authors")
    authors = {r[key]: r[who] for r in rows[1:] if r[0]}
    assert authors["berg2019"] == (
        "van der Berg, Jan; King, Martin Luther, Jr.; International Organization for Migration; "
        "et al."
    )
    assert authors["fm2022"] == "Fernández-Molina, Irene; Hernando de Larramendi, Miguel"


def test_an_organisation_with_a_comma_is_written_in_braces():
    item = {"author": [{"literal": "United Nations, Department of Economic Affairs"}]}
    assert names_line(item) == "{United Nations, Department of Economic Affairs}"


def test_a_name_others_stored_by_an_older_import_reads_as_et_al():
    item = {
        "id": "smith2020",
        "type": "book",
        "title": "Borders",
        "author": [{"family": "Smith", "given": "Anna"}, {"family": "others"}],
        "issued": {"date-parts": [[2020]]},
    }
    assert author_date(item) == "Smith et al. 2020"
    assert names_line(item) == "Smith, Anna; et al."
    assert format_reference(item).startswith("Smith, A., et al. (2020).")
    assert "author = {Smith, Anna and others}" in to_bibtex([("smith2020", item)])


def test_a_ris_name_written_given_first_keeps_its_particle():
    data = b"TY  - BOOK\nAU  - Jan van der Berg\nAU  - de Gaulle\nTI  - Borders\nER  - \n"
    [ref] = read_references(data, name="x.ris").references
    assert ref.csl["author"] == [BERG, {"family": "Gaulle", "non-dropping-particle": "de"}]


def test_the_source_form_reads_back_the_names_it_shows():
    from workbench.source_form import names_text, parse_names

    shown = names_text([BERG, KING, IOM, LARRAMENDI], et_al=True)
    assert shown.splitlines() == [
        "van der Berg, Jan",
        "King, Martin Luther, Jr.",
        "International Organization for Migration",
        "Hernando de Larramendi, Miguel",
        "et al.",
    ]
    assert parse_names(shown) == ([BERG, KING, IOM, LARRAMENDI], True)
    # a name shown as stored is kept as stored, whatever its parts
    odd = {"family": "Larramendi", "non-dropping-particle": "Hernando de", "given": "Miguel"}
    assert parse_names("Hernando de Larramendi, Miguel", [odd]) == ([odd], False)
