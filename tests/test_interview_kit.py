"""Interview kits on the bundled sample roles and resumes: targeted, explained, deterministic."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from stackfit import services
from stackfit.datafiles import package_data
from stackfit.interview.bank import load_bank
from stackfit.interview.kit import build_kit
from stackfit.interview.models import Kit
from stackfit.interview.render import render_kit
from stackfit.models import Assessment, RoleProfile
from stackfit.score import assess

SAMPLES = package_data("samples")
AS_OF = date(2026, 11, 27)
ROLES = sorted(p.name for p in (SAMPLES / "roles").iterdir())


@cache
def role(name: str) -> RoleProfile:
    return services.load_role_file(SAMPLES / "roles" / name)


@cache
def assessment(role_name: str, resume: str) -> Assessment:
    return assess(services.profile_file(SAMPLES / "resumes" / resume, as_of=AS_OF), role(role_name))


def kit_for(role_name: str, resume: str | None = None) -> Kit:
    return build_kit(role(role_name), assessment(role_name, resume) if resume else None)


@pytest.mark.parametrize("role_name", ROLES)
def test_role_kit_has_three_stages_within_caps_each_question_explained(role_name: str) -> None:
    kit = kit_for(role_name)
    caps = load_bank().rules.kit.caps
    for stage, cap in caps.items():
        n = sum(q.stage == stage for q in kit.questions)
        assert 1 <= n <= cap, (stage, n)
    assert len({q.id for q in kit.questions}) == len(kit.questions)
    assert all(len(q.reason) > 20 for q in kit.questions)
    assert [q.stage for q in kit.questions] == sorted((q.stage for q in kit.questions), key=["architecture", "stack", "production"].index)


@pytest.mark.parametrize(("role_name", "exercise"), [
    ("rag_assistant.brief.yaml", "arch.rag_support_assistant"),
    ("inference_platform.jd.txt", "arch.high_scale_llm_inference"),
])
def test_design_exercise_is_chosen_for_the_role(role_name: str, exercise: str) -> None:
    first = kit_for(role_name).questions[0]
    assert first.id == exercise
    assert first.scenario and "Design exercise" in first.reason


def test_recommendation_roles_get_a_recommender_design_exercise() -> None:
    bank = load_bank()
    for name in ("ml_engineer_recsys.brief.yaml", "ml_engineer_recsys.jd.md"):
        arch = [q for q in kit_for(name).questions if q.stage == "architecture"]
        assert any("recommendation" in bank.get(q.question_id).systems for q in arch), name


def test_kits_are_deterministic() -> None:
    a = render_kit(kit_for("ml_engineer_recsys.jd.md", "lucas_moreau.txt"), "json")
    b = render_kit(build_kit(role("ml_engineer_recsys.jd.md"), assessment("ml_engineer_recsys.jd.md", "lucas_moreau.txt")), "json")
    assert a == b


def test_candidate_without_monitoring_evidence_gets_monitoring_and_rollback_probes() -> None:
    a = assessment("inference_platform.jd.txt", "noah_fischer.txt")
    states = {s.id: s.state for s in a.candidate.signals}
    assert states["monitoring"] == "unknown" and states["rollback"] == "unknown"
    kit = kit_for("inference_platform.jd.txt", "noah_fischer.txt")
    gaps = {q.target: q for q in kit.questions if q.stage == "production" and q.reason.startswith("Gap:")}
    assert {"monitoring", "rollback"} <= set(gaps)
    assert "monitoring" in gaps["monitoring"].signals and "rollback" in gaps["rollback"].signals


def test_candidate_with_monitoring_evidence_is_asked_to_verify_it_instead() -> None:
    kit = kit_for("inference_platform.jd.txt", "mei_lin_chen.pdf")
    mon = [q for q in kit.questions if q.target == "monitoring"]
    assert mon and mon[0].reason.startswith("Verify:") and mon[0].kind == "experience"


@pytest.mark.parametrize("resume", ["lucas_moreau.txt", "amara_okafor.md"])
def test_llm_only_candidate_for_ml_role_gets_model_layer_probes(resume: str) -> None:
    a = assessment("ml_engineer_recsys.jd.md", resume)
    assert "llm_not_ml" in {f.id for f in a.flags}
    kit = kit_for("ml_engineer_recsys.jd.md", resume)
    probes = [q for q in kit.questions if q.target == "llm_not_ml"]
    assert probes, [q.reason for q in kit.questions]
    bank = load_bank()
    assert all("model" in bank.get(q.question_id).layers for q in probes)
    assert "LLM experience taken for ML expertise" in probes[0].reason
    # the must-haves the resume never shows are probed too (PyTorch is one)
    assert any(q.target == "ml-frameworks.pytorch" and "missing" in q.reason for q in kit.questions)


def test_listed_but_never_used_must_haves_get_claim_probes_naming_the_skill() -> None:
    kit = kit_for("inference_platform.jd.txt", "noah_fischer.txt")
    claims = [q for q in kit.questions if q.question_id == "stack.claim_listed_skill"]
    assert len(claims) >= 3
    k8s = next(q for q in claims if q.target == "orchestration.kubernetes")
    assert k8s.id == "stack.claim_listed_skill#orchestration.kubernetes"
    assert "Kubernetes" in k8s.prompt and "{skill}" not in k8s.prompt + "".join(k8s.rubric.values())
    assert "only listed" in k8s.reason and "never shown in dated experience" in k8s.reason


def test_strongest_claim_is_verified_and_deployments_are_asked_about() -> None:
    kit = kit_for("rag_assistant.brief.yaml", "amara_okafor.md")
    verify = [q for q in kit.questions if q.question_id == "stack.claim_verify_strongest"]
    assert len(verify) == 1 and "Verify the strongest claim" in verify[0].reason
    assert "languages." not in (verify[0].target or "")  # a language is the least telling claim to verify
    deployed = next(q for q in kit.questions if q.question_id == "prod.last_model_deployed")
    assert "last model you deployed to production" in deployed.prompt
    assert deployed.reason.startswith("Verify:")


def test_caps_can_be_changed() -> None:
    kit = build_kit(role("rag_assistant.brief.yaml"), None, caps={"stack": 3, "architecture": 1})
    assert sum(q.stage == "stack" for q in kit.questions) == 3
    assert sum(q.stage == "architecture" for q in kit.questions) == 1


def test_renderings_carry_every_question_and_its_reason(tmp_path: Path) -> None:
    kit = kit_for("rag_assistant.brief.yaml", "fatima_haddad.html")
    md, html, js = (render_kit(kit, f) for f in ("md", "html", "json"))
    assert Kit.model_validate_json(js) == kit
    for q in kit.questions:
        assert f"`{q.id}`" in md and f'id="{q.id}"' in html
    assert md.count("*Why this question:*") == len(kit.questions)
    assert html.count("Why this question:") == len(kit.questions)
    assert "@media print" in html and "fatima_haddad.html" in html
    assert "<script" not in html


def test_guide_topics_use_their_core_questions_in_the_kind_the_evidence_calls_for() -> None:
    rag = {q.target: q.id for q in kit_for("rag_assistant.brief.yaml").questions}
    assert rag["vector_search"] == "stack.vector_index_choice"
    assert rag["embeddings_selection"] == "stack.embedding_model_selection"
    assert rag["inference_optimization"] == "stack.inference_latency_budget"
    gap = {q.target: q.id for q in kit_for("inference_platform.jd.txt", "noah_fischer.txt").questions}
    shown = {q.target: q.id for q in kit_for("inference_platform.jd.txt", "mei_lin_chen.pdf").questions}
    assert gap["monitoring"] == "prod.monitoring_strategy"  # no evidence: how would you do it
    assert shown["monitoring"] == "prod.monitoring_experience"  # evidence: tell me what happened
