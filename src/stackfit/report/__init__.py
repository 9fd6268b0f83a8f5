"""Report stage: the ranked shortlist as JSON, CSV and a self-contained HTML page."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from stackfit.models import Assessment, Evidence

__all__ = ["ranking_entry", "entry_body", "with_rank", "summary", "compact", "csv_rows", "CSV_FIELDS", "dumps"]


def evidence_entry(e: Evidence) -> dict[str, Any]:
    return {
        "skill_id": e.skill_id, "name": e.name, "layer": e.layer, "section": e.section,
        "start": e.start, "end": e.end, "text": e.text, "strength": e.strength,
        "date_start": e.date_start, "date_end": e.date_end, "pattern_id": e.pattern_id,
    }


def ranking_entry(rank: int, a: Assessment) -> dict[str, Any]:
    """One candidate of the ranking, in the documented machine-readable shape."""
    return {"rank": rank, **entry_body(a)}


def entry_body(a: Assessment) -> dict[str, Any]:
    """The ranking entry without its rank (computed once, when the candidate is assessed)."""
    c = a.candidate
    return {
        "file": a.file,
        "document_id": a.document_id,
        "score": a.score,
        "profile": c.profile,
        "fit": c.fit,
        "tags": list(c.tags),
        "layers": c.layers,
        "must_have": a.must_have.model_dump(mode="json"),
        "nice_to_have": a.nice_to_have.model_dump(mode="json"),
        "components": [x.model_dump(mode="json") for x in a.components],
        "flags": [f.model_dump(mode="json") for f in a.flags],
        "checklist": [i.model_dump(mode="json") for i in a.checklist],
        "signals": [
            {"id": s.id, "name": s.name, "kind": s.kind, "state": s.state,
             "evidence": [{"start": h.start, "end": h.end, "text": h.text, "section": h.section} for h in s.evidence]}
            for s in c.signals
        ],
        "skills": [s.model_dump(mode="json") for s in c.skills],
        "evidence": [evidence_entry(e) for e in c.evidence],
        "years_experience": c.years_experience,
        "location": c.location.model_dump(mode="json") if c.location else None,
        "integrity": [f.model_dump(mode="json") for f in c.integrity],
        "explanation": a.explanation,
        "versions": a.versions.model_dump(mode="json"),
    }


def compact(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def with_rank(rank: int, body_json: str) -> str:
    """``{"rank": rank, ...body}`` as compact JSON, from the stored body without parsing it."""
    return f'{{"rank":{rank},{body_json[1:]}' if body_json != "{}" else f'{{"rank":{rank}}}'


def summary(a: Assessment) -> dict[str, Any]:
    """What the CSV and the HTML ranking table need of one candidate (no rank): small and flat."""
    row = next(csv_rows([a]))
    del row["rank"]
    row["flag_items"] = [f.model_dump(mode="json") for f in a.flags]
    return row


def dumps(obj: Any) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


CSV_FIELDS = [
    "rank", "file", "score", "profile", "profile_fit", "tags", "data", "model", "deployment", "infrastructure",
    "must_have_met", "must_have_total", "must_have_coverage", "missing_must_have", "flags",
    "deployed_models", "monitoring_pipelines", "embeddings_or_feature_stores", "inference_optimization",
    "distributed_workflows", "stack_matches_goal", "explanation", "location", "timezone",
]


def csv_rows(assessments: Iterable[Assessment], start: int = 1) -> Iterator[dict[str, Any]]:
    for rank, a in enumerate(assessments, start=start):
        c = a.candidate
        checks = {i.id: i.state for i in a.checklist}
        yield {
            "rank": rank, "file": a.file, "score": a.score, "profile": c.profile,
            "profile_fit": c.fit[c.profile], "tags": ";".join(c.tags),
            **{k: c.layers[k] for k in ("data", "model", "deployment", "infrastructure")},
            "must_have_met": a.must_have.met, "must_have_total": a.must_have.total,
            "must_have_coverage": a.must_have.ratio,
            "missing_must_have": ";".join(r.name for r in a.must_have.requirements if r.credit == 0),
            "flags": ";".join(f.id for f in a.flags),
            **{k: checks.get(k, "") for k in ("deployed_models", "monitoring_pipelines", "embeddings_or_feature_stores",
                                              "inference_optimization", "distributed_workflows", "stack_matches_goal")},
            "explanation": a.explanation,
            "location": c.location.text if c.location else "", "timezone": (c.location.timezone or "") if c.location else "",
        }
