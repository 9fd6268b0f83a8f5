"""Schemas of the taxonomy file (``data/taxonomy.yaml``), validated on load."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from stackfit.models import Layer

SKILL_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:[-_][a-z0-9]+)*$")
CATEGORY_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CategoryDef(Strict):
    id: str
    name: str
    description: str = ""

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not CATEGORY_ID.match(v):
            raise ValueError(f"category id {v!r} must be snake_case")
        return v


class SkillDef(Strict):
    """One technical skill.

    ``aliases`` match case-insensitively on word boundaries; ``aliases_cs`` match only
    with the exact case written (for short or ambiguous names such as "Go" or "R").
    ``related`` lists skills that give partial credit for this one when it is required
    (TensorFlow for PyTorch, Qdrant for Pinecone).
    """

    id: str
    name: str
    layer: Layer
    categories: tuple[str, ...] = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    aliases_cs: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not SKILL_ID.match(v):
            raise ValueError(f"skill id {v!r} must look like 'group.slug' (lowercase, digits, '-')")
        return v


class TaxonomyIndex(Strict):
    """``taxonomy/index.yaml``: version, attribution and the category vocabulary."""

    version: str
    attribution: tuple[str, ...] = ()
    categories: tuple[CategoryDef, ...]


class SkillsFile(Strict):
    """``taxonomy/skills/<area>.yaml``: the skills of one area."""

    skills: tuple[SkillDef, ...]


class TaxonomyFile(TaxonomyIndex):
    skills: tuple[SkillDef, ...]
