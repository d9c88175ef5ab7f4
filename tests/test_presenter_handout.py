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
