"""Step-6 mismatch flags, evaluated from the rules in ``data/flags.yaml``."""

from __future__ import annotations

from stackfit.models import CandidateProfile, Flag, RoleProfile
from stackfit.policy import FlagCondition, Policy
from stackfit.taxonomy import Taxonomy


def _used_categories(candidate: CandidateProfile, taxonomy: Taxonomy) -> set[str]:
    return {c for s in candidate.skills if s.strength != "listed" for c in taxonomy.skills[s.id].categories}


def check(cond: FlagCondition, candidate: CandidateProfile, role: RoleProfile, taxonomy: Taxonomy) -> list[str] | None:
    """Reasons if every condition holds, else None."""
    reasons: list[str] = []
    if cond.role_profile_in is not None:
        if role.profile not in cond.role_profile_in:
            return None
        reasons.append(f"the role asks for a {role.profile.replace('_', ' ')}")
    if cond.role_trains_models is not None:
        if bool(role.trains_models) != cond.role_trains_models:
            return None
        reasons.append("the role trains models" if cond.role_trains_models else "the role integrates models")
    for layer, w in (cond.role_layer_weight_at_least or {}).items():
        if role.layers.get(layer, 0.0) < w:
            return None
        reasons.append(f"the role weighs the {layer} layer {role.layers[layer]:.0%}")
    if cond.candidate_profile_in is not None:
        if candidate.profile not in cond.candidate_profile_in:
            return None
        reasons.append(f"the resume reads as {candidate.profile.replace('_', ' ')} (fit {candidate.fit[candidate.profile]:.2f})")
    if cond.candidate_profile_not_in is not None and candidate.profile in cond.candidate_profile_not_in:
        return None
    for layer, n in (cond.layer_below or {}).items():
        if candidate.layers[layer] >= n:
            return None
        reasons.append(f"{layer} layer {candidate.layers[layer]:.0f} < {n:.0f}")
    if cond.has_skill is not None:
        names = [s.name for s in candidate.skills if s.id in cond.has_skill]
        if not names:
            return None
        reasons.append(f"has {', '.join(names)}")
    used = _used_categories(candidate, taxonomy)
    if cond.has_category_used is not None:
        hit = sorted(used & set(cond.has_category_used))
        if not hit:
            return None
        reasons.append("used in experience: " + ", ".join(c.replace("_", " ") for c in hit))
    if cond.lacks_category_used is not None:
        if used & set(cond.lacks_category_used):
            return None
        reasons.append("no experience with: " + ", ".join(c.replace("_", " ") for c in cond.lacks_category_used[:5]))
    if cond.lacks_signal is not None:
        states = {s.id: s.state for s in candidate.signals}
        if any(states.get(s) == "evidenced" for s in cond.lacks_signal):
            return None
        reasons.append("no evidence of " + ", ".join(s.replace("_", " ") for s in cond.lacks_signal))
    return reasons


def evaluate_flags(candidate: CandidateProfile, role: RoleProfile, taxonomy: Taxonomy, policy: Policy) -> list[Flag]:
    out = []
    for rule in policy.flags.flags:
        reasons = check(rule.when, candidate, role, taxonomy)
        if reasons is not None:
            out.append(Flag(id=rule.id, name=rule.name, severity=rule.severity, message=rule.message, reasons=tuple(reasons)))
    return out
