"""The question bank and interview rules: loaded, validated, cross-checked, and broad enough."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from stackfit.datafiles import load_yaml_model, package_data
from stackfit.errors import DataFileError
from stackfit.interview.bank import STAGES, BankFile, check_references, load_bank
from stackfit.taxonomy import load_taxonomy


def test_bank_has_at_least_150_questions_across_every_stage() -> None:
    bank = load_bank()
    per_stage = Counter(q.stage for q in bank)
    assert len(bank.questions) >= 150
    assert set(per_stage) == set(STAGES)
    assert min(per_stage.values()) >= 20


def test_every_question_has_a_full_behavioural_rubric_and_a_strong_answer() -> None:
    for q in load_bank():
        assert sorted(q.rubric) == [1, 2, 3, 4], q.id
        assert len(set(q.rubric.values())) == 4, f"{q.id}: rubric levels must differ"
        assert len(q.strong_answer) > 40, q.id
        assert q.prompt.rstrip().endswith(("?", "."))


def test_references_resolve() -> None:
    bank = load_bank()
    assert check_references(list(bank), bank.rules) == []
    cats = set(load_taxonomy().categories)
    assert all(set(q.categories) <= cats for q in bank)


@pytest.mark.parametrize("system", ["chatbot", "rag", "recommendation", "anomaly_detection", "high_scale_inference", "edge_deployment"])
def test_design_exercises_cover_the_guides_systems(system: str) -> None:
    assert any(system in q.systems for q in load_bank().stage("architecture")), system


@pytest.mark.parametrize("category", ["vector_db", "embeddings", "inference_optimization"])
def test_stage_two_topics_have_several_questions(category: str) -> None:
    assert sum(category in q.categories for q in load_bank().stage("stack")) >= 3


@pytest.mark.parametrize("signal", ["monitoring", "rollback", "drift_detection", "evaluation_pipelines", "production_deployment",
                                    "dataset_lifecycle"])
def test_production_topics_have_knowledge_and_experience_questions(signal: str) -> None:
    kinds = {q.kind for q in load_bank().stage("production") if signal in q.signals}
    assert {"knowledge", "experience"} <= kinds, signal


def test_every_flag_probe_can_find_questions() -> None:
    bank = load_bank()
    for fid, probe in bank.rules.kit.flag_probes.items():
        assert any(set(q.categories) & set(probe.categories) for q in bank.stage("stack")), fid


def test_broken_references_are_all_reported() -> None:
    bank = load_bank()
    qs = list(bank)
    bad = [qs[0].model_copy(update={"categories": ("no_such_category",)}),
           qs[1].model_copy(update={"signals": ("no_such_signal",)}), qs[2]]
    problems = check_references(bad + [qs[2]], bank.rules)
    assert any("no_such_category" in p for p in problems)
    assert any("no_such_signal" in p for p in problems)
    assert any("duplicate question id" in p for p in problems)


def test_a_bad_rubric_is_a_data_file_error_naming_the_entry(tmp_path: Path) -> None:
    src = (package_data("interview") / "production.yaml").read_text(encoding="utf-8")
    broken = src.replace("      4: Also a staged rollout", "      5: Also a staged rollout", 1)
    assert broken != src
    f = tmp_path / "production.yaml"
    f.write_text(broken, encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        load_yaml_model(f, BankFile)
    assert "rubric" in str(exc.value) and "questions.0" in str(exc.value)


def test_claim_templates_need_a_skill_placeholder(tmp_path: Path) -> None:
    f = tmp_path / "stack.yaml"
    f.write_text("""version: v
stage: stack
questions:
  - id: stack.x
    kind: claim
    layers: [model]
    prompt: Tell me about your work.
    strong_answer: A specific project and their own part in it.
    rubric: {1: a, 2: b, 3: c, 4: d}
""", encoding="utf-8")
    with pytest.raises(DataFileError, match="skill"):
        load_yaml_model(f, BankFile)


def test_bank_spans_layers_and_the_hiring_profiles() -> None:
    bank = load_bank()
    layers = Counter(layer for q in bank for layer in q.layers)
    assert min(layers[layer] for layer in ("data", "model", "deployment", "infrastructure")) >= 30
    profiles = Counter(p for q in bank for p in q.profiles)
    for p in ("llm_integration_engineer", "ml_engineer", "ai_infrastructure_engineer", "mlops_engineer", "data_scientist",
              "data_engineer", "research_engineer"):
        assert profiles[p] >= 15, p
