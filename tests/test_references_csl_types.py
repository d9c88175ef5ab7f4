"""CSL-JSON items checked field by field against CSL-JSON's types before they are stored."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.bibliography.export import to_bibtex, to_csl_json
from workbench.commands import AddSource
from workbench.csl_types import check_item, storable_item
from workbench.sources import bibliography_items

TITLE = {"title": "Migration diplomacy"}


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ({"volume": 12, "issue": 3, "page": 113}, {"volume": "12", "issue": "3", "page": "113"}),
        ({"edition": 2.0, "number-of-pages": "342"}, {"edition": "2", "number-of-pages": "342"}),
        ({"title": 1984}, {"title": "1984"}),  # a title that is a year, from a spreadsheet
        ({"ISBN": 9780801448454}, {"ISBN": "9780801448454"}),
        ({"ISSN": ["1528-3577", "1528-3585"]}, {"ISSN": "1528-3577, 1528-3585"}),
        ({"container-title": ["Geopolitics"]}, {"container-title": "Geopolitics"}),
        ({"publisher": None, "note": ""}, {}),  # no value: left out
        ({"issued": {"date-parts": [["2019", 5, 1]]}}, {"issued": {"date-parts": [[2019, 5, 1]]}}),
        ({"issued": {"date-parts": [2019, 5]}}, {"issued": {"date-parts": [[2019, 5]]}}),
        ({"issued": "2021-10-22"}, {"issued": {"date-parts": [[2021, 10, 22]]}}),
        ({"issued": "Spring 2020"}, {"issued": {"raw": "Spring 2020"}}),
        ({"issued": 2010}, {"issued": {"date-parts": [[2010]]}}),
        ({"issued": {"date-parts": [[""]], "literal": "n.d."}}, {"issued": {"literal": "n.d."}}),
        (
            {"issued": {"date-parts": [[2019], [2020]]}},
            {"issued": {"date-parts": [[2019], [2020]]}},
        ),
        ({"author": {"family": "Greenhill"}}, {"author": [{"family": "Greenhill"}]}),
        (
            {"author": [{"family": "Greenhill", "given": None}, {}, {"literal": "World Bank"}]},
            {"author": [{"family": "Greenhill"}, {"literal": "World Bank"}]},
        ),
        ({"categories": ["migration", 2019]}, {"categories": ["migration", "2019"]}),
        ({"custom": {"zotero": {"key": "7XG2CTZA"}}}, {"custom": {"zotero": {"key": "7XG2CTZA"}}}),
        ({"x-archive": {"box": 3}}, {"x-archive": {"box": 3}}),  # a field CSL lacks: kept
    ],
)
def test_unambiguous_values_are_converted(given, stored):
    checked = check_item({**TITLE, **given})
    assert checked.problems == [] and checked.notes == []
    assert checked.item == {**TITLE, **stored}


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ({"DOI": 10.1234}, "'DOI' must be text like 10.1234/abcd, not the number 10.1234"),
        ({"DOI": ["10.1/a", "10.1/b"]}, "'DOI' must be text, not a list of 2"),
        ({"title": ["Migration", "Diplomacy"]}, "'title' must be text, not a list of 2"),
        ({"publisher": {"name": "Brill"}}, "'publisher' must be text, not an object"),
        ({"volume": True}, "'volume' must be text, not the value true"),
        ({"page": float("nan")}, "'page' must be text, not a value that is not a number (NaN)"),
        ({"type": 3}, "'type' must be text, not the number 3"),
        ({"author": "Greenhill, Kelly"}, "'author' must be a list of name objects, not a str"),
        ({"editor": ["Greenhill, Kelly"]}, "'editor' must be a list of name objects (editor 1"),
        ({"author": [{"family": 1234}]}, "'author 1 family' must be text, not the number 1234"),
        ({"author": [{"given": ["Kelly"]}]}, "'author 1 given' must be text, not a list of 1"),
        (
            {"issued": {"date-parts": [[float("inf")]]}},
            "'issued date-parts' must hold whole numbers, not an infinite",
        ),
        (
            {"issued": {"date-parts": [[10**6]]}},
            "'issued date-parts' holds the number 1000000, which is not a date",
        ),
        (
            {"issued": {"date-parts": [[2019.5]]}},
            "'issued date-parts' must hold whole numbers, not the number 2019.5",
        ),
        (
            {"issued": {"date-parts": [[2019], [2020], [2021]]}},
            "'issued date-parts' must be a list of one or two dates",
        ),
        ({"issued": ["2019"]}, "'issued' must be a date object, not a list of 1"),
        ({"accessed": {"season": {"name": "spring"}}}, "'accessed season' must be text"),
        ({"custom": "abc"}, "'custom' must be an object, not a str"),
        ({"x-score": float("inf")}, "'x-score' holds an infinite number"),
        ({"title": ""}, "the item has no title"),
    ],
)
def test_wrong_types_are_named_with_their_field(given, problem):
    checked = check_item({**TITLE, **given})
    assert len(checked.problems) == 1
    assert checked.problems[0].startswith(problem)


def test_every_wrong_field_of_an_item_is_named_and_the_others_kept():
    checked = check_item({**TITLE, "DOI": 10.1234, "publisher": {}, "volume": "3"})
    assert [p.split(" must")[0] for p in checked.problems] == ["'DOI'", "'publisher'"]
    assert checked.item == {**TITLE, "volume": "3"}
    assert storable_item({**TITLE, "DOI": 10.1234, "volume": ["3"]}) == {**TITLE, "volume": "3"}


def test_text_that_cannot_be_stored_is_replaced_and_noted():
    checked = check_item(
        {
            "title": "Border \ud83c",
            "x-tags": ["ok", {"k\udc00": "v"}],
            "author": [{"family": "A\ud800"}],
        }
    )
    assert checked.problems == []
    assert checked.item["title"] == "Border \ufffd"
    assert checked.item["x-tags"] == ["ok", {"k\ufffd": "v"}]
    assert checked.item["author"] == [{"family": "A\ufffd"}]
    assert len(checked.notes) == 3 and all("surrogate" in n for n in checked.notes)
    json.dumps(checked.item, ensure_ascii=False).encode("utf-8")  # storable


def test_a_source_added_by_code_is_stored_with_csl_types(project):
    command = AddSource({**TITLE, "volume": 20, "publisher": {"name": "x"}}, "adamson2019")
    project.execute(command)
    stored = json.loads(project.store.get("source", {"citation_key": "adamson2019"})["csl"])
    assert stored == {**TITLE, "volume": "20", "id": "adamson2019"}


def test_sources_stored_before_items_were_checked_still_export(project):
    project.execute(AddSource({**TITLE, "type": "article-journal"}, "adamson2019"))
    bad = {
        **TITLE,
        "type": "article-journal",
        "volume": ["12"],
        "container-title": ["International Studies Perspectives"],
        "publisher": {"name": "Oxford"},
        "author": [{"family": 1234, "given": "G."}, {"family": "Adamson"}],
        "issued": {"date-parts": [["2019"]]},
    }
    with project.store.transaction() as store:  # as an older version could store it
        store.update("source", {"citation_key": "adamson2019"}, {"csl": json.dumps(bad)})
    [(key, item)] = bibliography_items(project.store)
    assert (
        item["volume"] == "12" and item["container-title"] == "International Studies Perspectives"
    )
    assert "publisher" not in item and "author" not in item
    assert item["issued"] == {"date-parts": [[2019]]}
    assert "International Studies Perspectives" in to_bibtex([(key, item)])
    assert json.loads(to_csl_json([(key, item)]))[0]["volume"] == "12"


_json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0xFFFF), max_size=12)
)
_json_values = st.recursive(
    _json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
_field_names = st.sampled_from(
    [
        "title",
        "DOI",
        "volume",
        "page",
        "author",
        "editor",
        "issued",
        "accessed",
        "type",
        "container-title",
        "ISSN",
        "categories",
        "custom",
        "x-extra",
    ]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(item=st.dictionaries(_field_names, _json_values, max_size=6))
def test_any_json_item_is_checked_without_an_error_and_stored_safely(item):
    checked = check_item(item)
    stored = json.dumps(checked.item, ensure_ascii=False, allow_nan=False).encode("utf-8")
    assert json.loads(stored) == checked.item
    for name in ("title", "DOI", "volume", "page", "type", "container-title", "ISSN"):
        assert isinstance(checked.item.get(name, ""), str)
    for role in ("author", "editor"):
        for name in checked.item.get(role, []):
            assert all(isinstance(name.get(p, ""), str) for p in ("family", "given", "literal"))
    for date in ("issued", "accessed"):
        for parts in checked.item.get(date, {}).get("date-parts", []):
            assert all(isinstance(p, int) and abs(p) <= 9999 for p in parts)
    if not checked.problems and not checked.item.get("title", "").strip():
        # imported without a title, never silently
        assert checked.notes[0] == "the item has no title; it was imported without one"


def test_check_names_sources_stored_before_items_were_checked(project, capsys):
    """Data from before field-by-field checks: `workbench check` names what is wrong."""
    from workbench.cli import main

    command = AddSource({"title": "Migration diplomacy", "type": "book"}, "adamson2019")
    project.execute(command)
    bad = json.dumps({"title": "Migration diplomacy", "publisher": {"name": "Cornell"}})
    with project.store.transaction():
        project.store.update("source", {"id": command.source_id}, {"csl": bad})
    path = project.path
    project.close()
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "source adamson2019: 'publisher' must be text, not an object" in out


def test_exports_survive_sources_stored_before_items_were_checked(project, tmp_path):
    from workbench.cli import main

    command = AddSource({"title": "Migration diplomacy", "type": "book"}, "adamson2019")
    project.execute(command)
    bad = {"title": "Migration diplomacy", "author": [{"family": 1234}], "volume": ["12"]}
    with project.store.transaction():
        project.store.update("source", {"id": command.source_id}, {"csl": json.dumps(bad)})
    path = project.path
    project.close()
    assert main(["export-xlsx", str(path), str(tmp_path / "out.xlsx")]) == 0
    assert main(["export-refs", str(path), str(tmp_path / "out.bib")]) == 0
    assert "adamson2019" in (tmp_path / "out.bib").read_text(encoding="utf-8")
