"""APA references and in-text citations as APA writes them: TeX quotes decoded, no
period after a title's question mark, DOIs as the publisher wrote them, italics where
the output can hold them, '&' and a comma before the year in text."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from workbench.bibliography import read_references
from workbench.bibliography.export import to_bibtex, to_csl_json
from workbench.citations import format_reference, short_citation
from workbench.excel.export import export_workbook
from workbench.operations.references import apply, prepare

BIB = rb"""@article{tsourapas2019,
  author = {Tsourapas, Gerasimos},
  title = {Is migration ``cooperation'' possible? {EU}--{Turkey} relations},
  journal = {Journal of Global Security Studies},
  volume = {4}, number = {4}, pages = {464--481},
  year = {2019},
  doi = {10.1093/JOGSS/ogz016}
}
"""


def _item() -> dict:
    [ref] = read_references(BIB, name="apa.bib").references
    return {**ref.csl, "id": ref.key}


def test_tex_quotes_and_dashes_are_decoded():
    assert _item()["title"] == "Is migration “cooperation” possible? EU–Turkey relations"


def test_no_period_after_a_question_mark_that_ends_the_title():
    item = {**_item(), "title": "Is it cooperation?"}
    reference = format_reference(item)
    assert "Is it cooperation? Journal of Global Security Studies" in reference
    assert "?." not in reference
    quoted = {**item, "title": "Is it “cooperation?”", "type": "book"}
    assert "?”." not in format_reference(quoted)


def test_the_doi_is_kept_as_written_in_every_output(project, tmp_path):
    path = tmp_path / "apa.bib"
    path.write_bytes(BIB)
    apply(project, prepare(project, path))
    row = project.store.get("source", {"citation_key": "tsourapas2019"})
    assert json.loads(row["csl"])["DOI"] == "10.1093/JOGSS/ogz016"
    assert row["doi"] == "10.1093/jogss/ogz016"  # the form sources are matched on
    item = {**json.loads(row["csl"]), "id": "tsourapas2019"}
    assert format_reference(item).endswith("https://doi.org/10.1093/JOGSS/ogz016")
    assert "doi = {10.1093/JOGSS/ogz016}" in to_bibtex([("tsourapas2019", item)])
    assert json.loads(to_csl_json([("tsourapas2019", item)]))[0]["DOI"] == "10.1093/JOGSS/ogz016"
    export_workbook(project, tmp_path / "book.xlsx")
    rows = list(load_workbook(tmp_path / "book.xlsx", read_only=True)["Sources"].values)
    doi = rows[0].index("DOI")
    assert [r[doi] for r in rows[1:] if r[0]] == ["10.1093/JOGSS/ogz016"]
    again = prepare(project, path)  # the same file again changes nothing
    assert not again.plan.updates and len(again.plan.unchanged) == 1
    lower = tmp_path / "lower.bib"
    lower.write_bytes(BIB.replace(b"JOGSS", b"jogss"))
    matched = prepare(project, lower)  # matched on the DOI, whatever its capitals
    assert not matched.plan.new and not matched.plan.updates


def test_the_html_reference_has_italics_and_escapes_text():
    item = {**_item(), "publisher": "Brill & Nijhoff"}
    html = format_reference(item, html=True)
    assert "<i>Journal of Global Security Studies</i>, <i>4</i>(4), 464–481" in html
    book = {
        "id": "b",
        "type": "book",
        "title": "Borders & <walls>",
        "publisher": "A & B",
        "issued": {"date-parts": [[2020]]},
        "author": [{"family": "Greenhill", "given": "Kelly M."}],
    }
    assert format_reference(book, html=True) == (
        "Greenhill, K. M. (2020). <i>Borders &amp; &lt;walls&gt;</i>. A &amp; B."
    )
    assert format_reference(book) == "Greenhill, K. M. (2020). Borders & <walls>. A & B."


def test_in_text_citations_in_apa_form():
    two = {
        "author": [
            {"family": "Fernández-Molina", "given": "Irene"},
            {"family": "Tsourapas", "given": "Gerasimos"},
        ],
        "issued": {"date-parts": [[2025]]},
    }
    assert short_citation(two, "4") == "Fernández-Molina & Tsourapas, 2025, p. 4"
    assert short_citation(two, "4-6") == "Fernández-Molina & Tsourapas, 2025, pp. 4-6"
    three = {**two, "author": [*two["author"], {"family": "Adamson"}]}
    assert short_citation(three, "para. 5") == "Fernández-Molina et al., 2025, para. 5"
    undated = {"author": [{"literal": "International Organization for Migration"}]}
    assert short_citation(undated) == "International Organization for Migration, n.d."
    assert (
        short_citation(undated, "", "International Organization for Migration n.d.-b")
        == "International Organization for Migration, n.d.-b"
    )


def test_an_edited_book_names_its_editors_once_and_capitalises_their_role():
    book = {
        "id": "b",
        "type": "book",
        "title": "Handbook of migration diplomacy",
        "editor": [{"family": "Adamson", "given": "Fiona B."}],
        "issued": {"date-parts": [[2020]]},
        "publisher": "Edward Elgar",
    }
    assert format_reference(book) == (
        "Adamson, F. B. (Ed.). (2020). Handbook of migration diplomacy. Edward Elgar."
    )
    several = {**book, "editor": [*book["editor"], {"family": "Tsourapas", "given": "G."}]}
    assert format_reference(several).startswith("Adamson, F. B., & Tsourapas, G. (Eds.). (2020).")
    authored = {**book, "author": [{"family": "Greenhill", "given": "Kelly M."}]}
    assert format_reference(authored) == (
        "Greenhill, K. M. (2020). Handbook of migration diplomacy (F. B. Adamson, Ed.). "
        "Edward Elgar."
    )
    chapter = {**authored, "type": "chapter", "title": "Coercion", "container-title": "H"}
    assert "In F. B. Adamson (Ed.), H" in format_reference(chapter)
