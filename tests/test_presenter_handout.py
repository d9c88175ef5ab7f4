"""A handout page costs what it prints: only the references of the excerpts on the page
are formatted (citeproc is slow), and the source list is read once per handout."""

from __future__ import annotations

from ui.presentation import content
from ui.presentation.export import EXCERPTS_PER_TYPE, handout_pdf
from workbench import queries
from workbench.commands import LinkExcerpt


def test_a_handout_formats_only_the_references_it_prints(sample_project, monkeypatch, qapp):
    project = sample_project
    others = [e.excerpt_id for e in queries.evidence_items(project, 3, ["containment"])]
    for excerpt_id in others:  # many excerpts on one quadrant of case 1
        project.execute(LinkExcerpt(excerpt_id, 1, "deterrence"))
    compulsory = project.framework.power_type("compulsory")
    linked = queries.evidence_items(project, 1, [m.id for m in compulsory.mechanisms])
    assert len(linked) > EXCERPTS_PER_TYPE + 2

    asked: list[int] = []  # references asked for, per quadrant
    summaries: list[int] = []
    real_get, real_summaries = content.ReferenceCache.get, queries.source_summaries

    def counting_get(cache, keys):
        asked.append(len(keys))
        return real_get(cache, keys)

    def counting_summaries(p):
        summaries.append(1)
        return real_summaries(p)

    monkeypatch.setattr(content.ReferenceCache, "get", counting_get)
    monkeypatch.setattr(content.queries, "source_summaries", counting_summaries)
    pdf = handout_pdf(project, [1, 2, 3])
    assert pdf.startswith(b"%PDF")
    per_page = EXCERPTS_PER_TYPE * len(project.framework.power_types)
    assert max(asked) <= EXCERPTS_PER_TYPE  # not every linked excerpt's reference
    assert sum(asked) <= 3 * per_page
    assert len(summaries) == 1


def test_vote_rounds_say_adopted_only_while_the_median_is_the_score(sample_project):
    from ui.presentation.export import vote_rounds
    from workbench import votes

    project = sample_project
    session = "Leiden morning"
    for score in (1, 1, 2):
        project.execute(votes.RecordVote(1, "compulsory", session, score))
    for score in (2, 3):
        project.execute(votes.RecordVote(1, "institutional", session, score))
    project.execute(votes.RecordVote(1, "structural", "another session", 4))
    assert vote_rounds(project, 1, session, set()) == [
        "Compulsory: 3 votes (0: 0, 1: 2, 2: 1, 3: 0, 4: 0); median 1 (weak), not adopted",
        "Institutional: 2 votes (0: 0, 1: 0, 2: 1, 3: 1, 4: 0); median 2.5, split evenly: "
        "not adopted",
    ]
    adoption = votes.adopt_median(project, 1, "compulsory", session)
    project.execute(adoption)
    adopted = {(1, "compulsory")}
    assert vote_rounds(project, 1, session, adopted)[0].endswith("median 1 (weak), adopted")
    project.revert(adoption)  # undone: the score is 3 again, not the median
    assert vote_rounds(project, 1, session, adopted)[0].endswith("not adopted")
    assert vote_rounds(project, 2, session, adopted) == []  # no round on that case
