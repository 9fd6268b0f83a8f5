"""The matcher on a small hand-made taxonomy: boundaries, case rules, longest match, offsets."""

import pytest

from stackfit.errors import DataFileError
from stackfit.extract.skills import SkillMatcher
from stackfit.taxonomy import Taxonomy
from stackfit.taxonomy.schema import CategoryDef, SkillDef, TaxonomyFile

CATS = (CategoryDef(id="x", name="X"),)


def make(*skills: SkillDef) -> Taxonomy:
    return Taxonomy.from_file(TaxonomyFile(version="t1", categories=CATS, skills=skills))


TAX = make(
    SkillDef(id="languages.go", name="Go", layer="deployment", categories=("x",), aliases=("golang",), aliases_cs=("Go",)),
    SkillDef(id="languages.cpp", name="C++", layer="deployment", categories=("x",), aliases=("cpp",)),
    SkillDef(id="languages.csharp", name="C#", layer="deployment", categories=("x",)),
    SkillDef(id="orchestration.kubernetes", name="Kubernetes", layer="deployment", categories=("x",), aliases=("k8s",)),
    SkillDef(id="big-data.spark", name="Apache Spark", layer="data", categories=("x",), aliases=("spark",)),
    SkillDef(id="big-data.spark-streaming", name="Spark Streaming", layer="data", categories=("x",)),
    SkillDef(id="web.node-js", name="Node.js", layer="deployment", categories=("x",), aliases=("nodejs",)),
    SkillDef(id="llm.llms", name="LLM", layer="model", categories=("x",), aliases=("large language model",)),
    SkillDef(id="rag.rag", name="Retrieval-augmented generation", layer="infrastructure", categories=("x",),
             aliases_cs=("RAG",)),
)
M = SkillMatcher(TAX)


def found(text: str) -> list[tuple[str, str]]:
    return [(h.skill_id, text[h.start:h.end]) for h in M.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deployed on K8S and kubernetes", [("orchestration.kubernetes", "K8S"), ("orchestration.kubernetes", "kubernetes")]),
        ("Services in Go and Golang", [("languages.go", "Go"), ("languages.go", "Golang")]),
        ("let's go to market", []),  # case-sensitive alias does not match the English word
        ("Wrote C++ and C# code", [("languages.cpp", "C++"), ("languages.csharp", "C#")]),
        ("Spark Streaming jobs", [("big-data.spark-streaming", "Spark Streaming")]),  # longest match wins
        ("sparkling water", []),  # no match inside a word
        ("APIs in Node.js.", [("web.node-js", "Node.js")]),  # sentence period is a boundary
        ("Fine-tuned LLMs for RAG", [("llm.llms", "LLMs"), ("rag.rag", "RAG")]),  # plural accepted
        ("a drag and drop", []),
        ("kubernetes-native", [("orchestration.kubernetes", "kubernetes")]),
    ],
)
def test_matches(text, expected):
    assert found(text) == expected


def test_offsets_survive_case_folding_that_changes_length():
    text = "İstanbul team, Kubernetes"  # 'İ'.lower() is two characters
    hits = M.find(text)
    assert [text[h.start:h.end] for h in hits] == ["Kubernetes"]


def test_extract_groups_mentions_per_skill():
    out = M.extract("k8s here, Kubernetes there")
    assert len(out) == 1 and out[0].id == "orchestration.kubernetes"
    assert [(m.start, m.end, m.text) for m in out[0].mentions] == [(0, 3, "k8s"), (10, 20, "Kubernetes")]


def test_alias_collision_is_reported_with_both_ids():
    with pytest.raises(DataFileError) as err:
        make(
            SkillDef(id="a.one", name="One", layer="data", categories=("x",), aliases=("same",)),
            SkillDef(id="a.two", name="Two", layer="data", categories=("x",), aliases=("same",)),
        )
    assert "a.one" in str(err.value) and "a.two" in str(err.value)


def test_unknown_category_and_related_are_reported_together():
    with pytest.raises(DataFileError) as err:
        make(SkillDef(id="a.one", name="One", layer="data", categories=("nope",), related=("a.missing",)))
    msg = str(err.value)
    assert "unknown category 'nope'" in msg and "a.missing" in msg
