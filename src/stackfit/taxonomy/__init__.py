"""The skills taxonomy: versioned YAML shipped in the package, validated on load."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from stackfit.datafiles import load_yaml_model, package_data
from stackfit.errors import DataFileError
from stackfit.taxonomy.schema import CategoryDef, SkillDef, SkillsFile, TaxonomyFile, TaxonomyIndex

__all__ = ["Taxonomy", "load_taxonomy", "SkillDef", "CategoryDef"]


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """Skills by id, with look-ups by alias and category."""

    version: str
    attribution: tuple[str, ...]
    categories: dict[str, CategoryDef]
    skills: dict[str, SkillDef]
    _by_alias: dict[str, str] = field(repr=False)
    _by_alias_cs: dict[str, str] = field(repr=False)

    @classmethod
    def from_file(cls, data: TaxonomyFile, source: str = "taxonomy.yaml") -> Taxonomy:
        problems: list[str] = []
        categories = {c.id: c for c in data.categories}
        skills: dict[str, SkillDef] = {}
        by_alias: dict[str, str] = {}
        by_alias_cs: dict[str, str] = {}
        for s in data.skills:
            if s.id in skills:
                problems.append(f"duplicate skill id {s.id}")
            skills[s.id] = s
            for c in s.categories:
                if c not in categories:
                    problems.append(f"{s.id}: unknown category {c!r}")
            for a in ci_aliases(s):
                other = by_alias.setdefault(a, s.id)
                if other != s.id:
                    problems.append(f"alias {a!r} belongs to both {other} and {s.id}")
            for a in s.aliases_cs:
                by_alias_cs.setdefault(a, s.id)
        for s in data.skills:
            for r in s.related:
                if r not in skills:
                    problems.append(f"{s.id}: related skill {r!r} does not exist")
        if problems:
            raise DataFileError(
                f"{len(problems)} problem(s) in the taxonomy: " + "; ".join(problems),
                hint="fix the listed entries in the taxonomy file",
                path=source,
            )
        return cls(data.version, data.attribution, categories, skills, by_alias, by_alias_cs)

    def resolve(self, name: str) -> str | None:
        """Skill id for an id, a name or an alias (case-insensitive unless only a case-sensitive alias fits)."""
        if name in self.skills:
            return name
        key = name.strip().casefold()
        hit = self._by_alias.get(key) or self._by_alias_cs.get(name.strip())
        if hit is None and len(key) > 3 and key.endswith("s"):  # "large language models", "AI agents"
            hit = self._by_alias.get(key[:-1]) or self._by_alias_cs.get(name.strip()[:-1])
        return hit

    def in_categories(self, skill_id: str, categories: Iterable[str]) -> bool:
        cats = self.category_sets[skill_id]
        return not cats.isdisjoint(categories)

    @cached_property
    def category_sets(self) -> dict[str, frozenset[str]]:
        return {i: frozenset(s.categories) for i, s in self.skills.items()}

    @cached_property
    def neighbours(self) -> dict[str, frozenset[str]]:
        """Related skills in both directions (A lists B, or B lists A)."""
        out: dict[str, set[str]] = {i: set(s.related) for i, s in self.skills.items()}
        for i, s in self.skills.items():
            for r in s.related:
                out[r].add(i)
        return {i: frozenset(v - {i}) for i, v in out.items()}


def ci_aliases(s: SkillDef) -> list[str]:
    """Case-insensitive surface forms of a skill: its aliases and, unless it is ambiguous, its name."""
    forms = [a.casefold() for a in s.aliases]
    if s.name not in s.aliases_cs:
        forms.append(s.name.casefold())
    return list(dict.fromkeys(f for f in forms if f.strip()))


DEFAULT_TAXONOMY = "taxonomy"


def read_taxonomy(folder: Path) -> TaxonomyFile:
    """Read ``index.yaml`` and every ``skills/*.yaml`` of a taxonomy folder (files in name order)."""
    index = load_yaml_model(folder / "index.yaml", TaxonomyIndex)
    skills: list[SkillDef] = []
    for f in sorted((folder / "skills").glob("*.yaml")):
        skills.extend(load_yaml_model(f, SkillsFile).skills)
    return TaxonomyFile(version=index.version, attribution=index.attribution, categories=index.categories,
                        skills=tuple(skills))


@cache
def load_taxonomy(path: str | None = None) -> Taxonomy:
    """Load and validate the taxonomy folder (the shipped one unless ``path`` is given); cached."""
    source = Path(path) if path else package_data(DEFAULT_TAXONOMY)
    return Taxonomy.from_file(read_taxonomy(source), str(source))
