from workbench.commands import AddExcerpt, DeleteExcerpt, SetCell, UpdateCase, UpdateExcerpt
from workbench.search import SearchFilters, fts_query, search, snippet_parts


def _ids(hits, kind="excerpt"):
    return {h.excerpt_id for h in hits if h.kind == kind}


def test_query_building_is_safe():
    assert fts_query("visa lever") == '"visa" "lever"*'
    assert fts_query('"visa lever" sanctions') == '"visa lever" "sanctions"*'
    assert fts_query('NEAR( OR AND * "') is None or "NEAR" in fts_query('NEAR( OR AND * "')
    assert fts_query("   ") is None
    assert fts_query('"unterminated') == '"unterminated"*'


def test_finds_excerpts_notes_memos_and_summaries(sample_project):
    store = sample_project.store
    hits = search(store, "recalcitrant")
    kinds = {h.kind for h in hits}
    assert "excerpt" in kinds  # the 243(d) excerpt
    assert "summary" in {h.kind for h in search(store, "Valletta")}
    assert "memo" in {h.kind for h in search(store, "textbook coercive")}
    assert "note" in {h.kind for h in search(store, "elision marks")}
    marked = next(h for h in hits if h.kind == "excerpt").snippet
    assert any(
        is_match and part.lower().startswith("recalcitrant")
        for part, is_match in snippet_parts(marked)
    )


def test_accents_and_prefixes(sample_project):
    assert _ids(search(sample_project.store, "desecurit"))  # prefix of the last word
    assert not _ids(search(sample_project.store, "desecurit refugeesx"))
    assert _ids(search(sample_project.store, "vis-a-vis"))  # "vis-à-vis" in the text


def test_filters(sample_project):
    store = sample_project.store
    turkey = store.get("study_case", {"uid": "eu-turkey-2016"})["id"]
    everything = search(store, "the")
    by_case = search(store, "the", SearchFilters(case_id=turkey))
    assert by_case and len(by_case) < len(everything)
    assert all(h.case_id in (None, turkey) for h in by_case)
    compulsory = search(store, "the", SearchFilters(power_type_id="compulsory"))
    assert all(h.power_type_id in (None, "compulsory") for h in compulsory)
    funding = search(store, "funding", SearchFilters(mechanism_id="funding"))
    assert funding and all(h.mechanism_id in (None, "funding") for h in funding)
    greenhill = store.get("source", {"citation_key": "greenhill2010"})["id"]
    by_source = search(store, "the", SearchFilters(source_id=greenhill))
    assert by_source and all(h.excerpt_id for h in by_source)
    both = search(store, "the", SearchFilters(case_id=turkey, source_id=greenhill))
    assert all(h.excerpt_id for h in both)
    assert {h.excerpt_id for h in both} <= {h.excerpt_id for h in by_source}
    primary = search(store, "RCPs", SearchFilters(evidence_type="primary_document"))
    assert len(_ids(primary)) == 1
    assert not search(store, "RCPs", SearchFilters(evidence_type="interview"))


def test_index_follows_every_change_and_undo(sample_project):
    store = sample_project.store
    source = store.get("source", {"citation_key": "milan2024"})["id"]
    add = AddExcerpt(source, "Zanzibar quokka evidence", note="platypus remark")
    sample_project.execute(add)
    assert _ids(search(store, "quokka")) == {add.excerpt_id}
    assert _ids(search(store, "platypus"), "note") == {add.excerpt_id}
    sample_project.execute(UpdateExcerpt(add.excerpt_id, text="Different words"))
    assert not search(store, "quokka")
    sample_project.history.undo()
    assert _ids(search(store, "quokka")) == {add.excerpt_id}
    sample_project.execute(DeleteExcerpt(add.excerpt_id))
    assert not search(store, "quokka") and not search(store, "platypus")
    sample_project.history.undo()
    assert _ids(search(store, "quokka")) == {add.excerpt_id}
    case = store.get("study_case", {"uid": "belarus-eu-2021"})["id"]
    sample_project.execute(SetCell(case, "structural", memo="wombat memo"))
    assert search(store, "wombat")[0].power_type_id == "structural"
    sample_project.execute(UpdateCase(case, summary="axolotl summary"))
    assert search(store, "axolotl")[0].case_id == case
    assert store.search_problems() == []


def test_many_matches_are_listed_newest_first_with_the_same_filters(sample_project, monkeypatch):
    from workbench.storage import search_index

    store = sample_project.store
    turkey = store.get("study_case", {"uid": "eu-turkey-2016"})["id"]
    greenhill = store.get("source", {"citation_key": "greenhill2010"})["id"]
    cases = [
        SearchFilters(),
        SearchFilters(case_id=turkey),
        SearchFilters(power_type_id="productive"),
        SearchFilters(source_id=greenhill),
        SearchFilters(evidence_type="secondary_literature", mechanism_id="funding"),
    ]
    ranked = [search(store, "the", f) for f in cases]
    assert all(r.ranked for r in ranked)
    monkeypatch.setattr(search_index, "RANK_LIMIT", 1)
    for f, expected in zip(cases, ranked, strict=True):
        newest = search(store, "the", f)
        assert not newest.ranked
        assert {(h.kind, h.excerpt_id, h.case_id, h.power_type_id) for h in newest} == {
            (h.kind, h.excerpt_id, h.case_id, h.power_type_id) for h in expected
        }
        ids = [h.excerpt_id for h in newest if h.kind == "excerpt"]
        assert ids == sorted(ids, reverse=True)


def test_highlight_folds_accents_and_marks_prefixes():
    from workbench.search import highlight, parse_terms

    text = "Les réfugiés colombiens en Équateur: la désécuritisation des réfugiés."
    marked = highlight(text, parse_terms("equateur refug"))
    parts = [p for p, is_match in snippet_parts(marked) if is_match]
    assert parts == ["réfugiés", "Équateur", "réfugiés"]
