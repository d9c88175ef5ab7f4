"""The number of matches a search reports counts only what the filters let through."""

import pytest

from workbench.search import SearchFilters, search
from workbench.storage import search_index


def _filter_sets(store) -> list[SearchFilters]:
    turkey = store.get("study_case", {"uid": "eu-turkey-2016"})["id"]
    greenhill = store.get("source", {"citation_key": "greenhill2010"})["id"]
    return [
        SearchFilters(case_id=turkey),
        SearchFilters(case_id=turkey, power_type_id="compulsory"),
        SearchFilters(power_type_id="productive"),
        SearchFilters(mechanism_id="funding"),
        SearchFilters(source_id=greenhill),
        SearchFilters(evidence_type="secondary_literature"),
        SearchFilters(case_id=turkey, evidence_type="secondary_literature"),
    ]


@pytest.mark.parametrize("rank_limit", [search_index.RANK_LIMIT, 1])
def test_total_counts_matches_within_the_filters(sample_project, monkeypatch, rank_limit):
    monkeypatch.setattr(search_index, "RANK_LIMIT", rank_limit)
    store = sample_project.store
    unfiltered = set(search(store, "the", limit=100_000).hits)
    for filters in _filter_sets(store):
        every = search(store, "the", filters, limit=100_000)
        assert every.total == len(every.hits), filters
        # the filters let through some of the matches, never one the words did not find
        assert set(every.hits) and set(every.hits) < unfiltered, filters
        # only a few shown: the count still says how many the filters allow
        few = search(store, "the", filters, limit=1)
        assert len(few.hits) == 1
        assert few.total == every.total, filters


def test_no_filter_counts_every_match(sample_project):
    store = sample_project.store
    every = search(store, "the", limit=100_000)
    assert search(store, "the", limit=2).total == len(every.hits) == every.total
