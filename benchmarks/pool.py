"""Synthetic resume pools for benchmarks only (never for tests of judgement).

Resumes are assembled from varied templates and the shipped taxonomy: a headline, a summary,
2-4 dated jobs with action-verb bullets naming skills of the profile's categories, a skills
list and education. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from stackfit.policy import load_policy
from stackfit.taxonomy import load_taxonomy

FIRST = ["Ana", "Bo", "Chidi", "Dana", "Elif", "Femi", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nia",
         "Omar", "Priya", "Quinn", "Rafael", "Sara", "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zofia"]
LAST = ["Abara", "Borges", "Castillo", "Dlamini", "Eriksen", "Fujita", "Garcia", "Horvat", "Ibrahim", "Jansen",
        "Kowalski", "Lindqvist", "Mbeki", "Nguyen", "Okafor", "Petrov", "Quispe", "Rossi", "Santos", "Tanaka"]
COMPANIES = ["Northwind", "Acme Analytics", "Blue Harbor", "Quantive", "Lumen Labs", "Orbital Retail", "Kestrel Health",
             "Tidewater Bank", "Helix Robotics", "Cobalt Media", "Fjord Logistics", "Sunpath Energy"]
CITIES = ["Kraków, Poland", "Lisbon, Portugal", "Manila, Philippines", "Austin, TX", "Bogotá, Colombia", "Nairobi, Kenya",
          "Berlin, Germany", "Ho Chi Minh City, Vietnam", "Toronto, Canada", "Bangalore, India"]
VERBS = ["Built", "Designed", "Implemented", "Deployed", "Led", "Optimized", "Maintained", "Migrated", "Used", "Developed"]
RESULTS = ["reducing p95 latency by {n}%", "serving {n}k requests per day in production", "cutting cloud cost by {n}%",
           "improving accuracy by {n} points", "for {n} internal teams", "with monitoring and alerting", ""]
TEMPLATES = [
    "{verb} a {thing} with {s1} and {s2}, {result}.",
    "{verb} {s1}-based {thing} on {s2}; {result}.",
    "{verb} the {thing} using {s1}, {s2} and {s3}.",
    "Worked on the {thing} ({s1}, {s2}).",
]
THINGS = ["recommendation service", "data pipeline", "RAG assistant", "inference platform", "forecasting model",
          "feature store", "fraud classifier", "search backend", "training pipeline", "analytics dashboard", "web API"]


class PoolGenerator:
    def __init__(self, seed: int = 7) -> None:
        self.seed = seed
        tax = load_taxonomy()
        policy = load_policy()
        self.by_profile: dict[str, list[str]] = {}
        for p in policy.profiles.profiles:
            names = [s.name for s in tax.skills.values() if any(p.categories.get(c, 0) >= 0.5 for c in s.categories)]
            self.by_profile[p.id] = sorted(names) or sorted(s.name for s in tax.skills.values())[:50]
        self.titles = {p.id: p.name for p in policy.profiles.profiles}

    def resume(self, i: int) -> str:
        r = random.Random(self.seed * 1_000_003 + i)
        pid = r.choice(list(self.by_profile))
        skills = self.by_profile[pid]
        name = f"{r.choice(FIRST)} {r.choice(LAST)}"
        lines = [name, self.titles[pid], f"{name.split()[0].lower()}.{i}@example.com | +1-555-01{i % 100:02d} | {r.choice(CITIES)}",
                 "", "SUMMARY", f"{self.titles[pid]} with {r.randint(2, 12)} years of experience in {', '.join(r.sample(skills, 3))}.",
                 "", "EXPERIENCE"]
        year = 2026
        for _ in range(r.randint(2, 4)):
            start = year - r.randint(1, 4)
            end = "Present" if year == 2026 else f"{r.choice(['Jan', 'Mar', 'Jun', 'Sep'])} {year}"
            lines += [f"{self.titles[pid]} — {r.choice(COMPANIES)}", f"{r.choice(['Feb', 'Apr', 'Aug', 'Nov'])} {start} – {end}"]
            for _ in range(r.randint(3, 6)):
                s = r.sample(skills, 3)
                lines.append("- " + r.choice(TEMPLATES).format(
                    verb=r.choice(VERBS), thing=r.choice(THINGS), s1=s[0], s2=s[1], s3=s[2],
                    result=r.choice(RESULTS).format(n=r.randint(5, 60))).replace(", .", ".").replace("; .", "."))
            lines.append("")
            year = start
        lines += ["SKILLS", ", ".join(r.sample(skills, min(len(skills), r.randint(8, 20)))), "",
                  "EDUCATION", f"{r.choice(['BSc', 'MSc', 'PhD'])} Computer Science, Example University, {year - 1}"]
        return "\n".join(lines) + "\n"

    def write_text_pool(self, folder: Path, n: int) -> Iterator[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(n):
            p = folder / f"resume_{i:07d}.txt"
            p.write_text(self.resume(i), encoding="utf-8")
            yield p
