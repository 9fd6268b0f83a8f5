"""CandidateProfile: skills with strength, years and recency; layer scores; signals; profile fit.

Everything here is independent of any role. Parameters come from ``data/scoring.yaml`` and
``data/profiles.yaml``; every number can be traced to Evidence items.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from datetime import date

from stackfit.extract.degrees import degrees_held
from stackfit.extract.evidence import collect_evidence
from stackfit.extract.locate import Locator
from stackfit.extract.location import find_location
from stackfit.extract.signals import SignalMatcher, default_signal_matcher
from stackfit.extract.skills import SkillMatcher, default_matcher
from stackfit.extract.terms import first_offsets, terms
from stackfit.integrity import IntegrityResult, default_integrity_check
from stackfit.models import (
    LAYERS,
    PROFILES,
    STRENGTHS,
    CandidateProfile,
    CheckState,
    Degree,
    Document,
    Evidence,
    SignalHit,
    SignalSummary,
    SkillSummary,
    Stint,
)
from stackfit.policy import Policy, ProfileDef, load_policy
from stackfit.redact import URL, load_redact_rules
from stackfit.score.dates import as_of_index, index_to_ym, merged_months, month_index, span
from stackfit.taxonomy import Taxonomy


def summarize_skills(evidence: list[Evidence], now: int, policy: Policy) -> list[SkillSummary]:
    rules = policy.scoring
    by_skill: dict[str, list[Evidence]] = defaultdict(list)
    for ev in evidence:
        by_skill[ev.skill_id].append(ev)
    out: list[SkillSummary] = []
    for skill_id, items in by_skill.items():
        strength = max((e.strength for e in items), key=STRENGTHS.index)
        spans = [s for e in items if (s := span(e.date_start, e.date_end, now))]
        years = round(merged_months(spans) / 12, 1) if spans else None
        last = max(e for _, e in spans) if spans else None
        if last is None:
            recency = 1.0
        else:
            age = now - last
            r = rules.recency
            if age <= r.full_until_months:
                recency = 1.0
            else:
                frac = min(1.0, (age - r.full_until_months) / (r.floor_at_months - r.full_until_months))
                recency = 1.0 - frac * (1.0 - r.floor)
        y = rules.years
        years_mult = y.unknown if years is None else y.min + (1 - y.min) * min(years, y.saturate_years) / y.saturate_years
        value = rules.strength_weight[strength] * recency * years_mult
        out.append(SkillSummary(
            id=skill_id, name=items[0].name, layer=items[0].layer, strength=strength, years=years,
            last_used=index_to_ym(last) if last is not None else None, mentions=len(items), value=round(value, 4),
        ))
    out.sort(key=lambda s: (-s.value, s.id))
    return out


def summarize_signals(hits: list[SignalHit], policy: Policy) -> list[SignalSummary]:
    by_id: dict[str, list[SignalHit]] = defaultdict(list)
    for h in hits:
        by_id[h.id].append(h)
    out = []
    for sig in policy.signals.signals:
        found = by_id.get(sig.id, [])
        state: CheckState = "evidenced" if any(h.in_experience for h in found) else "claimed_only" if found else "unknown"
        ordered = sorted(found, key=lambda h: (not h.in_experience, h.start))[:3]
        out.append(SignalSummary(id=sig.id, name=sig.name, kind=sig.kind, state=state, evidence=tuple(ordered)))
    return out


def layer_scores(skills: list[SkillSummary], signals: list[SignalSummary], policy: Policy) -> dict[str, float]:
    rules = policy.scoring.layers
    sig_layer = {s.id: s.layer for s in policy.signals.signals}
    used = dict.fromkeys(LAYERS, 0.0)
    listed = dict.fromkeys(LAYERS, 0.0)
    for s in skills:
        (listed if s.strength == "listed" else used)[s.layer] += s.value
    for sig in signals:
        if sig.kind == "production" and sig.state == "evidenced":
            used[sig_layer[sig.id]] += rules.signal_value
    return {
        layer: round(100 * (1 - math.exp(-(used[layer] + min(listed[layer], rules.listed_cap)) / rules.scale)), 1)
        for layer in LAYERS
    }


_TITLE_CACHE: dict[str, list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None]]] = {}


def _title_patterns(policy: Policy) -> list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None]]:
    """Per profile: its specific title patterns and its generic ones, each compiled into one regex."""
    key = policy.profiles.version

    def rx(ts: tuple[str, ...]) -> re.Pattern[str] | None:
        return re.compile("|".join(f"(?:{t})" for t in ts), re.IGNORECASE) if ts else None

    if key not in _TITLE_CACHE:
        _TITLE_CACHE[key] = [(p.id, rx(p.titles), rx(p.generic_titles))
                             for p in policy.profiles.profiles if p.titles or p.generic_titles]
    return _TITLE_CACHE[key]


def title_matches(title: str, policy: Policy, matcher: SkillMatcher | None = None) -> list[tuple[str, float]]:
    """Profiles whose title patterns match a job title or headline, each with the share of a title vote
    it earns: 1 for a specific pattern, ``generic_title_factor`` for a title that other jobs share
    ("Systems Engineer", "Business Analyst"). Given a ``matcher``, a title no pattern matches that names a job
    by a skill of a profile's ``title_skills`` categories ("PHP Engineer", "Kafka Engineer") earns 1 for that
    profile."""
    out = []
    for pid, strong, generic in _title_patterns(policy):
        if strong is not None and strong.search(title):
            out.append((pid, 1.0))
        elif generic is not None and generic.search(title):
            out.append((pid, policy.profiles.generic_title_factor))
    if not out and matcher is not None:
        out = stack_title_matches(title, policy, matcher)
    return out


def stack_title_matches(title: str, policy: Policy, matcher: SkillMatcher) -> list[tuple[str, float]]:
    """Profiles a job title names by their stack: a title that names a job ("Golang Engineer", not "Go-getter"
    or a sentence) and a skill of the profile's ``title_skills`` categories."""
    wanted = [(p.id, set(p.title_skills)) for p in policy.profiles.profiles if p.title_skills]
    if not wanted or not _outside(title):
        return []
    cats = {c for h in matcher.find(title) for c in matcher.taxonomy.skills[h.skill_id].categories}
    return [(pid, 1.0) for pid, want in wanted if want & cats]


def _named_stack(title: str, pid: str, policy: Policy, matcher: SkillMatcher | None) -> str:
    """" (names PHP)" when a title votes for ``pid`` only by the stack it names, for the reason; else ""."""
    if matcher is None or title_matches(title, policy):
        return ""
    want = set(next((p.title_skills for p in policy.profiles.profiles if p.id == pid), ()))
    skills = [matcher.taxonomy.skills[h.skill_id] for h in matcher.find(title)]
    names = [s.name for s in skills if want.intersection(s.categories)]
    return f" (names {', '.join(dict.fromkeys(names))})" if names else ""


def title_profiles(title: str, policy: Policy, matcher: SkillMatcher | None = None) -> list[str]:
    """Profiles whose title patterns match a job title or headline."""
    return [pid for pid, _ in title_matches(title, policy, matcher)]


def headline(doc: Document) -> str | None:
    """The line under the name that says what the person is ("Senior ML Engineer")."""
    header = next((s for s in doc.sections if s.kind == "header"), None)
    if header is None:
        return None
    lines = [ln.strip(" -|") for ln in doc.text[header.start:header.end].splitlines() if ln.strip()]
    street = load_redact_rules().street
    for ln in lines[1:4]:
        if "@" in ln or "http" in ln or sum(c.isdigit() for c in ln) > 4 or len(ln) > 120 or (len(ln) > 60 and ln.endswith(".")):
            continue
        if URL.search(ln) or street.search(ln):  # a profile link or a postal address is contact, not a headline
            continue
        return ln
    return None


_BEST: dict[tuple[int, str, str], tuple[str, float]] = {}


def _best_category(p: ProfileDef, skill_id: str, taxonomy: Taxonomy) -> tuple[str, float]:
    """The skill's category that this profile weighs most, and that weight (cached)."""
    key = (id(taxonomy), p.id, skill_id)
    hit = _BEST.get(key)
    if hit is None:
        best = max(taxonomy.skills[skill_id].categories, key=lambda c: p.categories.get(c, 0.0))
        hit = _BEST[key] = (best, p.categories.get(best, 0.0))
    return hit


def profile_votes(
    skills: list[SkillSummary], signals: list[SignalSummary], titles: list[str], head: str | None,
    publications: bool, taxonomy: Taxonomy, policy: Policy, *, head_is: str = "headline",
    matcher: SkillMatcher | None = None,
) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Votes per profile and, for each, the reasons behind the vote. ``head`` is a resume's headline or, with
    ``head_is="title"``, a job description's title. ``matcher`` (for ``taxonomy``) lets a title vote by the
    skills it names ("PHP Engineer"); the default matcher is used when ``taxonomy`` is the default one."""
    rules = policy.profiles
    votes: dict[str, float] = dict.fromkeys(PROFILES, 0.0)
    reasons: dict[str, list[str]] = defaultdict(list)
    votes["other"] = rules.other_base
    evidenced = {s.id for s in signals if s.state == "evidenced"}
    ai_cats = set(rules.ai_categories)
    has_ai = any(ai_cats.intersection(taxonomy.skills[s.id].categories) for s in skills)
    if matcher is None and (default := default_matcher()).taxonomy is taxonomy:
        matcher = default
    for p in rules.profiles:
        per_cat: dict[str, float] = defaultdict(float)
        names: dict[str, list[str]] = defaultdict(list)
        listed = 0.0
        for s in skills:
            best, w = _best_category(p, s.id, taxonomy)
            if not w:
                continue
            if s.strength == "listed":  # claims alone vote little: a long skills list cannot make a profile
                listed += w * s.value
                continue
            per_cat[best] += w * s.value
            names[best].append(s.name)
        for cat, v in sorted(per_cat.items(), key=lambda kv: -kv[1]):
            votes[p.id] += min(v, rules.category_cap)
            if v >= 0.5:
                reasons[p.id].append(f"{cat.replace('_', ' ')}: {', '.join(names[cat][:4])}")
        votes[p.id] += min(listed, rules.listed_vote_cap)
        if p.needs_ai and not has_ai:  # DevOps tools alone make no MLOps engineer
            votes[p.id] *= rules.no_ai_factor
        for sig_id, w in p.signals.items():
            if sig_id in evidenced:
                votes[p.id] += w
        if publications and p.publications_weight:
            votes[p.id] += p.publications_weight
            reasons[p.id].append("publications section")
    if head:
        matched = title_matches(head, policy, matcher)
        for pid, f in matched:
            votes[pid] += rules.title_weight_headline * f
            reasons[pid].insert(0, f"{head_is} '{head}'{_named_stack(head, pid, policy, matcher)}")
        if head_is == "title" and not matched and _outside(head):  # a job description's title (its headline: unmeasured)
            votes["other"] += rules.unknown_title_factor * rules.title_weight_headline
            reasons["other"].insert(0, f"title '{head}' names a job outside the engineering profiles")
    by_title: dict[str, tuple[float, str]] = {}  # each profile counted once per resume: its strongest title
    for i, t in enumerate(titles):
        matched = title_matches(t, policy, matcher)
        if i == 0 and not matched and _outside(t):  # the current job is one no profile covers
            votes["other"] += rules.unknown_title_factor * rules.title_weight_current
            reasons["other"].insert(0, f"current title '{t}' names a job outside the engineering profiles")
        for pid, f in matched:
            w = (rules.title_weight_current if i == 0 else rules.title_weight_past) * f
            if w > by_title.get(pid, (0.0, ""))[0]:
                by_title[pid] = (w, f"{'current' if i == 0 else 'earlier'} title '{t}'{_named_stack(t, pid, policy, matcher)}")
    for pid, (w, why) in by_title.items():
        votes[pid] += w
        reasons[pid].insert(0, why)
    return votes, reasons


def _outside(title: str) -> bool:
    """Whether a title that no profile's patterns match names a job at all ("Audio Engineer"), not only a rank
    ("Senior Engineer") or a sentence; the caller has checked the patterns."""
    from stackfit.role.rules import load_role_rules  # here, not above: stackfit.role imports this module

    return load_role_rules().names_a_specific_job(title)


def softmax(votes: dict[str, float], temperature: float) -> dict[str, float]:
    m = max(votes.values())
    exps = {k: math.exp((v - m) / temperature) for k, v in votes.items()}
    z = sum(exps.values())
    return {k: round(v / z, 4) for k, v in exps.items()}


def specialisation_tags(skills: list[SkillSummary], taxonomy: Taxonomy, policy: Policy) -> list[str]:
    spec = policy.profiles.specialisations
    tags = []
    for tag, cats in spec.tags.items():
        total = sum(s.value for s in skills if taxonomy.in_categories(s.id, cats))
        if total >= spec.min_value:
            tags.append(tag)
    return tags


def job_titles(doc: Document) -> list[str]:
    """Titles of dated experience entries, most recent first."""
    entries = [e for e in doc.entries if e.section == "experience"]
    def key(e):  # current jobs first, then by end date, then by start date
        end = 10**6 if e.current else (month_index(e.date_end) if e.date_end else -1)
        start = month_index(e.date_start) if e.date_start else -1
        return (-end, -start, e.start)
    out = []
    for e in sorted(entries, key=key):
        t = (e.title or e.heading.splitlines()[0] if e.heading else e.title) or ""
        t = t.strip()
        if t:
            out.append(t[:120])
    return out


def profile_document(
    doc: Document, *, as_of: date, matcher: SkillMatcher | None = None,
    signal_matcher: SignalMatcher | None = None, policy: Policy | None = None,
) -> CandidateProfile:
    """Everything a resume says about a person, independent of any role."""
    policy = policy or load_policy()
    matcher = matcher or default_matcher()
    signal_matcher = signal_matcher or default_signal_matcher()
    taxonomy = matcher.taxonomy
    loc = Locator(doc)
    now = as_of_index(as_of)
    evidence = collect_evidence(doc, matcher, loc)
    hits = signal_matcher.find(doc, loc)
    integrity = default_integrity_check()
    checked = integrity.check(doc)
    if checked.excluded:  # instructions to screeners and repeated copies earn nothing
        evidence = [e for e in evidence if not checked.is_excluded(e.start)]
        hits = [h for h in hits if not checked.is_excluded(h.start)]
    findings = checked.findings + integrity.skill_stuffing(evidence, len(doc.text))
    skills = summarize_skills(evidence, now, policy)
    signals = summarize_signals(hits, policy)
    layers = layer_scores(skills, signals, policy)
    titles = job_titles(doc)
    head = headline(doc)
    pubs = any(s.kind == "publications" and s.end - s.start > 80 for s in doc.sections)
    votes, reasons = profile_votes(skills, signals, titles, head, pubs, taxonomy, policy, matcher=matcher)
    fit = softmax(votes, policy.profiles.temperature)
    top = max(PROFILES, key=lambda p: (fit[p], -PROFILES.index(p)))
    spans = [s for e in doc.entries if e.section == "experience" if (s := span(e.date_start, e.date_end if not e.current else None, now))]
    years = round(merged_months(spans) / 12, 1) if spans else None
    experience = stints(doc, now)
    if not spans and not any(st.months for st in experience):
        # jobs written as prose ("5 years as a C/Pro*C Programmer", "served as Senior DBA for 5 years"):
        # their durations, summed, are the years of experience
        experience = prose_stints(doc) or experience
        years = round(sum(st.months for st in experience) / 12, 1) if any(st.months for st in experience) else None
    return CandidateProfile(
        document_id=doc.id, file=doc.source, profile=top, fit=fit,
        tags=tuple(specialisation_tags(skills, taxonomy, policy)), layers=layers,
        skills=tuple(skills), evidence=tuple(evidence), signals=tuple(signals), titles=tuple(titles[:5]),
        years_experience=years, profile_reasons=tuple(reasons.get(top, [])[:5]), terms=_scored_terms(doc, checked),
        experience=experience, location=find_location(doc), integrity=tuple(findings),
        versions=policy.versions, degrees=degrees(doc),
    )


def degrees(doc: Document) -> tuple[Degree, ...]:
    """The degrees the education sections state (anywhere in the text, in a degree context, when there is none)."""
    edu = [(s.start, s.end) for s in doc.sections if s.kind == "education"]
    return tuple(Degree(level=h.level, start=h.start, terms=h.terms) for h in degrees_held(doc.text, edu))


def stints(doc: Document, now: int) -> tuple[Stint, ...]:
    """Each dated job of the experience sections with its months and the words of its heading."""
    out = []
    for e in doc.entries:
        if e.section != "experience":
            continue
        sp = span(e.date_start, e.date_end if not e.current else None, now)
        words = tuple(dict.fromkeys(t for t, _, _ in terms(e.heading[:200])))
        out.append(Stint(start=e.start, months=(sp[1] - sp[0] + 1) if sp else 0, terms=words))
    return tuple(out)


_NUM = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
# a job title: capitalised words ("Sr. Systems Engineer", "C/Pro*C Programmer", "SQL/Server/Developer/DBA")
_PROSE_TITLE = r"(?P<title>[A-Z][^\s,;:()]*(?:\s+(?:[A-Z][^\s,;:()]*|of|and|&))*)"
_PROSE_JOBS = (
    # "5 years as a C/Pro*C Programmer", "3 years of experience as Sr. Systems Engineer"
    re.compile(_NUM + r"\s*\+?\s*(?:years?|yrs?)['’]?\s+(?:(?:of\s+)?(?:experience|tenure|work(?:ing)?)\s+)?"
               r"(?:as|in the role of)\s+(?:an?\s+|the\s+)?" + _PROSE_TITLE),
    # "served as Senior DBA for 5 years"
    re.compile(r"\bas\s+(?:an?\s+|the\s+)?" + _PROSE_TITLE + r"\s+(?:for|over)\s+" + _NUM + r"\s*\+?\s*(?:years?|yrs?)\b"),
)
_SENTENCE_BREAK = re.compile(r"(?<!\bSr)(?<!\bJr)(?<!\bSt)\.\s")
_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def prose_stints(doc: Document) -> tuple[Stint, ...]:
    """Jobs the experience sections state as a duration and a title instead of dates, in order of appearance."""
    found: list[tuple[int, Stint]] = []
    for sec in doc.sections:
        if sec.kind != "experience":
            continue
        body = doc.text[sec.start:sec.end]
        for rx in _PROSE_JOBS:
            for m in rx.finditer(body):
                n = m.group(1) if rx is _PROSE_JOBS[0] else m.group(m.lastindex or 0)
                years = int(_NUM_WORDS.get(n.lower(), 0) or n)
                title = _SENTENCE_BREAK.split(m.group("title"))[0]  # "Programmer. Successfully ..." ends at the stop
                title = re.sub(r"\s+(?:of|and|&)$", "", title.rstrip("."))
                words = tuple(dict.fromkeys(t for t, _, _ in terms(title)))
                if 0 < years <= 40 and words:
                    start = sec.start + m.start("title")
                    found.append((start, Stint(start=start, months=12 * years, terms=words)))
    return tuple(st for _, st in sorted(found, key=lambda x: x[0]))


def _scored_terms(doc: Document, checked: IntegrityResult) -> dict[str, int]:
    """First offset of each content word outside the text the integrity check keeps out of scoring."""
    if not checked.excluded:
        return first_offsets(doc.text)
    seen: dict[str, int] = {}
    for stem, start, _ in terms(doc.text):
        if stem not in seen and not checked.is_excluded(start):
            seen[stem] = start
    return seen
