"""The team hiring plan (the guide's Step 8): coverage of the current team, gaps per roadmap
phase, the next hires in the guide's order adapted to what the team covers, and warnings when a
planned hire is out of order. Deterministic: the same TEAM.yaml and date give the same plan."""

from __future__ import annotations

import difflib
import math
from datetime import date
from pathlib import Path

import yaml
from pydantic import Field, ValidationError

from stackfit.errors import InputError
from stackfit.models import LAYERS, PROFILES, CandidateProfile, Frozen, RoleProfile
from stackfit.parse import parse_bytes
from stackfit.role import Brief, from_brief
from stackfit.role.rules import load_role_rules
from stackfit.score import profile_document
from stackfit.taxonomy import load_taxonomy
from stackfit.team.schema import STAGE_ORDER, HireArchetype, Member, Phase, TeamFile, TeamPolicy, load_team_policy


class MemberView(Frozen):
    name: str
    source: str = "resume"
    file: str
    profile: str
    fits: dict[str, float]
    layers: dict[str, float]
    signals: tuple[str, ...] = ()
    location: str | None = None
    timezone: str | None = None
    overlap: float | None = Field(default=None, description="hours of overlap with the team's working hours on the as-of date")


class LayerCoverage(Frozen):
    layer: str
    value: float
    best: str
    best_value: float


class ProfileCoverage(Frozen):
    profile: str
    members: tuple[str, ...]
    best_fit: float


class PhaseGap(Frozen):
    position: int
    stage: str
    name: str
    when: str
    done: bool
    layers_missing: dict[str, tuple[float, float]]
    signals_missing: tuple[str, ...]
    hires_needed: tuple[str, ...]


class Decision(Frozen):
    hire: str
    name: str
    stage: str
    profile: str
    covered: bool
    reason: str


class Hire(Frozen):
    rank: int
    hire: str
    name: str
    stage: str
    profile: str
    reason: str
    role: RoleProfile


class TeamPlan(Frozen):
    team: str
    as_of: str
    policy_version: str
    hours: str
    timezone: str
    method: str
    members: tuple[MemberView, ...]
    layers: tuple[LayerCoverage, ...]
    profiles: tuple[ProfileCoverage, ...]
    phases: tuple[PhaseGap, ...]
    decisions: tuple[Decision, ...]
    hires: tuple[Hire, ...]
    warnings: tuple[str, ...]


METHOD = ("team layer = 100 x (1 - product of (1 - member layer / 100)): a saturating sum, so a second strong "
          "member adds less than the first and a weak member never lowers the team; a member covers a profile "
          "when their fit for it is at least {fit:.2f}")


# --------------------------------------------------------------------------- loading


def load_team_file(path: Path) -> TeamFile:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("team file not found", hint="give a TEAM.yaml (see stackfit/data/samples/teams)", path=str(path)) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"not valid YAML: {exc}".splitlines()[0], hint="fix the YAML syntax", path=str(path)) from None
    if not isinstance(raw, dict):
        raise InputError("not a team file: expected keys name, members, roadmap", hint="see stackfit/data/samples/teams",
                         path=str(path))
    try:
        team = TeamFile.model_validate(raw)
    except ValidationError as exc:
        msg = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in exc.errors()[:8])
        raise InputError(f"not a valid team file: {msg}", hint="fix the listed fields", path=str(path)) from None
    policy = load_team_policy()
    ids = [h.id for h in policy.hires]
    for ph in team.roadmap:
        for h in ph.planned_hires:
            if h not in ids:
                raise InputError(f"roadmap: unknown planned hire {h!r}", hint=f"use one of: {', '.join(ids)}", path=str(path))
    systems = load_role_rules().data.systems
    for s in team.product.systems if team.product else ():
        if s not in systems:
            raise InputError(f"product: unknown system type {s!r}", hint=f"use any of: {', '.join(systems)}", path=str(path))
    return team


def _declared_text(m: Member, ids: list[str], as_of: date) -> str:
    """A synthetic resume for declared skills: each skill used in a current job for ``m.years`` years."""
    tax = load_taxonomy()
    start_year = as_of.year - max(1, round(m.years))
    lines = [f"# {m.name}", "", f"**{m.title or 'Team member'}**", "", "## Experience", "",
             f"### {m.title or 'Team member'} — current team", "", f"Jan {start_year} – Present", ""]
    lines += [f"- Worked with {tax.skills[i].name} on the team's projects." for i in ids]
    return "\n".join(lines) + "\n"


def _resolve_skills(m: Member, path: Path) -> list[str]:
    tax = load_taxonomy()
    ids: list[str] = []
    for name in m.skills:
        sid = tax.resolve(name)
        if sid is None:
            vocab = sorted({s.name for s in tax.skills.values()} | {a for s in tax.skills.values() for a in s.aliases})
            close = difflib.get_close_matches(name, vocab, n=3, cutoff=0.6)
            hint = (f"did you mean {', '.join(repr(c) for c in close)}? " if close else "") + "`stackfit taxonomy QUERY` lists skills"
            raise InputError(f"member {m.name!r}: skill {name!r} is not in the taxonomy", hint=hint, path=str(path))
        ids.append(sid)
    return list(dict.fromkeys(ids))


def profile_member(m: Member, team_path: Path, as_of: date) -> CandidateProfile:
    if m.resume is not None:
        from stackfit.services import profile_file

        f = (team_path.parent / m.resume) if not Path(m.resume).is_absolute() else Path(m.resume)
        if not f.is_file():
            raise InputError(f"member {m.name!r}: resume {m.resume!r} not found", hint="resume paths are relative to the team file",
                             path=str(team_path))
        return profile_file(f, as_of=as_of)
    ids = _resolve_skills(m, team_path)
    text = _declared_text(m, ids, as_of)
    return profile_document(parse_bytes(text.encode("utf-8"), f"{team_path}#{m.name}.md"), as_of=as_of)


# --------------------------------------------------------------------------- planning


def saturating(values: list[float]) -> float:
    return round(100 * (1 - math.prod(1 - min(max(v, 0.0), 100.0) / 100 for v in values)), 1)


def _member_where(m: Member, c: CandidateProfile, team: TeamFile, as_of: date, path: Path) -> dict[str, object]:
    """Location and time zone: given in TEAM.yaml (timezone, then location) over what the resume says."""
    from stackfit.team.remote import WorkingHours, given_location, overlap_hours

    try:
        loc = given_location(m.location) if m.location else c.location
    except InputError as exc:
        raise InputError(f"member {m.name!r}: {exc.message}", hint=exc.hint, path=str(path)) from None
    zone = m.timezone or (loc.timezone if loc else None)
    if zone is None:
        return {"location": loc.text if loc else None}
    mine = WorkingHours.parse(f"{m.hours or load_team_policy().default_hours} {zone}")
    ov = overlap_hours(WorkingHours.parse(f"{team.hours} {team.timezone}"), mine, as_of)
    return {"location": loc.text if loc else None, "timezone": zone, "overlap": ov}


def _member_view(m: Member, c: CandidateProfile, fit_min: float, where: dict[str, object]) -> MemberView:
    fits: dict[str, float] = {p: round(c.fit.get(p, 0.0), 2) for p in PROFILES if c.fit.get(p, 0.0) >= fit_min or p == c.profile}
    return MemberView(name=m.name, source="resume" if m.resume else "skills", file=m.resume or "(declared skills)",
                      profile=c.profile, fits=fits, layers={k: c.layers[k] for k in LAYERS},
                      signals=tuple(s.id for s in c.signals if s.state == "evidenced"), **where)  # type: ignore[arg-type]


def _ordered_phases(roadmap: tuple[Phase, ...]) -> list[tuple[int, Phase]]:
    """Roadmap phases by ``order``, then ``date``, then position in the file."""
    keyed = sorted(enumerate(roadmap), key=lambda ip: (ip[1].order if ip[1].order is not None else 10**6,
                                                       ip[1].date.isoformat() if ip[1].date else "9999", ip[0]))
    return [(n, p) for n, (_, p) in enumerate(keyed, start=1)]


def _have(have: float, need: float) -> str:
    """A layer value short of its threshold: whole numbers unless rounding would hide the shortfall (59.8 < 60)."""
    return f"{have:.0f}" if round(have) < need else f"{have:.1f}"


def _fmt_layers(d: dict[str, tuple[float, float]]) -> str:
    return ", ".join(f"{k} {_have(have, need)} < {need:.0f}" for k, (have, need) in d.items())


def _decide(h: HireArchetype, members: list[MemberView], team_layers: dict[str, float], signals: set[str],
            fit_min: float) -> Decision:
    fitting = [(m.fits.get(p, 0.0), m.name, p) for m in members for p in h.covered_by if m.fits.get(p, 0.0) >= fit_min]
    fitting.sort(key=lambda t: (-t[0], t[1]))
    short: dict[str, tuple[float, float]] = {k: (team_layers[k], v) for k, v in h.layers.items() if team_layers[k] < v}
    base = dict(hire=h.id, name=h.name, stage=h.stage, profile=h.profile)
    if fitting and not short:
        who = ", ".join(f"{n} ({p} fit {f:.2f})" for f, n, p in fitting[:3])
        lay = ", ".join(f"{k} {team_layers[k]:.0f} ≥ {v:.0f}" for k, v in h.layers.items())
        return Decision(**base, covered=True, reason=f"covered by {who}" + (f"; team {lay}" if lay else ""))
    short_alt: dict[str, tuple[float, float]] = {k: (team_layers[k], v) for k, v in h.covered_by_layers.items() if team_layers[k] < v}
    miss_sig = [s for s in h.signals if s not in signals]
    if not short_alt and not miss_sig:
        lay = ", ".join(f"{k} {team_layers[k]:.0f} ≥ {v:.0f}" for k, v in h.covered_by_layers.items())
        return Decision(**base, covered=True, reason=f"covered by the team as a whole: {lay}"
                        + (f"; signals in experience: {', '.join(h.signals)}" if h.signals else ""))
    parts: list[str] = []
    if not fitting:
        best = max(((m.fits.get(p, 0.0), m.name, p) for m in members for p in h.covered_by), key=lambda t: (t[0], t[1]),
                   default=None)
        parts.append(f"no member fits {' / '.join(h.covered_by)} (fit ≥ {fit_min:.2f})"
                     + (f"; closest: {best[1]} ({best[2]} {best[0]:.2f})" if best and best[0] > 0 else ""))
    if short:
        parts.append(f"team {_fmt_layers(short)}")
    elif short_alt:
        parts.append(f"team {_fmt_layers(short_alt)}")
    if miss_sig:
        parts.append(f"not shown in anyone's experience: {', '.join(miss_sig)}")
    return Decision(**base, covered=False, reason="; ".join(parts))


def _brief_for(h: HireArchetype, team: TeamFile, policy: TeamPolicy) -> Brief:
    rules = load_role_rules().data
    base = (team.product.systems if team.product else policy.default_systems) if h.product_systems or not h.extra_systems else ()
    systems = tuple(s for s in dict.fromkeys((*base, *h.extra_systems)) if s in rules.systems)
    p = team.product
    models = p.models if (p is not None and h.stage == "prototype") else h.brief_models
    return Brief(title=f"{h.name} for {team.name}", systems=systems, models=models,
                 deployment=p.deployment if p else "cloud", real_time=p.real_time if p else False,
                 privacy_sensitive=p.privacy_sensitive if p else False, stage=h.stage,
                 notes=f"Generated by `stackfit team plan` ({policy.version}): {h.why}.")


def role_for(h: HireArchetype, team: TeamFile, policy: TeamPolicy) -> RoleProfile:
    from stackfit.models import Reason

    role = from_brief(_brief_for(h, team, policy))
    if role.profile != h.profile and role.profile not in h.covered_by:
        role = role.model_copy(update={"profile": h.profile, "reasons": (
            Reason(field="profile", text=f"set by the team plan: the guide's {h.stage} hire is a {h.name} ({h.profile}); "
                                         f"the systems alone suggested {role.profile}"), *role.reasons)})
    return role


def make_plan(team: TeamFile, profiles: list[CandidateProfile], *, as_of: date, policy: TeamPolicy | None = None,
              path: Path = Path("TEAM.yaml")) -> TeamPlan:
    """The plan for ``team`` whose members were profiled as ``profiles`` (same order)."""
    policy = policy or load_team_policy()
    fit_min = policy.profile_fit_min
    members = [_member_view(m, c, fit_min, _member_where(m, c, team, as_of, path)) for m, c in zip(team.members, profiles, strict=True)]
    layers: list[LayerCoverage] = []
    for k in LAYERS:
        best = max(members, key=lambda mv: (mv.layers[k], mv.name))
        layers.append(LayerCoverage(layer=k, value=saturating([mv.layers[k] for mv in members]), best=best.name,
                                    best_value=best.layers[k]))
    team_layers = {c.layer: c.value for c in layers}
    prof_cov = []
    for p in PROFILES:
        names = tuple(mv.name for mv in members if mv.fits.get(p, 0.0) >= fit_min)
        prof_cov.append(ProfileCoverage(profile=p, members=names, best_fit=max((mv.fits.get(p, 0.0) for mv in members), default=0.0)))
    signals = {s for mv in members for s in mv.signals}
    decisions = [_decide(h, members, team_layers, signals, fit_min) for h in policy.hires]
    needed = {d.hire for d in decisions if not d.covered}

    phases = _ordered_phases(team.roadmap)
    gaps: list[PhaseGap] = []
    for pos, ph in phases:
        need = policy.stage(ph.stage)
        gaps.append(PhaseGap(
            position=pos, stage=ph.stage, name=ph.name or need.name,
            when=ph.date.isoformat() if ph.date else (f"order {ph.order}" if ph.order is not None else f"phase {pos}"),
            done=ph.done,
            layers_missing={k: (team_layers[k], v) for k, v in need.layers.items() if team_layers[k] < v},
            signals_missing=tuple(s for s in need.signals if s not in signals),
            hires_needed=tuple(h.id for h in policy.hires if h.stage == ph.stage and h.id in needed)))

    # hires: the guide's order, only for stages on the roadmap that are not done, adapted to coverage
    open_stages = [ph for _, ph in phases if not ph.done]
    target = max((STAGE_ORDER[ph.stage] for ph in open_stages), default=0)
    first_open = {ph.stage: (pos, ph) for pos, ph in reversed(phases) if not ph.done}
    hires: list[Hire] = []
    for h in policy.hires:
        d = next(x for x in decisions if x.hire == h.id)
        if d.covered or STAGE_ORDER[h.stage] > target:
            continue
        need = policy.stage(h.stage)
        at = first_open.get(h.stage)
        where = (f"phase {at[0]} ({need.name}, {gaps[at[0] - 1].when})" if at
                 else f"{need.name} (phase {need.phase} of the guide), a step before the roadmap's first open phase")
        why_now = ("First: the earliest stage the team cannot cover yet." if not hires
                   else f"Next, after the {hires[-1].name}: the guide puts {need.name.lower()} after "
                        f"{policy.stage(hires[-1].stage).name.lower()}." if hires[-1].stage != h.stage
                   else f"Next, after the {hires[-1].name}: both are needed for {need.name.lower()}.")
        role = role_for(h, team, policy)
        as_profile = (f" Profile {role.profile} rather than {h.profile}: the product ({', '.join(role.systems)}) "
                      f"{'integrates' if role.trains_models is False else 'trains'} models." if role.profile != h.profile else "")
        reason = f"Needed for {where}: {d.reason}. {h.name}: {h.why}.{as_profile} {why_now}"
        hires.append(Hire(rank=len(hires) + 1, hire=h.id, name=h.name, stage=h.stage, profile=role.profile, reason=reason,
                          role=role))

    warnings = _warnings(team, phases, policy, needed, decisions)
    return TeamPlan(team=team.name, as_of=as_of.isoformat(), policy_version=policy.version, hours=team.hours,
                    timezone=team.timezone, method=METHOD.format(fit=fit_min), members=tuple(members),
                    layers=tuple(layers), profiles=tuple(prof_cov), phases=tuple(gaps), decisions=tuple(decisions),
                    hires=tuple(hires), warnings=tuple(warnings))


def _warnings(team: TeamFile, phases: list[tuple[int, Phase]], policy: TeamPolicy, needed: set[str],
              decisions: list[Decision]) -> list[str]:
    out: list[str] = []
    prev: Phase | None = None
    for pos, ph in phases:
        if prev is not None and STAGE_ORDER[ph.stage] < STAGE_ORDER[prev.stage]:
            out.append(f"roadmap: phase {pos} ({ph.stage}) comes after a {prev.stage} phase; the guide's order is "
                       "prototype → production readiness → scaling")
        prev = ph
    planned_by: dict[str, int] = {}
    for pos, ph in phases:
        for hid in ph.planned_hires:
            planned_by.setdefault(hid, pos)
    for pos, ph in phases:
        for hid in ph.planned_hires:
            h = policy.hire(hid)
            assert h is not None  # checked on load
            if STAGE_ORDER[h.stage] > STAGE_ORDER[ph.stage]:
                out.append(f"out of order: {h.name} planned in phase {pos} ({ph.stage}), but the guide hires it for "
                           f"{h.stage}; hiring out of order creates technical debt early")
            for earlier in policy.hires:
                if STAGE_ORDER[earlier.stage] >= STAGE_ORDER[h.stage] or earlier.id not in needed:
                    continue
                if planned_by.get(earlier.id, 10**6) > pos:
                    out.append(f"out of order: {h.name} planned in phase {pos} before the {earlier.name.lower()}, which the team "
                               f"still needs ({next(d.reason for d in decisions if d.hire == earlier.id)})")
            if hid not in needed:
                out.append(f"planned hire {h.name} in phase {pos} may not be needed: "
                           f"{next(d.reason for d in decisions if d.hire == hid)}")
    return out


def plan_team_file(path: Path, *, as_of: date) -> TeamPlan:
    """Load TEAM.yaml, profile every member with the screening pipeline, and plan."""
    team = load_team_file(path)
    profiles = [profile_member(m, path, as_of) for m in team.members]
    return make_plan(team, profiles, as_of=as_of, path=path)


def save_hire_roles(plan: TeamPlan, folder: Path) -> list[Path]:
    """Write each recommended hire's RoleProfile as ``<rank>-<hire>.yaml``; `stackfit screen` reads them."""
    from stackfit.role import save_role

    if folder.exists() and not folder.is_dir():
        raise InputError("--roles-dir must be a folder, but a file of that name exists", hint="choose another folder",
                         path=str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for h in plan.hires:
        p = folder / f"{h.rank}-{h.hire}.yaml"
        save_role(h.role, p)
        paths.append(p)
    return paths
