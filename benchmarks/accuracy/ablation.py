"""Ablation of the match score: what each signal contributes, measured with that signal removed.

Each variant changes one thing in the scoring policy (or the role) and leaves the rest as shipped:

- a **component** removed (``must_have``, ``layers``, ``profile``, ``production``, ``nice_to_have``,
  ``semantic``, ``wording``): its weight set to 0 and the other weights scaled so they still sum to 1
  (``wording``: its weight in AI-stack roles and in other roles);
- **evidence strength** ignored: every strength (listed, used, built, led) earns full credit and full
  skill value, so a skill named once in a list counts like one shown in a project;
- **recency and years** ignored: skills last used long ago, or for a short time, keep their full value;
- **open requirements** dropped: job-description lines that name no taxonomy skill are not scored;
- **years requirement** dropped: "at least N years" is not scored.

Two data sets, both scored in the same run:

1. RJDB (Megagon Labs, CC BY-SA 4.0): pairwise accuracy over every triple (matched vs unmatched
   resume for its own job description), and the rank of the matched resume among all the resumes of
   the first ``--rank-limit`` triples (MRR, NDCG@10). Nearly all RJDB jobs are outside the AI stack.
2. The bundled samples (synthetic, written from the hiring guide; ``data/samples/expected.yaml``):
   four AI roles x 15 resumes; the share of the intended orderings kept (each top-3 candidate above
   each candidate meant to rank below the top 3, and the intended first above everyone), and the
   separation: the lowest intended top-3 score minus the highest score meant to rank below them,
   averaged over the roles (points; larger is a safer margin).

    python -m benchmarks.accuracy.ablation [--data ../shared/data] [--rank-limit 200] [--json OUT]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.accuracy.metrics import mrr, ndcg_at_k, pairwise_accuracy, rank_of
from benchmarks.accuracy.rjdb import AS_OF, Triple, load
from stackfit.datafiles import RJDB_TEST, require_public_data, run_script

if TYPE_CHECKING:
    from stackfit.models import CandidateProfile, RoleProfile
    from stackfit.policy import Policy

COMPONENTS = ("must_have", "layers", "profile", "production", "nice_to_have", "semantic", "wording")
_NESTED = ("semantic", "wording")  # components whose weight is a field of their own rule


def without_component(policy: Policy, name: str) -> Policy:
    """The policy with one match component's weight at 0 and the others scaled to sum to 1."""
    m = policy.scoring.match
    weights = {c: getattr(m, c) for c in COMPONENTS if c not in _NESTED}
    weights["semantic"] = m.semantic.weight if m.semantic else 0.0
    weights["wording"] = m.wording.weight if m.wording else 0.0
    weights[name] = 0.0
    total = sum(weights.values())
    update: dict[str, object] = {c: w / total for c, w in weights.items() if c not in _NESTED}
    if m.semantic is not None:
        update["semantic"] = m.semantic.model_copy(update={"weight": weights["semantic"] / total})
    if m.wording is not None:
        other = 0.0 if name == "wording" else m.wording.other_roles / total  # scaled like the weights it sits beside
        update["wording"] = m.wording.model_copy(update={"weight": weights["wording"] / total, "other_roles": other})
    return dataclasses.replace(policy, scoring=policy.scoring.model_copy(update={"match": m.model_copy(update=update)}))


def without_strength(policy: Policy) -> Policy:
    s = policy.scoring
    full = {k: 1.0 for k in s.strength_weight}
    match = s.match.model_copy(update={"requirement_credit": {k: 1.0 for k in s.match.requirement_credit}})
    return dataclasses.replace(policy, scoring=s.model_copy(update={"strength_weight": full, "match": match}))


def without_recency(policy: Policy) -> Policy:
    s = policy.scoring
    recency = s.recency.model_copy(update={"floor": 1.0})
    years = s.years.model_copy(update={"unknown": 1.0, "min": 1.0})
    return dataclasses.replace(policy, scoring=s.model_copy(update={"recency": recency, "years": years}))


@dataclasses.dataclass(frozen=True)
class Variant:
    name: str
    policy: Callable[[Policy], Policy] = lambda p: p
    role: Callable[[RoleProfile], RoleProfile] = lambda r: r
    reprofile: bool = False  # the change acts when a resume is profiled (skill values), not only when it is scored


def _without(name: str) -> Callable[[Policy], Policy]:
    """``without_component`` for one component (a named closure: mypy cannot type a lambda's default argument)."""

    def drop(policy: Policy) -> Policy:
        return without_component(policy, name)

    return drop


def variants() -> list[Variant]:
    out = [Variant("full score (as shipped)")]
    out += [Variant(f"- {c}", policy=_without(c)) for c in COMPONENTS]
    out += [
        Variant("- evidence strength", policy=without_strength, reprofile=True),
        Variant("- recency and years of use", policy=without_recency, reprofile=True),
        Variant("- open requirements", role=lambda r: r.model_copy(update={"open_requirements": ()})),
        Variant("- years requirement", role=lambda r: r.model_copy(update={"min_years": None})),
    ]
    return out


def _profiles(texts: Sequence[str], policy: Policy) -> list[CandidateProfile | None]:
    from stackfit.errors import InputError
    from stackfit.parse import parse_text
    from stackfit.score.candidate import profile_document

    out: list[CandidateProfile | None] = []
    for i, t in enumerate(texts):
        try:
            out.append(profile_document(parse_text(t, f"r{i}.md", "text/markdown"), as_of=AS_OF, policy=policy))
        except InputError:  # one RJDB resume is empty: it scores 0, as `stackfit screen` would reject it
            out.append(None)
    return out


def rjdb(triples: Sequence[Triple], rank_limit: int, vs: Sequence[Variant]) -> dict[str, dict[str, float]]:
    from stackfit.parse import parse_text
    from stackfit.policy import load_policy
    from stackfit.role.jd import from_jd
    from stackfit.score.match import assess

    base = load_policy()
    n = len(triples)
    roles = [from_jd(parse_text(t.jd, f"jd{i}.md", "text/markdown")) for i, t in enumerate(triples)]
    resumes = [t.matched for t in triples] + [t.unmatched for t in triples]
    shipped = _profiles(resumes, base)
    k = min(rank_limit, n)
    rank_idx = list(range(k)) + [n + i for i in range(k)]  # the resumes of the first k triples
    results: dict[str, dict[str, float]] = {}
    for v in vs:
        t0 = time.perf_counter()
        policy = v.policy(base)
        cands = _profiles(resumes, policy) if v.reprofile else shipped

        def score(role: RoleProfile, c: CandidateProfile | None, policy: Policy = policy) -> float:
            return assess(c, role, policy=policy).score if c is not None else 0.0

        vroles = [v.role(r) for r in roles]
        acc, ties = pairwise_accuracy((score(vroles[i], cands[i]), score(vroles[i], cands[n + i])) for i in range(n))
        ranks = [rank_of([score(vroles[i], cands[j]) for j in rank_idx], i) for i in range(k)]
        results[v.name] = {"pairwise_accuracy": round(acc, 4), "ties": ties, "mrr": round(mrr(ranks), 4),
                           "ndcg@10": round(ndcg_at_k(ranks, 10), 4), "seconds": round(time.perf_counter() - t0, 1)}
        print(f"  rjdb {v.name}: {results[v.name]}", flush=True)
    return results


def samples(vs: Sequence[Variant]) -> dict[str, dict[str, float]]:
    """Share of the intended orderings of the bundled samples that each variant keeps."""
    import yaml

    from stackfit.datafiles import package_data
    from stackfit.policy import load_policy
    from stackfit.score.match import assess
    from stackfit.services import load_role_file, read_document

    folder = Path(str(package_data("samples")))
    expected = yaml.safe_load((folder / "expected.yaml").read_text())
    base = load_policy()
    files = sorted(p for p in (folder / "resumes").iterdir() if p.is_file())
    docs = [read_document(p) for p in files]
    roles = {name: load_role_file(folder / "roles" / name) for name in expected["roles"]}
    as_of = date(2026, 11, 27)
    from stackfit.score.candidate import profile_document

    shipped = [profile_document(d, as_of=as_of, policy=base) for d in docs]
    results: dict[str, dict[str, float]] = {}
    for v in vs:
        policy = v.policy(base)
        cands = [profile_document(d, as_of=as_of, policy=policy) for d in docs] if v.reprofile else shipped
        kept = total = firsts = 0
        margins: list[float] = []
        for name, exp in expected["roles"].items():
            role = v.role(roles[name])
            score = {Path(c.file).name: assess(c, role, policy=policy).score for c in cands}
            pairs = [(a, b) for a in exp["top3"] for b in exp["below_top3"]]
            pairs += [(exp["first"], b) for b in score if b != exp["first"]]
            kept += sum(score[a] > score[b] for a, b in pairs)
            total += len(pairs)
            firsts += max(score, key=lambda f: (score[f], f)) == exp["first"]
            # separation: the lowest intended top-3 score minus the highest score meant to rank below them
            margins.append(min(score[a] for a in exp["top3"]) - max(score[b] for b in exp["below_top3"]))
        results[v.name] = {"orderings_kept": round(kept / total, 4), "first_right": f"{firsts}/{len(expected['roles'])}",  # type: ignore[dict-item]
                           "separation": round(sum(margins) / len(margins), 1)}
        print(f"  samples {v.name}: {results[v.name]}", flush=True)
    return results


def table(rj: dict[str, dict[str, float]], sm: dict[str, dict[str, float]]) -> str:
    lines = ["| variant | RJDB pairwise | ties | RJDB MRR | RJDB NDCG@10 | AI roles: orderings kept | right first | separation (points) |",
             "|---|---|---|---|---|---|---|---|"]
    for name in rj:
        r, s = rj[name], sm.get(name, {})
        lines.append(f"| {name} | {r['pairwise_accuracy']:.3f} | {r['ties']} | {r['mrr']:.3f} | {r['ndcg@10']:.3f} | "
                     f"{s.get('orderings_kept', float('nan')):.3f} | {s.get('first_right', '')} | {s.get('separation', '')} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--limit", type=int, default=None, help="first N RJDB triples for pairwise accuracy (default: all)")
    ap.add_argument("--rank-limit", type=int, default=200, help="rank among the resumes of the first N triples (default 200)")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--samples-only", action="store_true", help="the bundled AI roles only (seconds)")
    args = ap.parse_args(argv)
    require_public_data(args.data, RJDB_TEST)
    triples = load(args.data, args.limit)
    vs = variants()
    if args.samples_only:
        for name, r in samples(vs).items():
            print(name, r)
        return
    print(f"ablation: RJDB {len(triples)} triples (ranking over the first {min(args.rank_limit, len(triples))}), "
          f"bundled samples; {platform.machine()}")
    sm = samples(vs)
    rj = rjdb(triples, args.rank_limit, vs)
    print(table(rj, sm))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"date": date.today().isoformat(), "machine": platform.machine(),
                                         "rjdb_triples": len(triples), "rank_limit": args.rank_limit,
                                         "rjdb": rj, "samples": sm}, indent=2))


if __name__ == "__main__":
    sys.exit(run_script(main))
