"""A job description -> RoleProfile.

Skills under "Requirements"-like headings become must-haves, those under "Nice to have"
headings (or on a line saying "a plus") nice-to-haves; "A or B" on one line becomes an
any-of group. The profile comes from the title and the skills' categories, the layer
weights from the requirements' layers blended with the profile's defaults.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from stackfit.extract.degrees import DegreeAsk, degree_requirement, required_degree_text
from stackfit.extract.evidence import StrengthRules, breaks_as_spaces, default_strength_rules
from stackfit.extract.skills import Hit, SkillMatcher, default_matcher
from stackfit.extract.terms import load_term_rules, terms
from stackfit.models import LAYERS, PROFILES, Constraints, Document, OpenRequirement, Reason, RoleProfile, SkillSummary, Stage
from stackfit.policy import load_policy
from stackfit.role.brief import role_id
from stackfit.role.rules import RoleRules, load_role_rules
from stackfit.score.candidate import profile_votes, softmax

_TITLE_LABEL = re.compile(r"^\s*(?:job title|title|position|role)\s*:?\s*$", re.IGNORECASE)
_TITLE_PREFIX = re.compile(r"^\s*(?:job title|title|position|role)\s*[:\-–]\s*", re.IGNORECASE)
_HAS_OR = re.compile(r"\bor\b|/", re.IGNORECASE)
_PRAISE_COMMA = re.compile(r"\b([\w-]+)\s*,\s+(?=\w)")
_SEPARATOR = re.compile(r"^\s*(?:/|,|or|,\s*or|and/or|\(|\)|\s)*\s*$", re.IGNORECASE)


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


UNTITLED = "Untitled role"


def jd_title(doc: Document, rules: RoleRules | None = None) -> str:
    """The first line, without a "Title:" label; a bare "Job title" heading gives the line after it. A first
    line that is a section heading ("Job Summary") or a sentence is no title: the title is then where the text
    names the role ("We are seeking a Senior Java Developer to ..."), or "Untitled role"."""
    rules = rules or load_role_rules()
    label_only = False
    for start, line in _lines(doc.text):
        s = line.strip().strip("#*").strip().lstrip("-•").strip()  # "- Job title: X" as well
        if not s:
            continue
        if _TITLE_LABEL.match(s):
            label_only = True
            continue
        m = _TITLE_PREFIX.match(s)
        if label_only or m:
            return (s[m.end():] if m and not label_only else s)[:120]
        if _not_a_title(s, rules):
            return labelled_title(doc.text, rules) or title_in_text(doc.text, rules) or UNTITLED
        tail = None if rules.ends_in_title_head(s.split()) else _title_tail(doc.text, start + len(line), rules)
        if tail:  # a title wrapped in a large font: "Senior Machine Learning" / "Engineer, Recommendations"
            return f"{s} {tail}"[:120]
        if not _names_a_job(s, rules):  # a company or location line ("Acme Robotics", "Berlin, hybrid")
            return labelled_title(doc.text, rules) or title_in_text(doc.text, rules) or s[:120]
        return s[:120]
    return UNTITLED


def _title_tail(text: str, end: int, rules: RoleRules) -> str | None:
    """The line right after the first line (``end``: where that line ends) when it finishes a wrapped title: it
    starts with a job-title head word ("Engineer, Recommendations", "Scientist (NLP)"), which a title of its own
    rarely does, and is short."""
    nxt = text[end + 1:].split("\n", 1)[0].strip()
    words = nxt.split()
    if not words or len(words) > 6 or nxt.endswith("."):
        return None
    return nxt if rules.is_title_head(words[0].strip(",.:;()-–").lower()) else None


def labelled_title(text: str, rules: RoleRules, *, lines: int = 15) -> str | None:
    """A title given as a field further down ("Acme Corp" first, then "Position: Senior Data Engineer"), in the
    first non-empty ``lines``; only a value that ends in a job-title head word ("Role: you will own ..." is none)."""
    seen = 0
    for _, line in _lines(text):
        s = line.strip().strip("#*").strip().lstrip("-•").strip()
        if not s:
            continue
        seen += 1
        if seen > lines:
            break
        m = _TITLE_PREFIX.match(s)
        value = s[m.end():].strip(" *") if m else ""
        head = re.sub(r"\s*\([^)]*\)\s*$", "", value)  # "Backend Engineer (Go)"
        if head and len(value.split()) <= 10 and rules.ends_in_title_head(head.split()):
            return value[:120]
    return None


def _names_a_job(line: str, rules: RoleRules) -> bool:
    """Whether any word of a line is a job-title head word ("... Engineer, Inference Platform", "Data Scientist")."""
    return any(rules.is_title_head(w.strip(".'-")) for w in re.findall(r"[a-z][a-z+#.'-]*", line.lower()))


def _not_a_title(line: str, rules: RoleRules) -> bool:
    """A section heading ("Job Summary", "About the role", "Requirements") or a sentence."""
    words = line.rstrip(":").split()
    if len(words) > 14 or (len(words) > 6 and line.endswith(".")):
        return True
    rx = rules.jd
    s = line.rstrip(":").strip()
    if rx["untitled_first_line"].match(s):
        return True
    return len(words) <= 5 and any(rx[k].search(s) for k in ("required_headings", "nice_headings", "other_headings"))


def title_in_text(text: str, rules: RoleRules, *, within: int = 1500) -> str | None:
    """The role a job description names in its text ("seeking an experienced Technical Writer to ..." ->
    "Technical Writer", "A highly proficient Cost Estimator is needed to ..." -> "Cost Estimator"), without the
    praise words before it or a participle after it; None when it names none."""
    praise = {w.lower() for w in rules.data.jd.title_praise}
    # "a committed, detail-oriented Senior Firewall Engineer": praise words run on past their commas
    head = _PRAISE_COMMA.sub(lambda c: c.group(1) + " " if c.group(1).lower() in praise else c.group(0), text[:within])
    for m in rules.jd["title_in_text"].finditer(head):
        words = next((m.group(g) for g in ("title", "title2", "title3", "title4") if m.group(g)), "").split()
        praised = False
        while words and words[0].lower() in praise:
            words.pop(0)
            praised = True
        if not rules.ends_in_title_head(words):  # "Iron and Steel Worker" keeps its "and"; "developer skilled in" ends
            cut = next((i for i, w in enumerate(words) if w.lower() in praise), len(words))
            words = words[:cut]
        first_cap = next((i for i, w in enumerate(words) if any(ch.isupper() for ch in w)), 0)
        words = words[first_cap:]  # "technical Cisco Unified Communications Engineer": the name starts at its capital
        if words and words[-1].lower() in ("position", "role", "opening"):
            words.pop()
        for k in (1, 2):  # "Red Hat System Engineer focused on ...", "software developers familiar with ..."
            if (not rules.ends_in_title_head(words) and len(words) > k and all(w.islower() for w in words[-k:])
                    and rules.ends_in_title_head(words[:-k])):
                words = words[:-k]
                break
        dashes = [i for i, w in enumerate(words) if i and w in ("-", "–", "—") and rules.ends_in_title_head(words[:i])]
        if dashes and not rules.ends_in_title_head(words):  # "Senior Data Scientist - JP": the title before its qualifier
            words = words[: dashes[-1]]
        title = " ".join(words).strip(" -–—/&'\"")
        if not title or len(words) > 8 or rules.jd["title_not_role"].match(title) or not rules.ends_in_title_head(words):
            continue
        if (m.group("title") or m.group("title4")) and not (m.group("art") or m.group("art4") or praised) and not title[0].isupper():
            continue  # "looking for ways to ...", "Travel is required": no role
        return title[:120]
    return None


def _is_heading(line: str, rules: RoleRules) -> bool:
    s = line.strip()
    if s.startswith("#"):  # an indented Markdown heading ("\t## Required Skills") the Markdown reader kept as text
        s = s.lstrip("#").strip()
        return bool(s) and len(s) <= 80 and len(s.rstrip(":").split()) <= rules.data.jd.heading_max_words
    if not s or s.startswith(("-", "*", "•")) or len(s) > 80:
        return False
    words = s.rstrip(":").split()
    return len(words) <= rules.data.jd.heading_max_words and (s.endswith(":") or s.isupper() or s[0].isupper())


def _groups(line_hits: list[Hit], line: str, line_start: int) -> list[tuple[str, ...]]:
    """Chains of skills joined by "or" / "/" on one line."""
    if not _HAS_OR.search(line):
        return []
    groups: list[list[str]] = []
    for a, b in zip(line_hits, line_hits[1:], strict=False):
        between = line[a.end - line_start:b.start - line_start]
        if _SEPARATOR.match(between) and a.skill_id != b.skill_id:
            if groups and groups[-1][-1] == a.skill_id:
                groups[-1].append(b.skill_id)
            else:
                groups.append([a.skill_id, b.skill_id])
    return [tuple(dict.fromkeys(g)) for g in groups if len(set(g)) > 1]


def unwrapped(text: str, rules: RoleRules, wrap: StrengthRules | None = None) -> str:
    """The text with the line breaks inside a wrapped line read as spaces (same length, same offsets).

    A PDF, an e-mail or a plain-text job description breaks a requirement wherever its column ends
    ("- Hands-on experience with PyTorch or" / "  TensorFlow on large datasets"); read line by line, the any-of
    group, a skill split by the break ("data" / "quality checks") and a trailing "is a plus" are lost, and each
    half becomes a requirement of its own. A line continues the one before it by the resume statements' rule
    (``statements`` in ``data/evidence.yaml``: it starts in lower case, or the line before ends in a joining word
    or mark, or it starts with a number inside a bullet), never after a heading and never onto the first line
    (the title); a line that starts a bullet, a Markdown heading or a "Label:" section does not continue, nor
    does the next item of a one-per-line list that ends its items in commas."""
    wrap = wrap or default_strength_rules()
    lines = text.split("\n")
    width = max((len(line.rstrip()) for line in lines), default=0)  # the column a wrapped text fills
    cuts: list[int] = []  # offsets of the newlines read as spaces
    pos, before, in_bullet, closed, seen = 0, "", False, False, False
    for line in lines:
        s = line.strip()
        if (not closed and not s.startswith("#") and not _section_label(line, rules)
                and wrap.continues_line(before, line, in_bullet) and not _list_item_after(before, line, width, wrap)):
            cuts.append(pos - 1)
        else:
            in_bullet = bool(wrap.bullet.match(line))
            # the statement takes no continuation: the title (the first line), a heading
            closed = bool(s) and (not seen or s.startswith("#")
                                  or (_is_heading(line, rules) and not wrap.joins_after.search(line)))
            seen = seen or bool(s)
        before = line
        pos += len(line) + 1
    return breaks_as_spaces(text, cuts)


def _list_item_after(before: str, line: str, width: int, wrap: StrengthRules) -> bool:
    """A capitalised line after one that ends in a comma is the next item of a one-per-line list ("Interpersonal
    Skills," / "Patience,") unless the line before is full: its next word would not have fitted in the column
    (``width``, the longest line), so the break is the column's, not the writer's."""
    b = before.rstrip()
    if not b.endswith(",") or wrap.continues.match(line):
        return False
    word = line.split()[0] if line.split() else ""
    return len(b) + 1 + len(word) < _FULL_LINE * width


_FULL_LINE = 0.85  # a line whose next word reaches this share of the column was broken by the column (fonts vary)


def _section_label(line: str, rules: RoleRules) -> bool:
    """An inline section label that starts a section ("Nice to have: Ray, Triton", "Requirements:")."""
    label = _LABEL.match(line)
    if not label or len(label.group(1).split()) > rules.data.jd.heading_max_words:
        return False
    return any(rules.jd[k].search(label.group(1)) for k in ("required_headings", "nice_headings", "other_headings"))


def from_jd(doc: Document, *, matcher: SkillMatcher | None = None, rules: RoleRules | None = None) -> RoleProfile:
    rules = rules or load_role_rules()
    matcher = matcher or default_matcher()
    text = unwrapped(doc.text, rules)
    if text != doc.text:  # every stage below reads a wrapped requirement as one line
        doc = doc.model_copy(update={"text": text})
    policy = load_policy()
    rx = rules.jd
    tax = matcher.taxonomy
    title = jd_title(doc, rules)
    hits = matcher.find(doc.text)
    by_line: dict[int, list[Hit]] = {}
    lines = _lines(doc.text)
    starts = [s for s, _ in lines]
    for h in hits:
        i = bisect.bisect_right(starts, h.start) - 1
        by_line.setdefault(i, []).append(h)

    mode = "intro"
    seen_required = False
    placed: dict[str, str] = {}  # skill id -> required / nice / other (first, strongest placement wins)
    order: list[str] = []
    groups: list[tuple[str, ...]] = []
    rank = {"required": 0, "nice": 1, "other": 2, "intro": 2}
    binding: list[str] = []  # lines outside nice-to-have sections: what the role is, not what would be a plus
    open_lines: list[str] = []  # requirement lines naming no taxonomy skill
    degree_lines: list[tuple[str, DegreeAsk]] = []  # requirement lines naming a degree
    education = False  # under an "Education" heading or label
    for i, (start, line) in enumerate(lines):
        label = _LABEL.match(line)
        labelled = False  # the line is a section label followed by content: content, not a heading
        if label and len(label.group(1).split()) <= rules.data.jd.heading_max_words and _EDUCATION.search(label.group(1)):
            education = True  # "Education: Bachelor's in Physics"
        if label and len(label.group(1).split()) <= rules.data.jd.heading_max_words:
            # an inline section label ("Required Skills: a, b, c", "- Requirements:") starts that section;
            # what follows the colon is read as the section's first line
            head = label.group(1)
            new_mode = ("nice" if rx["nice_headings"].search(head) else "required" if rx["required_headings"].search(head)
                        else "other" if rx["other_headings"].search(head) else None)
            if new_mode is not None:
                mode = new_mode
                seen_required = seen_required or mode == "required"
                education = bool(_EDUCATION.search(head))
                if not label.group(2).strip():
                    continue
                labelled = True
        wanted = required_degree_text(line, rx["nice_line"])  # "BS in CS required, MS preferred": the BS part
        if (wanted is not None and mode != "nice" and (mode == "required" or education)
                and not (rx["min_years"].search(line) and _AS_TITLE.search(line))):  # "5 years as a High School Teacher"
            ask = degree_requirement(wanted)
            if ask is not None:  # "Bachelor's in Computer Science or related": a degree, not skills to show
                binding.append(wanted)
                degree_lines.append((wanted, ask))
                continue
        if not labelled and _is_heading(line, rules) and i not in by_line and not _short_requirement(line, mode, rx):
            education = bool(_EDUCATION.search(line))
            if rx["nice_headings"].search(line):
                mode = "nice"
            elif rx["required_headings"].search(line):
                mode, seen_required = "required", True
            elif rx["other_headings"].search(line):
                mode = "other"
            continue
        if mode != "nice" and not rx["nice_line"].search(line):
            binding.append(line)
        line_hits = by_line.get(i, [])
        if not line_hits:
            if mode == "required" and line.strip() and not rx["nice_line"].search(line):
                # a list of short items ("Critical Thinking, Active Listening, Time Management") is one
                # requirement per item, as a list of taxonomy skills is
                open_lines.extend(_short_items(line) or [line])
            continue
        if mode == "required" and not rx["nice_line"].search(line):
            # an enumeration mixing known and unknown skills ("Git, Subversion, DNS, Architecture"):
            # the items that name no taxonomy skill are requirements too
            open_lines.extend(_unknown_items(line, start, line_hits))
            if rx["min_years"].search(line) and _AS_TITLE.search(line):
                # "5 years as an Embedded Linux Engineer": years in a named job are a requirement of their own,
                # whatever skills the line names (its jobs' months are counted, as for a line naming none);
                # "4+ years building distributed systems" names no job and stays the role's minimum years
                open_lines.append(line)
        where = mode
        if where == "required" and rx["nice_line"].search(line):
            where = "nice"
        for h in line_hits:
            if h.skill_id not in placed:
                order.append(h.skill_id)
                placed[h.skill_id] = where
            elif rank[where] < rank[placed[h.skill_id]]:
                placed[h.skill_id] = where
        if where == "required" or (where in ("intro", "other")):
            for g in _groups(line_hits, line, start):
                if g not in groups:
                    groups.append(g)

    j = rules.data.jd
    if seen_required:
        must = [s for s in order if placed[s] == "required"]
        nice = [s for s in order if placed[s] != "required"]
    else:
        must = [s for s in order if placed[s] != "nice"]
        nice = [s for s in order if placed[s] == "nice"]
    counts = Counter(h.skill_id for h in hits)
    if len(must) > j.max_must_have:  # keep the most mentioned, in order of appearance
        keep = set(sorted(must, key=lambda s: (-counts[s], must.index(s)))[: j.max_must_have])
        nice = [s for s in must if s not in keep] + nice
        must = [s for s in must if s in keep]
    nice = nice[: j.max_nice_to_have]
    groups = [g for g in groups if any(s in must for s in g)]
    grouped = {s for g in groups for s in g}
    must += [s for s in dict.fromkeys(i for g in groups for i in g) if s not in must]  # in order, not a set's
    nice = [s for s in nice if s not in grouped]

    # profile: the title and the required skills vote
    fake = [
        SkillSummary(id=s, name=tax.skills[s].name, layer=tax.skills[s].layer, strength="used", mentions=counts[s],
                     value=0.65 if s in must else 0.3)
        for s in must + nice
    ]
    votes, why = profile_votes(fake, [], [], None if title == UNTITLED else title, False, tax, policy, head_is="title",
                               matcher=matcher)
    # a JD names the skills it needs, so less evidence decides: its free "other" vote is jd_other_base, not other_base
    # (a title that names no engineering job, "Technical Writer", still votes "other" on top)
    votes["other"] += policy.profiles.jd_other_base - policy.profiles.other_base
    fit = softmax(votes, policy.profiles.temperature)
    profile = max(PROFILES, key=lambda p: (fit[p], -PROFILES.index(p)))

    raw = dict.fromkeys(LAYERS, 0.0)
    for s in must:
        raw[tax.skills[s].layer] += 1.0
    for s in nice:
        raw[tax.skills[s].layer] += 0.4
    total = sum(raw.values())
    defaults = policy.profiles.get(profile).default_layers
    layers: dict[str, float] = {
        k: round(0.5 * defaults[k] + 0.5 * (raw[k] / total if total else defaults[k]), 3) for k in LAYERS  # type: ignore[index]
    }
    text = doc.text
    core = "\n".join(binding)  # constraints come from what the role is, not from its nice-to-haves
    constraints = {k: bool(rx[f"constraint.{k}"].search(core)) for k in ("edge", "real_time", "privacy")}
    # the stage whose wording occurs most; prototype or scaling need two mentions to beat production
    counts_stage = {st: len(rx[f"stage.{st}"].findall(text)) for st in ("production", "scaling", "prototype")}
    stage: Stage = "production"
    for st in ("scaling", "prototype"):
        if counts_stage[st] >= 2 and counts_stage[st] >= counts_stage[stage]:
            stage = st  # type: ignore[assignment]
    explicit = rx["explicit_stage"].search(text)  # "we are in the scaling stage" beats counting words
    if explicit:
        word = explicit.group(1).lower()
        stage = "prototype" if word.startswith("prototyp") or word == "mvp" else "scaling" if word.startswith("scal") else "production"
    n_train = len(rx["train_patterns"].findall(text))
    n_int = len(rx["integrate_patterns"].findall(text))
    trains = n_train > 0 and (n_train >= n_int or profile in ("ml_engineer", "research_engineer", "data_scientist"))

    pname = policy.profiles.get(profile).name
    reasons = [
        Reason(field="profile", text=f"{pname}: " + "; ".join(why.get(profile, [])[:4])),
        Reason(field="layers", text="layers of the required skills (nice-to-haves at 0.4) blended 50/50 with the "
                                    f"{pname} defaults"),
        Reason(field="must_have", text=("skills under requirement headings" if seen_required
                                        else "no requirements heading found: every skill outside nice-to-have sections")
               + ("; any-of groups: " + "; ".join(" or ".join(tax.skills[s].name for s in g) for g in groups) if groups else "")),
        Reason(field="stage", text=f"{stage}: " + (f"the text says '{explicit.group(0)}'" if explicit else
               "stage wording in the text (" + ", ".join(f"{k} {v}" for k, v in counts_stage.items()) + ")")),
    ]
    for k, v in constraints.items():
        if v:
            m = rx[f"constraint.{k}"].search(core)
            reasons.append(Reason(field="constraints", text=f"{k}: the text mentions '{m.group(0) if m else k}'"))
    reasons.append(Reason(field="trains_models", text=f"{'trains' if trains else 'integrates'} models "
                                                      f"({n_train} training vs {n_int} integration phrases)"))
    opens = open_requirements(open_lines, rx["min_years"]) + degree_requirements(degree_lines)
    min_years = _min_years("\n".join(binding), rx["min_years"])
    if opens:
        reasons.append(Reason(field="open_requirements", text=f"{len(opens)} requirement line(s) name no taxonomy skill: "
                                                              "matched by their words"))
    if min_years is not None:
        reasons.append(Reason(field="min_years", text=f"the text asks for at least {min_years:g} years"))
    return RoleProfile(
        id=role_id(title, doc.id), title=title, profile=profile, layers=layers, must_have=tuple(must),
        nice_to_have=tuple(nice), any_of=tuple(groups), constraints=Constraints(**constraints), stage=stage,
        trains_models=trains, source="jd", reasons=tuple(reasons), taxonomy_version=tax.version,
        open_requirements=opens, min_years=min_years,
        terms=tuple(dict.fromkeys(s for s, _, _ in terms("\n".join(binding)))),
    )


def _short_requirement(line: str, mode: str, rx: dict[str, re.Pattern[str]]) -> bool:
    """A short capitalised line under a requirements heading that names no section and does not end in
    ":" ("Critical Thinking,", "Skilled in VBScript") is a requirement, not a sub-heading; a Markdown
    heading ("## Education") or an emphasised one ("**Education:**") stays a heading."""
    s = line.strip()
    return (mode == "required" and not s.startswith("#") and not s.strip("*_ ").endswith(":") and not s.startswith("**")
            and not any(rx[k].search(line) for k in ("nice_headings", "required_headings", "other_headings"))
            and not (len(s.split()) <= 3 and _EDUCATION.search(s)))  # "Education", "Degrees": a heading


# "as an Embedded Linux Engineer", "as a SAP Technical Lead": years asked in a job named by its title
_AS_TITLE = re.compile(r"(?<!such )\b(?:as|in the role of)\s+(?:an?\s+|the\s+)?[A-Z]")

# "Required Skills: ...", "- **Requirements:**", "Responsibilities:" at the start of a line: (label, rest)
_LABEL = re.compile(r"^\s*(?:[-*•]\s+)?\**([A-Za-z][A-Za-z'’&/ -]{2,60}?)\**\s*:\**\s*(.*)$")


_ITEM_SPLIT = re.compile(r"\s*(?:[,;|•·]|\band\b|\bor\b|&)\s*", re.IGNORECASE)


def _unknown_items(line: str, line_start: int, hits: list[Hit]) -> list[str]:
    """Items of a comma/semicolon list on one line that contain no taxonomy skill (a line that is
    not a list gives nothing)."""
    body = line.split(":", 1)[1] if ":" in line[:60] else line
    offset = len(line) - len(body)
    parts, pos = [], 0
    for m in _ITEM_SPLIT.finditer(body):
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, len(body)))
    if sum(1 for a, b in parts if body[a:b].strip()) < 3 or "," not in body and ";" not in body:
        return []
    out = []
    for a, b in parts:
        item = body[a:b].strip(" .()-*")
        s, e = line_start + offset + a, line_start + offset + b
        if item and len(item.split()) <= 5 and not any(h.start < e and s < h.end for h in hits):
            out.append(item)
    return out


_LIST_SPLIT = re.compile(r"\s*[,;|•·]\s*")
_LEADING_AND = re.compile(r"^(?:and|or|&)\s+", re.IGNORECASE)


def _short_items(line: str) -> list[str]:
    """The items of a line that is a list of at least three short items (at most four words each, after an
    optional "Label:"), or nothing when the line is prose: "Knowledge of X, Y and Z in ..." stays one line."""
    body = line.split(":", 1)[1] if ":" in line[:60] else line
    items = [_LEADING_AND.sub("", p.strip(" .*-\t")) for p in _LIST_SPLIT.split(body)]
    items = [p for p in items if p]
    if len(items) < 3 or any(len(p.split()) > 4 for p in items):
        return []
    return items


_EDUCATION = re.compile(r"(?i)\beducation|\bdegrees?\b|\bacademic")


def degree_requirements(lines: list[tuple[str, DegreeAsk]]) -> tuple[OpenRequirement, ...]:
    """One requirement per line naming a degree: its level, fields and whether a related field or equivalent
    experience will do (``extract.degrees``); its terms are the line's content words."""
    out: list[OpenRequirement] = []
    for line, ask in lines:
        words = tuple(dict.fromkeys(s for s, _, _ in terms(line)))[: load_term_rules().max_terms_per_requirement]
        req = OpenRequirement(text=_MARKER.sub("", line).strip()[:160], terms=words, degree=ask.level, fields=ask.fields,
                              related=ask.related, equivalent=ask.equivalent)
        if words and req not in out:
            out.append(req)
    return tuple(out)


_MARKER = re.compile(r"^\s*(?:[-*•·]+|\d{1,2}[.)])?\s*(?:\*\*)?")

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _min_years(text: str, pattern: re.Pattern[str]) -> float | None:
    """The smallest "N years" the binding text asks for (ranges give their lower end); None if it names none."""
    found = []
    for m in pattern.finditer(text):
        word = m.group(1).lower()
        n = float(_NUMBER_WORDS.get(word, 0) or word)
        if 0 < n <= 30:
            found.append(n)
    return min(found) if found else None


def open_requirements(lines: list[str], years_rx: re.Pattern[str] | None = None) -> tuple[OpenRequirement, ...]:
    """Requirement lines without a taxonomy skill, each kept as its distinct content words (and the
    years it asks for: "at least 3 years as a baker")."""
    rules = load_term_rules()
    out: list[OpenRequirement] = []
    seen: set[tuple[str, ...]] = set()
    for line in lines:
        words = tuple(dict.fromkeys(s for s, _, _ in terms(line)))[: rules.max_terms_per_requirement]
        if not words or words in seen:
            continue
        seen.add(words)
        text = _MARKER.sub("", line).strip()  # "- ", "3. ", "• ": not "3 years ..."
        years = _min_years(line, years_rx) if years_rx is not None else None
        out.append(OpenRequirement(text=text[:160], terms=words, years=years))
        if len(out) >= rules.max_open_requirements:
            break
    return tuple(out)
