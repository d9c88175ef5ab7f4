"""Agreement statistics against published worked examples."""

import pytest

from workbench.analysis.agreement import (
    cohen_kappa,
    compare,
    krippendorff_alpha,
    percent_agreement,
)

# Krippendorff's reliability data example: 4 coders x 12 units, with missing values
# (as used in Krippendorff 2011 and in the documentation of R's irr::kripp.alpha).
KRIPPENDORFF = [
    [1, 1, None, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [None, 5, 5, 5],
    [None, None, 1, 1],
    [None, None, 3, None],
]


@pytest.mark.parametrize(
    ("level", "expected"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)]
)
def test_krippendorff_published_example(level, expected):
    assert krippendorff_alpha(KRIPPENDORFF, level) == pytest.approx(expected, abs=0.0005)


def test_cohen_kappa_textbook_example():
    # 50 proposals, two readers: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> kappa 0.4
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert percent_agreement(pairs) == pytest.approx(0.7)
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_undefined_cases():
    assert cohen_kappa([]) is None and percent_agreement([(None, 1)]) is None
    assert cohen_kappa([(2, 2), (2, 2)]) is None  # no variation
    assert krippendorff_alpha([[3, 3], [3, 3]]) is None
    assert krippendorff_alpha([[1, None], [None, 2]]) is None  # no unit with two values
    assert krippendorff_alpha([[1, 1], [4, 4]]) == 1.0
    with pytest.raises(ValueError):
        krippendorff_alpha([[1, 2], [2, 1]], "circular")


def test_ordinal_alpha_penalises_far_disagreements_more():
    near = [[0, 0], [1, 1], [2, 3], [3, 3], [4, 4]]
    far = [[0, 0], [1, 1], [2, 4], [3, 3], [4, 4]]
    assert krippendorff_alpha(near) > krippendorff_alpha(far)


def test_compare_groups_and_disagreements():
    a = {
        ("c1", "score:compulsory"): 3,
        ("c1", "score:productive"): 1,
        ("c2", "score:compulsory"): 2,
        ("c1", "strength:funding"): 4,
    }
    b = {
        ("c1", "score:compulsory"): 3,
        ("c1", "score:productive"): 2,
        ("c2", "score:compulsory"): 2,
        ("c2", "strength:funding"): 1,
    }
    report = compare(a, b, [("Power-type scores", "score:"), ("Mechanism strengths", "strength:")])
    scores, strengths, overall = report.rows
    assert scores.units == 3 and scores.percent == pytest.approx(2 / 3)
    assert strengths.units == 0 and strengths.percent is None
    assert overall.label == "Overall"
    assert [(d.case, d.variable, d.coder_a, d.coder_b) for d in report.disagreements] == [
        ("c1", "score:productive", 1, 2),
    ]  # the list agrees with the figures: only units both coded
    assert [(d.case, d.variable, d.coder_a, d.coder_b) for d in report.one_coder_only] == [
        ("c1", "strength:funding", 4, None),
        ("c2", "strength:funding", None, 1),
    ]


def test_cli_agreement_between_two_coders_projects(sample_path, tmp_path, capsys):
    import json
    import shutil

    from workbench.cli import main
    from workbench.commands import SetCell
    from workbench.project import Project

    other = tmp_path / "coder-b.mpw"
    shutil.copy(sample_path, other)
    with Project.open(other, backup=False) as project:
        case = project.store.get("study_case", {"uid": "belarus-eu-2021"})["id"]
        project.execute(SetCell(case, "compulsory", score=2))
    assert main(["agreement", str(sample_path), str(other)]) == 0
    out = capsys.readouterr().out
    assert "belarus-eu-2021\tscore:compulsory\t4\t2" in out
    assert main(["agreement", str(sample_path), str(other), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    overall = report["rows"][-1]
    assert overall["label"] == "Overall" and 0.9 < overall["percent"] < 1.0
    same = main(["agreement", str(sample_path), str(sample_path), "--json"])
    assert same == 0
    assert json.loads(capsys.readouterr().out)["rows"][0]["alpha"] == pytest.approx(1.0)
