"""Schema and loader of ``data/roles.yaml``: how briefs and job descriptions become roles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from pydantic import BaseModel, ConfigDict

from stackfit.datafiles import load_yaml_model, package_data
from stackfit.errors import DataFileError
from stackfit.models import Layer, ProfileId, Stage
from stackfit.taxonomy import Taxonomy, load_taxonomy

# seniority and level words that end or open a title without naming a job ("Network Engineer 4", "Senior Engineer")
_LEVEL = re.compile(r"^(?:[ivx]+|\d+|sr\.?|senior|jr\.?|junior|level)$", re.IGNORECASE)
_RANK = re.compile(r"^(?:lead|principal|staff|chief|head|associate|assistant|senior|sr|junior|jr|level|[ivx]+|\d+)$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Modifier(Strict):
    """What one answer adds to a role."""

    must_have: tuple[str, ...] = ()
    nice_to_have: tuple[str, ...] = ()
    any_of: tuple[tuple[str, ...], ...] = ()
    layers: dict[Layer, float] = {}
    constraint: str | None = None
    vote: ProfileId | None = None


class SystemDef(Modifier):
    name: str
    profile: dict[str, ProfileId]  # keys: integrate, train
    must_have_integrate: tuple[str, ...] = ()
    must_have_train: tuple[str, ...] = ()


class JdRules(Strict):
    max_must_have: int
    max_nice_to_have: int
    heading_max_words: int
    required_headings: str
    nice_headings: str
    other_headings: str
    untitled_first_line: str
    title_in_text: str
    title_praise: tuple[str, ...]
    title_heads_extra: tuple[str, ...]
    title_not_role: str
    nice_line: str
    alternative_line: str
    train_patterns: str
    integrate_patterns: str
    explicit_stage: str
    min_years: str
    constraints: dict[str, str]
    stages: dict[Stage, str]


class RolesFile(Strict):
    version: str
    systems: dict[str, SystemDef]
    models: dict[str, Modifier]
    deployment: dict[str, Modifier]
    real_time: Modifier
    privacy_sensitive: Modifier
    stages: dict[Stage, Modifier]
    jd: JdRules


@dataclass(frozen=True)
class RoleRules:
    data: RolesFile
    taxonomy: Taxonomy

    def skill(self, name: str) -> str:
        sid = self.taxonomy.resolve(name)
        if sid is None:  # pragma: no cover - guarded by load_role_rules
            raise KeyError(name)
        return sid

    def skills(self, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.skill(n) for n in names))

    @cached_property
    def title_heads(self) -> frozenset[str]:
        """Words that end a job title: O*NET's (data/title_heads.txt) and roles.yaml's ``jd.title_heads_extra``."""
        lines = package_data("title_heads.txt").read_text(encoding="utf-8").splitlines()
        return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#")) | {
            w.lower() for w in self.data.jd.title_heads_extra}

    def is_title_head(self, word: str) -> bool:
        """Whether a lower-cased word (or its plural: "developers", "technologies") ends job titles."""
        heads = self.title_heads
        return word in heads or (word.endswith("ies") and word[:-3] + "y" in heads) or (word.endswith("s") and word[:-1] in heads)

    def ends_in_title_head(self, words: list[str]) -> bool:
        """Whether a title ends in a word that ends job titles ("... Technical Writer", "Network Engineer 4",
        "QE/Tester", "Developers"), not in "focus" or "stack"."""
        rest = list(words)
        while len(rest) > 1 and _LEVEL.match(rest[-1]):
            rest.pop()
        return bool(rest) and self.is_title_head(re.split(r"[/-]", rest[-1].lower())[-1].strip(".'\""))

    def names_a_specific_job(self, title: str) -> bool:
        """Whether a title names a job and more than its rank: "Audio Engineer", "MongoDB engineer", not "Senior
        Engineer" or "Worked as a PHP engineer in ..." (a sentence does not end in a head word)."""
        words = title.split()
        named = [w for w in re.findall(r"[a-z0-9][a-z0-9+#.'-]*", title.lower()) if not _RANK.match(w.strip(".'-"))]
        return len(named) > 1 and self.ends_in_title_head(words)

    @cached_property
    def jd(self) -> dict[str, re.Pattern[str]]:
        j = self.data.jd
        rx = {k: re.compile(getattr(j, k), re.IGNORECASE) for k in (
            "required_headings", "nice_headings", "other_headings", "nice_line", "alternative_line",
            "train_patterns", "integrate_patterns", "explicit_stage", "min_years", "untitled_first_line", "title_not_role")}
        rx["title_in_text"] = re.compile(j.title_in_text, re.IGNORECASE | re.MULTILINE)
        rx.update({f"constraint.{k}": re.compile(v, re.IGNORECASE) for k, v in j.constraints.items()})
        rx.update({f"stage.{k}": re.compile(v, re.IGNORECASE) for k, v in j.stages.items()})
        return rx


def _names(data: RolesFile) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []

    def mod(where: str, m: Modifier) -> None:
        for n in m.must_have + m.nice_to_have + tuple(x for g in m.any_of for x in g):
            out.append((where, n))
        if isinstance(m, SystemDef):
            out.extend((where, n) for n in m.must_have_integrate + m.must_have_train)

    for k, s in data.systems.items():
        mod(f"systems.{k}", s)
    for group, mods in (("models", data.models), ("deployment", data.deployment), ("stages", data.stages)):
        for k, m in mods.items():
            mod(f"{group}.{k}", m)
    mod("real_time", data.real_time)
    mod("privacy_sensitive", data.privacy_sensitive)
    return out


@cache
def load_role_rules() -> RoleRules:
    path = package_data("roles.yaml")
    data = load_yaml_model(path, RolesFile)
    taxonomy = load_taxonomy()
    bad = [f"{where}: {name!r}" for where, name in _names(data) if taxonomy.resolve(name) is None]
    for key in ("required_headings", "nice_headings", "other_headings", "nice_line", "alternative_line",
                "train_patterns", "integrate_patterns", "explicit_stage", "min_years", "untitled_first_line", "title_in_text",
                "title_not_role"):
        try:
            re.compile(getattr(data.jd, key))
        except re.error as exc:
            bad.append(f"jd.{key}: {exc}")
    if bad:
        raise DataFileError(
            f"{len(bad)} skill name(s) do not resolve in the taxonomy: " + "; ".join(bad),
            hint="use a taxonomy id, name or alias", path=str(path),
        )
    return RoleRules(data, taxonomy)
