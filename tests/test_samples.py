from pathlib import Path

import pytest

from workbench.errors import SampleDataError
from workbench.framework import load_framework
from workbench.samples import load_samples

ROOT = Path(__file__).resolve().parent.parent


def test_at_least_ten_real_cases_fully_coded(sample_project):
    store = sample_project.store
    cases = store.case_summaries()
    assert len(cases) >= 10
    uids = {c["uid"] for c in cases}
    assert {
        "eu-turkey-2016",
        "uk-rwanda-2022",
        "australia-nauru-2012",
        "eutf-africa-2015",
        "eu-tunisia-2023",
        "belarus-eu-2021",
        "us-visa-sanctions-243d",
        "morocco-directorate-2003",
        "colombian-refugees-ecuador",
        "eu-ukraine-tp-2022",
    } <= uids
    for case in cases:
        cells = store.select("matrix_cell", {"case_id": case["id"]})
        assert len(cells) == 4
        assert all(c["score"] is not None and c["memo"].strip() for c in cells), case["title"]
        roles = {r["role"] for r in store.select("case_actor", {"case_id": case["id"]})}
        assert roles == {"wielder", "recipient"}, case["title"]
        linked = {
            link["excerpt_id"] for link in store.select("evidence_link", {"case_id": case["id"]})
        }
        assert len(linked) >= 3, case["title"]
        assert store.count("mechanism_coding", {"case_id": case["id"]}) >= 2


def test_every_excerpt_cites_a_source_with_full_data(sample_project):
    import json

    store = sample_project.store
    for excerpt in store.select("excerpt"):
        assert excerpt["locator"], excerpt["text"][:40]
        source = store.get("source", {"id": excerpt["source_id"]})
        csl = json.loads(source["csl"])
        assert csl["title"] and csl.get("author") and csl.get("issued")
    dois = {s["citation_key"]: s["doi"] for s in store.select("source")}
    assert dois["greenhill2010"] == ""  # a book: no DOI in the footnote
    assert dois["zardo2022"] == "10.1080/14650045.2020.1815712"
    underlying = store.count("excerpt") - store.count("excerpt", {"underlying_source_id": None})
    assert underlying >= 20


def test_every_quotation_is_verbatim_in_the_seed_texts():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "verify_quotes", ROOT / "tools" / "verify_quotes.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([]) == 0
    seed = module.normalize("He said ‘no’,\n*really*   no.")
    assert module.occurs("said ‘no’, really", seed)
    assert not module.occurs("said 'no', really", seed)  # quotation marks must match
    assert module.occurs("He said […] really no.", seed)
    assert not module.occurs("really […] He said", seed)  # parts must be in order


def test_malformed_sample_files_name_file_and_key(tmp_path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "sources.toml").write_text('[[source]]\nkey = "a"\n[source.csl]\ntitle = "T"\n')
    case = tmp_path / "cases" / "x.toml"
    case.write_text(
        'uid = "x"\ntitle = "X"\nactors = []\nexcerpts = []\n[matrix.compulsory]\n'
        'score = 1\nmemo = "m"\n'
    )
    with pytest.raises(SampleDataError, match=r"x.toml: at 'matrix'"):
        load_samples(tmp_path, load_framework())
    case.write_text('uid = "x"\ntitle = "X\n')
    with pytest.raises(SampleDataError, match="not valid TOML"):
        load_samples(tmp_path, load_framework())
