"""Every shipped data file loads, and every reference in it resolves (policy is data, so it is tested as data)."""

from __future__ import annotations

from collections import Counter

import pytest

from stackfit.models import LAYERS, PROFILES
from stackfit.policy import load_policy
from stackfit.role.rules import _names, load_role_rules
from stackfit.taxonomy import ci_aliases, load_taxonomy

TAX = load_taxonomy()


def test_taxonomy_size_and_layers():
    assert len(TAX.skills) >= 400
    per_layer = Counter(s.layer for s in TAX.skills.values())
    assert set(per_layer) == set(LAYERS)
    assert min(per_layer.values()) >= 40, per_layer


def test_taxonomy_version_and_attribution():
    assert TAX.version
    if any("onet" in s.sources for s in TAX.skills.values()):
        assert any("O*NET" in a for a in TAX.attribution)


def test_no_short_case_insensitive_alias():
    short = [(s.id, a) for s in TAX.skills.values() for a in s.aliases if len(a) < 3]
    assert not short, short


def test_every_category_is_used():
    used = {c for s in TAX.skills.values() for c in s.categories}
    assert not set(TAX.categories) - used, set(TAX.categories) - used


@pytest.mark.parametrize(
    "name",
    ["Python", "Pandas", "Spark", "Airflow", "SQL", "PyTorch", "TensorFlow", "scikit-learn", "Hugging Face", "Docker",
     "Kubernetes", "k8s", "FastAPI", "Triton Inference Server", "FAISS", "Weaviate", "Pinecone", "Redis"],
)
def test_guide_technologies_resolve(name):
    """The hiring guide's named technologies (Step 2) are all in the taxonomy."""
    assert TAX.resolve(name) is not None


def test_case_insensitive_forms_are_unique():
    owners: dict[str, set[str]] = {}
    for s in TAX.skills.values():
        for a in ci_aliases(s):
            owners.setdefault(a, set()).add(s.id)
    clashes = {a: ids for a, ids in owners.items() if len(ids) > 1}
    assert not clashes, clashes


def test_policy_references_resolve():
    policy = load_policy()  # raises DataFileError listing every broken reference
    assert policy.check_references() == []
    assert {p.id for p in policy.profiles.profiles} == set(PROFILES)
    assert set(policy.profiles.similarity) <= set(PROFILES)


def test_an_unknown_ai_category_is_reported():
    import dataclasses

    policy = load_policy()
    profiles = policy.profiles.model_copy(update={"ai_categories": (*policy.profiles.ai_categories, "ml_frameworks")})
    problems = dataclasses.replace(policy, profiles=profiles).check_references()
    assert problems == ["profiles.yaml ai_categories: unknown category 'ml_frameworks'"]


def test_role_rules_names_resolve():
    rules = load_role_rules()
    unresolved = [(where, n) for where, n in _names(rules.data) if TAX.resolve(n) is None]
    assert not unresolved, unresolved


def test_versions_are_recorded():
    v = load_policy().versions
    assert v.taxonomy == TAX.version and v.scorer.startswith("stackfit.scorer.") and len(v.fingerprint) == 16


def test_duplicate_ids_in_policy_files_are_reported():
    import dataclasses

    policy = load_policy()
    flags = policy.flags.model_copy(update={"flags": policy.flags.flags + policy.flags.flags[:1]})
    broken = dataclasses.replace(policy, flags=flags)
    problems = broken.check_references()
    assert any("flags.yaml flags: duplicate ids data_scientist_for_ml_role" in p for p in problems), problems


def test_signal_patterns_must_be_lower_case():
    """Signals run on lower-cased text, so a capital letter in a pattern would silently never match."""
    import dataclasses

    policy = load_policy()
    sig = policy.signals.signals[0]
    bad_pattern = sig.patterns[0].model_copy(update={"regex": r"\bDeployed\b"})
    bad_signal = sig.model_copy(update={"patterns": (bad_pattern,)})
    signals = policy.signals.model_copy(update={"signals": (bad_signal, *policy.signals.signals[1:])})
    problems = dataclasses.replace(policy, signals=signals).check_references()
    assert any("must be lower case" in p for p in problems), problems
    assert not any("must be lower case" in p for p in policy.check_references())  # \b, \d, \S escapes are fine


def test_an_unknown_title_skills_category_is_reported():
    import dataclasses

    policy = load_policy()
    profiles = policy.profiles.model_copy(update={"profiles": tuple(
        p.model_copy(update={"title_skills": ("web_backends",)}) if p.id == "software_engineer" else p
        for p in policy.profiles.profiles)})
    problems = dataclasses.replace(policy, profiles=profiles).check_references()
    assert problems == ["profiles.yaml software_engineer: unknown title_skills category 'web_backends'"]
