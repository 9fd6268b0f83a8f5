"""A short plain-language explanation of an Assessment, built only from its own numbers."""

from __future__ import annotations

from stackfit.models import Assessment, RoleProfile
from stackfit.policy import Policy


def _lower_first(name: str) -> str:
    """'Machine learning engineer' -> 'machine learning engineer'; 'LLM integration engineer' stays."""
    first = name.split(" ", 1)[0]
    return name if first.isupper() else name[:1].lower() + name[1:]


def _band(score: float) -> str:
    if score >= 75:
        return "Strong match"
    if score >= 55:
        return "Partial match"
    if score >= 35:
        return "Weak match"
    return "Poor match"


def explain(a: Assessment, role: RoleProfile, policy: Policy) -> str:
    c = a.candidate
    pname = _lower_first(policy.profiles.get(c.profile).name)
    parts = [f"{_band(a.score)} ({a.score:.0f}/100) for '{role.title}'."]
    tag = f" ({', '.join(t.replace('_', ' ') for t in c.tags)})" if c.tags else ""
    parts.append(f"Reads as {pname}{tag} with fit {c.fit[c.profile]:.2f}; the role asks for "
                 f"{_lower_first(policy.profiles.get(role.profile).name)}.")
    missing = [r.name for r in a.must_have.requirements if r.credit == 0]
    weak = [r.name for r in a.must_have.requirements if 0 < r.credit and r.strength == "listed" and r.via is None]
    cov = f"Covers {a.must_have.met} of {a.must_have.total} must-haves"
    if missing:
        cov += f"; missing {', '.join(missing[:5])}"
    if weak:
        cov += f"; only listed, not shown in experience: {', '.join(weak[:4])}"
    parts.append(cov + ".")
    top = sorted(c.layers.items(), key=lambda kv: -kv[1])
    parts.append("Layers: " + ", ".join(f"{k} {v:.0f}" for k, v in top) + ".")
    prod = [s.name.lower() for s in c.signals if s.kind == "production" and s.state == "evidenced"]
    if prod:
        parts.append("Experience shows " + ", ".join(prod[:4]) + ".")
    else:
        parts.append("No production-readiness evidence in dated experience.")
    if a.flags:
        parts.append("Flags: " + "; ".join(f.name for f in a.flags) + ".")
    return " ".join(parts)
