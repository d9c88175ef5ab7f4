"""Sample cases: human-readable TOML files in `sample_cases/`, built into a project.

`sample_cases/sources.toml` is the bibliography (CSL-JSON fields per source);
`sample_cases/cases/*.toml` holds one case per file, with its actors, its four
matrix cells, the mechanisms coded, and verbatim excerpts with locators.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.commands import (
    AddCase,
    AddCaseActor,
    AddExcerpt,
    AddOverlap,
    AddSource,
    Command,
    SetCell,
    SetMechanismCoding,
)
from workbench.errors import SampleDataError
from workbench.framework import Framework, load_framework
from workbench.project import Project
from workbench.resources import sample_cases_dir
from workbench.scale import on_scale
from workbench.vocabularies import load_vocabularies

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass
class SampleSet:
    sources: list[dict[str, Any]]
    cases: list[dict[str, Any]]
    folder: Path


def _unwrap(text: str) -> str:
    """TOML text is wrapped for diffs; join the lines of each paragraph back together."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _fail(path: Path, key: str, problem: str) -> SampleDataError:
    return SampleDataError(f"{path}: at '{key}': {problem}")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise SampleDataError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SampleDataError(f"{path}: is not valid TOML: {exc}") from exc


def load_samples(folder: Path | None = None, framework: Framework | None = None) -> SampleSet:
    """Read and validate every sample file; errors name the file and the key."""
    folder = folder or sample_cases_dir()
    framework = framework or load_framework()
    vocab = load_vocabularies()
    sources_path = folder / "sources.toml"
    sources = _read_toml(sources_path).get("source", [])
    keys = set()
    for i, src in enumerate(sources):
        for field in ("key", "csl"):
            if field not in src:
                raise _fail(sources_path, f"source[{i}].{field}", "missing")
        if src["key"] in keys:
            raise _fail(sources_path, f"source[{i}].key", f"duplicate key {src['key']!r}")
        keys.add(src["key"])
    mechanisms = {m.id for m in framework.mechanisms}
    types = {pt.id for pt in framework.power_types}
    cases = []
    for path in sorted((folder / "cases").glob("*.toml")):
        case = _read_toml(path)
        case["_path"] = path
        for field in ("uid", "title", "actors", "matrix", "excerpts"):
            if field not in case:
                raise _fail(path, field, "missing")
        if set(case["matrix"]) != types:
            raise _fail(path, "matrix", f"needs exactly the power types {sorted(types)}")
        for pt, cell in case["matrix"].items():
            if not on_scale(cell.get("score")):
                raise _fail(path, f"matrix.{pt}.score", "needs a score from 0 to 4")
            if not str(cell.get("memo", "")).strip():
                raise _fail(path, f"matrix.{pt}.memo", "needs a memo justifying the score")
        for i, actor in enumerate(case["actors"]):
            if actor.get("category") not in vocab.ids("actor_categories"):
                raise _fail(path, f"actors[{i}].category", f"unknown {actor.get('category')!r}")
            if actor.get("north_south") not in vocab.ids("north_south"):
                raise _fail(path, f"actors[{i}].north_south", "unknown value")
        for i, m in enumerate(case.get("mechanisms", [])):
            if m.get("id") not in mechanisms:
                raise _fail(path, f"mechanisms[{i}].id", f"unknown mechanism {m.get('id')!r}")
        for i, ex in enumerate(case["excerpts"]):
            if ex.get("source") not in keys:
                raise _fail(path, f"excerpts[{i}].source", f"unknown source {ex.get('source')!r}")
            if ex.get("underlying") and ex["underlying"] not in keys:
                raise _fail(path, f"excerpts[{i}].underlying", "unknown source")
            for link in ex.get("links", []):
                if link not in mechanisms:
                    raise _fail(path, f"excerpts[{i}].links", f"unknown mechanism {link!r}")
        cases.append(case)
    return SampleSet(sources, cases, folder)


def sample_commands(project: Project, samples: SampleSet) -> Iterator[Command]:
    """Commands that build the samples; each is applied before the next is made."""
    source_ids: dict[str, int] = {}
    for src in samples.sources:
        cmd = AddSource(src["csl"], src["key"], src["csl"].get("DOI", ""), uid=src["key"])
        yield cmd
        assert cmd.source_id is not None
        source_ids[src["key"]] = cmd.source_id
    for position, case in enumerate(samples.cases, start=1):
        add = AddCase(
            case["title"],
            short_label=case.get("short_label", ""),
            period=case.get("period", ""),
            region=case.get("region", ""),
            summary=_unwrap(case.get("summary", "")),
            tags=case.get("tags", []),
            gcm_objectives=case.get("gcm_objectives", []),
            uid=case["uid"],
            position=position,
        )
        yield add
        case_id = add.case_id
        assert case_id is not None
        for actor in case["actors"]:
            yield AddCaseActor(
                case_id, actor["name"], actor["role"], actor["category"], actor["north_south"]
            )
        for pt, cell in case["matrix"].items():
            values = {"score": cell["score"], "memo": _unwrap(cell["memo"])}
            if "confidence" in cell:
                values["confidence"] = cell["confidence"]
            yield SetCell(case_id, pt, **values)
        for m in case.get("mechanisms", []):
            yield SetMechanismCoding(
                case_id, m["id"], strength=m["strength"], memo=_unwrap(m.get("memo", ""))
            )
        for ex in case["excerpts"]:
            yield AddExcerpt(
                source_ids[ex["source"]],
                ex["text"].strip(),
                locator=ex.get("locator", ""),
                evidence_type=ex.get("evidence_type", "secondary_literature"),
                note=_unwrap(ex.get("note", "")),
                underlying_source_id=source_ids.get(ex.get("underlying", "")),
                links=[(case_id, link) for link in ex.get("links", [])],
            )
        for ov in case.get("overlaps", []):
            yield AddOverlap(case_id, ov["a"], ov["b"], _unwrap(ov.get("note", "")))


def build_sample_project(
    path: Path, folder: Path | None = None, name: str | None = None
) -> Project:
    """Create a project at `path` holding every sample case (one transaction)."""
    samples = load_samples(folder)
    project = Project.create(path, name=name or "Sample project: migration power cases")
    with project.store.transaction():
        for cmd in sample_commands(project, samples):
            cmd.apply(project.store)
    return project
