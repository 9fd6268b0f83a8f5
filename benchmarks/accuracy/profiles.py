"""Profiling accuracy: the profile stackfit infers for a job description and for a resume, against
labels that come from the data itself.

Labels: RJDB job titles, mapped to stackfit's profile vocabulary by the title rules below, written
from the vocabulary's definitions, not from stackfit's output. Three labelled sets:

- job descriptions: the "## Job title" line is the label and is removed before stackfit reads the JD;
- matched resumes: the resume written for a job carries that job's label (stackfit reads the whole
  resume, its own job titles included);
- resumes by their own current title: the first job of a resume's Experience section gives the label
  and its title is replaced by a neutral word before stackfit reads the resume (dates and earlier jobs
  stay). This covers the 150 RJDB rows whose job description has no title line too.

A fourth set comes from real job postings: the SkillSpan TECH postings (StackOverflow job ads, MIT). A
posting's first sentence is its title: the same rules label it and it is removed before stackfit reads the
rest. Postings from SkillSpan's train split form this set's development half, those of its dev split its
held-out half.

Honest protocol: every row goes to a development or a held-out half by a hash of its job description
(the row has no id of its own), fixed before any change was made. Develop on `dev` only; report both.
Macro-F1 is given over every profile present (few-example classes make it noisy) and over the profiles
with at least 5 examples in the half.

    python -m benchmarks.accuracy.profiles [--data ../shared/data] [--json OUT] [--errors N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.accuracy.data import SKILLSPAN_POSTING_FIELDS, jsonl_rows, rjdb_rows
from benchmarks.accuracy.metrics import Classification, classification
from stackfit.datafiles import RJDB_TEST, require_public_data, run_script

AS_OF = date(2024, 1, 1)  # RJDB resumes run to 2023
HALVES = ("dev", "held-out")
MIN_SUPPORT = 5

# First matching rule wins. A title names the job; anything not an AI, data or software job is "other".
# Rule changes since the first version (each from the vocabulary, none from stackfit's output): a technical
# writer documents software and does not build it ("Technical Writer - iOS/Android" was software_engineer,
# "Technical Writer- Hadoop" data_engineer); "software" in a business analyst's or an implementation
# consultant's title does not make them a developer ("Software Business Analyst" was software_engineer).
TITLE_RULES: tuple[tuple[str, str], ...] = (
    ("other", r"\btechnical writer\b"),
    ("llm_integration_engineer", r"\b(llm|genai|generative ai|prompt engineer|conversational ai)\b"),
    ("mlops_engineer", r"\bmlops\b|\bml platform\b"),
    ("ai_infrastructure_engineer", r"\b(ai infrastructure|inference platform|gpu)\b"),
    ("ml_engineer", r"\b(machine learning|ml engineer|deep learning|computer vision|nlp engineer)\b"),
    ("research_engineer", r"\b(research scientist|research engineer|computer and information research scientist)\b"),
    ("data_scientist", r"\bdata scien"),
    ("data_engineer", r"\b(data engineer|etl|data warehouse|big data|hadoop|spark developer|data architect|dba|database)\b"),
    ("data_analyst", r"\b(data analyst|business intelligence|bi developer|tableau|analytics|reporting analyst)\b"),
    ("other", r"\b(business analyst|implementation consultant)\b"),
    ("software_engineer", r"\b(software|developer|programmer|full stack|front[- ]?end|back[- ]?end|web developer|ui developer"
                          r"|ui lead|java|\.net|c#|c\+\+|php|python|node\.js|ios|android|mobile application|sdet|devops"
                          r"|site reliability|cloud engineer|application engineer)\b"),
)
_RULES = [(p, re.compile(rx, re.IGNORECASE)) for p, rx in TITLE_RULES]
_TITLE = re.compile(r"##\s*Job title\s*\n+\s*(?P<title>[^\n]+)\n?", re.IGNORECASE)
_EXPERIENCE = re.compile(r"^\W*experiences?\W*$", re.IGNORECASE | re.MULTILINE)
_DATES = re.compile(r"[\(\[]?\s*(?:\w+\.?\s+)?(?:19|20)\d\d\s*(?:[-–—]|to)\s*(?:(?:\w+\.?\s+)?(?:19|20)\d\d|present|current|now)"
                    r"\s*[\)\]]?", re.IGNORECASE)
_LEAD = re.compile(r"^[\s\-*•]*(?:\d+[.)]\s*)?[\s\"'*_“]*")
UNREADABLE: list[int] = []  # rows whose resume the markdown parser found empty (predicted "other")
NEUTRAL = "Position"  # what replaces a removed title: a word no profile's title pattern matches


def label(title: str) -> str:
    return next((p for p, rx in _RULES if rx.search(title)), "other")


def half(jd: str) -> str:
    """The half a row belongs to: a hash of its job description, so it never depends on file order."""
    return HALVES[hashlib.sha256(jd.encode("utf-8")).digest()[0] % 2]


def current_title(resume: str) -> tuple[str, int, int] | None:
    """(title, start, end) of the first job under the resume's Experience heading: the line's text
    without list markers, dates, quotes and "at Company"."""
    m = _EXPERIENCE.search(resume)
    if not m:
        return None
    pos = m.end()
    for line in resume[pos:].split("\n"):
        start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            return None
        lead = _LEAD.match(line)
        a = lead.end() if lead else 0
        d = _DATES.search(line, a)
        b = d.start() if d else len(line)
        title = line[a:b].strip(" -–—,:|\"'")
        title = re.split(r"\s+(?:at|@)\s+", title, maxsplit=1)[0].strip(" -–—,:|\"'")
        if not title or len(title) > 120:
            return None
        s = start + line.index(title, a)
        return title, s, s + len(title)
    return None


@dataclass(frozen=True)
class Row:
    half: str
    jd_label: str | None  # None: the job description has no title line
    jd: str  # without its title line
    resume: str
    own_label: str | None  # from the resume's current title; None when it has none
    resume_untitled: str  # the resume with its current title replaced by NEUTRAL


def load(data: Path) -> list[Row]:
    out = []
    for r in rjdb_rows(data):
        jd, resume = r["Job-Description"], r["Resume-matched"]
        if not resume.strip():
            continue
        m = _TITLE.search(jd)
        jd_label = label(m.group("title")) if m else None
        jd_body = jd[: m.start()] + jd[m.end():] if m else jd
        ct = current_title(resume)
        own = label(ct[0]) if ct else None
        untitled = resume[: ct[1]] + NEUTRAL + resume[ct[2]:] if ct else resume
        out.append(Row(half(jd), jd_label, jd_body, resume, own, untitled))
    return out


def load_postings(data: Path) -> list[tuple[str, str, str]]:
    """(half, label, text) of each SkillSpan TECH posting: its first sentence is the title (the label's source,
    left out of the text); the other sentences, one per line, are the text."""
    out = []
    for split, which in (("train", "dev"), ("dev", "held-out")):
        posts: dict[int, list[str]] = {}
        for r in jsonl_rows(data / "skillspan" / f"{split}.json", SKILLSPAN_POSTING_FIELDS, f"SkillSpan's {split}.json"):
            if r["source"] == "tech":
                posts.setdefault(r["idx"], []).append(" ".join(map(str, r["tokens"])))
        for sentences in posts.values():
            if len(sentences) > 1:
                out.append((which, label(sentences[0]), "\n".join(sentences[1:])))
    return out


@dataclass(frozen=True)
class Task:
    name: str
    gold: list[str]
    pred: list[str]
    halves: list[str]
    texts: list[str]

    def result(self, which: str) -> tuple[Classification, list[str]]:
        """The classification of one half ("all": both) and its confusion matrix's column labels."""
        idx = [i for i, h in enumerate(self.halves) if which in ("all", h)]
        gold, pred = [self.gold[i] for i in idx], [self.pred[i] for i in idx]
        c = classification(gold, pred)
        return c, list(c.labels) + sorted(set(pred) - set(c.labels))


def run(rows: list[Row], postings: list[tuple[str, str, str]] | None = None) -> list[Task]:
    from stackfit.errors import EmptyDocumentError
    from stackfit.parse import parse_text
    from stackfit.role.jd import from_jd
    from stackfit.score.candidate import profile_document

    def jd_profile(i: int, text: str, media: str = "text/markdown") -> str:
        return from_jd(parse_text(text, f"jd{i}.md" if media == "text/markdown" else f"jd{i}.txt", media)).profile

    def resume_profile(i: int, text: str) -> str:
        try:
            doc = parse_text(text, f"r{i}.md", "text/markdown")
        except EmptyDocumentError:  # a resume wrapped in "---" lines reads as front matter only: nothing to profile
            UNREADABLE.append(i)
            return "other"
        return profile_document(doc, as_of=AS_OF).profile

    titled = [(i, r) for i, r in enumerate(rows) if r.jd_label is not None]
    own = [(i, r) for i, r in enumerate(rows) if r.own_label is not None]
    return [
        Task("job descriptions (title removed)", [r.jd_label or "" for _, r in titled],
             [jd_profile(i, r.jd) for i, r in titled], [r.half for _, r in titled], [r.jd for _, r in titled]),
        Task("matched resumes (their job's label)", [r.jd_label or "" for _, r in titled],
             [resume_profile(i, r.resume) for i, r in titled], [r.half for _, r in titled], [r.resume for _, r in titled]),
        Task("resumes (own current title, removed)", [r.own_label or "" for _, r in own],
             [resume_profile(i, r.resume_untitled) for i, r in own], [r.half for _, r in own], [r.resume_untitled for _, r in own]),
    ] + ([Task("SkillSpan TECH postings (title removed)", [g for _, g, _ in postings],
               [jd_profile(i, t, "text/plain") for i, (_, _, t) in enumerate(postings)], [h for h, _, _ in postings],
               [t for _, _, t in postings])] if postings else [])


def macro_f1_min(c: Classification, n: int = MIN_SUPPORT) -> tuple[float, int]:
    """Macro-F1 over the profiles with at least ``n`` gold examples, and how many there are."""
    f1s = [prf.f1 for prf in c.per_label.values() if prf.gold >= n]
    return (sum(f1s) / len(f1s) if f1s else 0.0), len(f1s)


def render(name: str, c: Classification, cols: list[str]) -> str:
    m5, k5 = macro_f1_min(c)
    lines = [f"**{name}**: {sum(p.gold for p in c.per_label.values())} examples; accuracy {c.accuracy:.3f}, "
             f"macro-F1 {c.macro_f1:.3f} over the {len(c.labels)} profiles present, {m5:.3f} over the {k5} with ≥ {MIN_SUPPORT} examples",
             "", "| profile | n | precision | recall | F1 |", "|---|---:|---:|---:|---:|"]
    for lab, prf in c.per_label.items():
        lines.append(f"| {lab} | {prf.gold} | {prf.precision:.2f} | {prf.recall:.2f} | {prf.f1:.2f} |")
    lines += ["", "confusion (rows: gold, columns: predicted)", "",
              "| gold \\ predicted | " + " | ".join(_short(x) for x in cols) + " |", "|---|" + "---:|" * len(cols)]
    for lab, row in zip(c.labels, c.confusion, strict=True):
        lines.append(f"| {lab} | " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)


_SHORT = {"llm_integration_engineer": "llm_int", "ml_engineer": "ml_eng", "ai_infrastructure_engineer": "ai_infra",
          "mlops_engineer": "mlops", "data_scientist": "data_sci", "data_engineer": "data_eng", "data_analyst": "data_an",
          "research_engineer": "research", "software_engineer": "software", "other": "other"}


def _short(p: str) -> str:
    return _SHORT.get(p, p)


def errors(task: Task, which: str, n: int) -> str:
    """Up to ``n`` misclassified examples of each (gold, predicted) pair, in ``which`` half."""
    by: dict[tuple[str, str], list[int]] = {}
    for i, (g, p, h) in enumerate(zip(task.gold, task.pred, task.halves, strict=True)):
        if g != p and h == which:
            by.setdefault((g, p), []).append(i)
    out = []
    for (g, p), idx in sorted(by.items(), key=lambda kv: -len(kv[1])):
        out.append(f"### {task.name}: gold {g} -> predicted {p} ({len(idx)})")
        for i in idx[:n]:
            out.append("    " + " ".join(task.texts[i].split())[:400])
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--errors", type=int, default=0, help="print up to N misclassified dev examples per confusion")
    args = ap.parse_args(argv)
    require_public_data(args.data, RJDB_TEST)
    rows = load(args.data)
    sizes = Counter(r.half for r in rows)
    print(f"RJDB test: {len(rows)} rows ({sizes['dev']} dev, {sizes['held-out']} held-out); "
          f"job-title labels: {dict(Counter(r.jd_label for r in rows if r.jd_label))}; "
          f"own-title labels: {dict(Counter(r.own_label for r in rows if r.own_label))}; {platform.machine()}")
    postings = load_postings(args.data) if (args.data / "skillspan" / "train.json").exists() else []
    if postings:
        print(f"SkillSpan TECH postings: {len(postings)} ({Counter(h for h, _, _ in postings)}); "
              f"title labels: {dict(Counter(g for _, g, _ in postings))}")
    tasks = run(rows, postings)
    if UNREADABLE:
        print(f"{len(set(UNREADABLE))} resume(s) read as empty by the markdown parser (rows {sorted(set(UNREADABLE))}): predicted 'other'")
    results: dict[str, dict[str, object]] = {}
    for t in tasks:
        results[t.name] = {}
        for which in HALVES:
            c, cols = t.result(which)
            print("\n" + render(f"{t.name}, {which}", c, cols))
            m5, k5 = macro_f1_min(c)
            results[t.name][which] = {**c.as_dict(), "macro_f1_min5": round(m5, 4), "profiles_min5": k5}
        c, _ = t.result("all")
        m5, k5 = macro_f1_min(c)
        results[t.name]["all"] = {**c.as_dict(), "macro_f1_min5": round(m5, 4), "profiles_min5": k5}
        print(f"\n{t.name}, both halves: accuracy {c.accuracy:.3f}, macro-F1 {c.macro_f1:.3f} ({len(c.labels)} profiles), "
              f"{m5:.3f} over the {k5} with ≥ {MIN_SUPPORT} examples")
    if args.errors:
        for t in tasks:
            print("\n" + errors(t, "dev", args.errors))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"dataset": "rjdb/test.jsonl; skillspan/{train,dev}.json (TECH postings)",
                                         "date": date.today().isoformat(), "machine": platform.machine(),
                                         "title_rules": dict(TITLE_RULES), "split": "sha256(job description)[0] % 2: even dev, odd held-out",
                                         "results": results}, indent=2))


if __name__ == "__main__":
    sys.exit(run_script(main))
