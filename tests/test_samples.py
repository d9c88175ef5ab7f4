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


def _verify_quotes_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "verify_quotes", ROOT / "tools" / "verify_quotes.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_quotation_checker_matches_verbatim_only():
    module = _verify_quotes_module()
    text = module.normalize("He said ‘no’,\n*really*   no.")
    assert module.occurs("said ‘no’, really", text)
    assert not module.occurs("said 'no', really", text)  # quotation marks must match
    assert module.occurs("He said […] really no.", text)
    assert not module.occurs("really […] He said", text)  # parts must be in order


def test_the_quotation_checker_finds_every_sample_quotation_and_names_a_changed_one(
    tmp_path, capsys
):
    """Full texts written here from the quotations themselves (the real texts are checked
    in CI): every quotation is found; one changed letter is reported with its file."""
    import json

    module = _verify_quotes_module()
    samples = load_samples()
    names = {s["key"]: s["full_text"] for s in samples.sources if s.get("full_text")}
    texts: dict[str, list[str]] = {name: [] for name in names.values()}
    for case in samples.cases:
        for excerpt in case["excerpts"]:
            texts[names[excerpt["source"]]] += excerpt["text"].split("[…]")
    framework = json.loads((ROOT / "resources/frameworks/migration_power.json").read_text())
    article = next(
        s["full_text"]
        for s in samples.sources
        if s["csl"].get("title") == framework["citation"]["title"]
    )
    texts[article].append(framework["definition"]["quotation"])
    texts[article] += [t["quotation"] for t in framework["power_types"]]
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, parts in texts.items():
        (folder / name).write_text("\n\n".join(parts), encoding="utf-8")
    assert module.main(["--texts", str(folder)]) == 0
    assert " of " in capsys.readouterr().out
    victim = folder / article
    victim.write_text(victim.read_text(encoding="utf-8").replace("a", "o", 1), encoding="utf-8")
    assert module.main(["--texts", str(folder)]) == 1
    assert "not verbatim in" in capsys.readouterr().out


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
