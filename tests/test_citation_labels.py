"""Two works of one author and year are told apart everywhere a citation is shown:
"Greenhill 2010a" and "Greenhill 2010b", ordered by title as APA orders them."""

from __future__ import annotations

import json

import openpyxl

from workbench import queries
from workbench.citations import format_reference, short_citation
from workbench.commands.evidence import AddSource, DeleteSource
from workbench.csl import author_date_labels
from workbench.excel.export import export_workbook

# A second article of the sample's core article's authors and year (test data only)
SECOND = {
    "type": "article-journal",
    "title": "Migration power beyond the state: a research agenda",
    "author": [
        {"family": "Fernández-Molina", "given": "Irene"},
        {"family": "Tsourapas", "given": "Gerasimos"},
    ],
    "container-title": "Journal of Ethnic and Migration Studies",
    "issued": {"date-parts": [[2025]]},
}
CORE = "Fernández-Molina and Tsourapas 2025"
CORE_CITED = "Fernández-Molina & Tsourapas, 2025"  # in APA's in-text form


def item(family: str, year: int | None, title: str, *more: str) -> dict:
    names = [{"family": f} for f in (family, *more)]
    issued = {"date-parts": [[year]]} if year else None
    return {"title": title, "author": names, **({"issued": issued} if issued else {})}


def test_works_sharing_author_and_year_get_letters_in_title_order():
    labels = author_date_labels(
        [
            (1, item("Greenhill", 2010, "Weapons of mass migration")),
            (2, item("Greenhill", 2010, "Migration as a coercive weapon")),
            (3, item("Greenhill", 2011, "Later work")),
            (4, item("Greenhill", 2010, "Joint work", "Adamson")),
            (5, item("Tsourapas", None, "Undated one")),
            (6, item("Tsourapas", None, "Another undated")),
        ]
    )
    assert labels == {
        1: "Greenhill 2010b",
        2: "Greenhill 2010a",
        3: "Greenhill 2011",
        4: "Greenhill and Adamson 2010",
        5: "Tsourapas n.d.-b",
        6: "Tsourapas n.d.-a",
    }


def test_letters_go_on_after_z():
    works = [(n, item("Lavenex", 2016, f"Paper {n:02d}")) for n in range(28)]
    labels = author_date_labels(works)
    assert labels[0] == "Lavenex 2016a" and labels[25] == "Lavenex 2016z"
    assert labels[26] == "Lavenex 2016aa" and labels[27] == "Lavenex 2016ab"


def test_the_year_letter_reaches_short_and_full_references():
    work = {**item("Greenhill", 2010, "Weapons of mass migration"), "id": "g", "type": "book"}
    assert short_citation(work, "12", "Greenhill 2010b") == "Greenhill, 2010b, p. 12"
    full = format_reference(work, "Greenhill 2010b")
    assert "(2010b)" in full and "(2010)" not in full
    assert "(2010)" in format_reference(work)
    undated = {**item("Tsourapas", None, "Undated"), "id": "t"}
    assert "(n.d.-a)" in format_reference(undated, "Tsourapas n.d.-a")


def add_second_article(project) -> int:
    command = AddSource(SECOND, "fernandezmolina2025agenda")
    project.apply(command)
    return command.source_id


def core_evidence(project):
    case = next(c for c in queries.case_summaries(project) if "Belarus" in c.title)
    mechanisms = [m.id for pt in project.framework.power_types for m in pt.mechanisms]
    items = queries.evidence_items(project, case.id, mechanisms)
    return [i for i in items if i.citation_key == "fernandezmolina2025"]


def test_a_second_work_of_the_year_relabels_the_first_in_every_view(sample_project):
    project = sample_project
    store = project.store
    first = store.get("source", {"citation_key": "fernandezmolina2025"})["id"]
    assert core_evidence(project)[0].short_citation.startswith(f"{CORE_CITED},")

    second = add_second_article(project)
    by_id = {s.id: s.citation for s in queries.source_summaries(project)}
    assert by_id[first] == f"{CORE}b" and by_id[second] == f"{CORE}a"
    choices = {c.id: c.label for c in queries.source_choices(project)}
    assert choices[first].startswith(f"{CORE}b — Understanding migration power")
    evidence = core_evidence(project)
    assert evidence and all(e.short_citation.startswith(f"{CORE_CITED}b, ") for e in evidence)
    assert queries.excerpt_item(project, evidence[0].excerpt_id).short_citation.startswith(
        f"{CORE_CITED}b, "
    )
    record = queries.source_record(project, first)
    assert record.citation == f"{CORE}b"
    assert "(2025b)" in format_reference(record.item(), record.citation)
    hits, _ = queries.search_hits(project, json.dumps(" ".join(evidence[0].text.split()[:4])))
    heading = next(h.heading for h in hits if h.hit.excerpt_id == evidence[0].excerpt_id)
    assert f"{CORE_CITED}b, " in heading

    project.apply(DeleteSource(second))
    assert core_evidence(project)[0].short_citation.startswith(f"{CORE_CITED},")


def test_the_workbook_cites_with_the_letters(sample_project, tmp_path):
    add_second_article(sample_project)
    target = tmp_path / "study.xlsx"
    export_workbook(sample_project, target)
    book = openpyxl.load_workbook(target, read_only=True)

    def column(sheet: str, header: str) -> list:
        rows = list(book[sheet].iter_rows(values_only=True))
        at = rows[0].index(header)
        return [r[at] for r in rows[1:]]

    sources = column("Sources", "Citation")
    assert f"{CORE}a" in sources and f"{CORE}b" in sources and CORE not in sources
    cited = set(column("Evidence", "Citation"))
    assert f"{CORE}b" in cited and CORE not in cited


def test_undated_works_of_one_author_are_told_apart_in_a_project(sample_project):
    ids = []
    for key, title in (("ice-b", "Detention statistics"), ("ice-a", "Alternatives to detention")):
        command = AddSource(
            {"type": "webpage", "title": title, "author": [{"literal": "ICE"}]}, key
        )
        sample_project.apply(command)
        ids.append(command.source_id)
    by_id = {s.id: s.citation for s in queries.source_summaries(sample_project)}
    assert [by_id[i] for i in ids] == ["ICE n.d.-b", "ICE n.d.-a"]
    assert queries.source_record(sample_project, ids[0]).citation == "ICE n.d.-b"


def test_sources_are_listed_in_a_reference_lists_order(sample_project):
    second = add_second_article(sample_project)
    summaries = [s.citation for s in queries.source_summaries(sample_project)]
    assert summaries.index(f"{CORE}a") + 1 == summaries.index(f"{CORE}b")
    # accents set aside: İçduygu under I, between Hirsch and Kinacioglu
    at = {c.split(" ")[0]: i for i, c in enumerate(summaries)}
    assert at["Hirsch"] < at["İçduygu"] < at["İşleyen"] < at["Kinacioglu"]
    choices = [c.id for c in queries.source_choices(sample_project)]
    by_id = {s.id: s.citation for s in queries.source_summaries(sample_project)}
    assert [by_id[i] for i in choices] == summaries
    assert second in choices


def test_the_evidence_and_the_source_list_letter_the_same_works(sample_project):
    """The query that finds works to tell apart groups them as the labels read: a first
    name without a family name is passed over, a year 0 reads "n.d." like none."""
    from workbench.queries.sources import citation_labels

    odd = [
        ("houtum-a", {"author": [{"non-dropping-particle": "van"}, {"family": "Houtum"}]}),
        ("houtum-b", {"author": [{"family": "Houtum"}]}),
        ("jones-a", {"author": [{"family": "Jones"}], "issued": {"date-parts": [[0]]}}),
        ("jones-b", {"author": [{"family": "Jones"}]}),
    ]
    ids = []
    for key, csl in odd:
        year = {"issued": {"date-parts": [[2010]]}} if key.startswith("houtum") else {}
        command = AddSource({"type": "book", "title": key, **year, **csl}, key)
        sample_project.apply(command)
        ids.append(command.source_id)
    listed = {s.id: s.citation for s in queries.source_summaries(sample_project)}
    assert [listed[i] for i in ids] == [
        "Houtum 2010a",
        "Houtum 2010b",
        "Jones n.d.-a",
        "Jones n.d.-b",
    ]
    assert citation_labels(sample_project.store, ids) == {i: listed[i] for i in ids}


def test_the_letter_goes_after_the_date_not_into_a_title():
    report = {"id": "r", "type": "report", "title": "Global trends (2010 review)"}
    report["issued"] = {"date-parts": [[2010]]}
    full = format_reference(report, "Global trends (2010 review) 2010a")
    assert "(2010 review)" in full and "(2010a)" in full
