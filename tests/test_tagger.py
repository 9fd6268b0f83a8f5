"""The shipped SkillSpan tagger: loads from the package, finds skills in realistic sentences (taxonomy
ones normalised to ids, unknown ones kept open), offsets point into the text; the train script
rebuilds a model deterministically from a tiny synthetic data folder; the CoNLL loader."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from stackfit.errors import DataFileError, InputError
from stackfit.extract.tagger import SkillTagger, default_tagger, tag_spans, tag_text, tokenize, trim_span
from stackfit.extract.tagger_train import parse_conll

ROOT = Path(__file__).resolve().parents[1]


def found(text: str) -> dict[str, str | None]:
    out = {}
    for t in tag_text(text):
        assert text[t.start : t.end] == t.text
        out[t.text] = t.skill_id
    return out


def test_shipped_model_loads_from_the_package() -> None:
    tagger = default_tagger()
    assert tagger is default_tagger()  # cached
    assert tagger.model_path.name == "skill_tagger.crfsuite"
    assert tagger.model_path.stat().st_size < 5_000_000  # small enough to ship
    assert tagger.version.startswith("skillspan-crf")
    assert "SkillSpan" in tagger.meta["trained_on"]


def test_shipped_model_has_the_settings_the_cross_validations_use() -> None:
    # skillspan_cv_minilm trains its fold CRFs with DEFAULT_PARAMS; until skillspan-crf-2 the shipped model had
    # other settings, so every out-of-fold ensemble figure stood for a CRF that was not shipped
    from stackfit.extract.tagger_train import DEFAULT_PARAMS, MODEL_VERSION

    meta = default_tagger().meta
    assert meta["version"] == MODEL_VERSION
    assert {k: meta["params"][k] for k in DEFAULT_PARAMS} == DEFAULT_PARAMS


def test_finds_taxonomy_skills_with_ids() -> None:
    got = found("We run our microservices on Kubernetes and build the backend in Java with Spring Boot.")
    assert got.get("Kubernetes") == "orchestration.kubernetes"
    assert "Spring Boot" in got and got["Spring Boot"] is not None


def test_finds_a_skill_the_taxonomy_lacks() -> None:
    from stackfit.taxonomy import load_taxonomy

    text = "Experience with SAP FI/CO and ABAP development is a plus."
    got = found(text)
    open_skills = [k for k, v in got.items() if v is None]
    assert open_skills, got
    assert all(load_taxonomy().resolve(k) is None for k in open_skills)
    assert any("SAP" in k or "ABAP" in k for k in open_skills)


def test_offsets_across_lines() -> None:
    text = "Summary\nBuilt ETL pipelines with Apache Airflow and dbt.\n\nSkills: Terraform, Ansible, PostgreSQL"
    spans = tag_text(text)
    assert [text[t.start : t.end] for t in spans] == [t.text for t in spans]
    names = {t.text for t in spans}
    assert {"Terraform", "Ansible", "PostgreSQL"} <= names
    assert tag_text("") == []


def test_resume_section_headings_are_not_skills() -> None:
    text = "EDUCATION\nBSc Computer Science\n\nTECHNICAL SKILLS\nPython, Docker, Kubernetes\n"
    names = [t.text for t in tag_text(text)]
    assert "EDUCATION" not in names and "TECHNICAL SKILLS" not in names
    assert {"Python", "Docker", "Kubernetes"} <= set(names)


def test_resolve_skill_reads_hyphens_as_spaces() -> None:
    from stackfit.extract.tagger import resolve_skill

    assert resolve_skill("amazon-web-services") == resolve_skill("Amazon Web Services") == "cloud.aws"
    assert resolve_skill("Kubernetes") == "orchestration.kubernetes"
    assert resolve_skill("SAP FI/CO") is None


def test_tokenize_keeps_tech_names_whole() -> None:
    toks = [t for t, _, _ in tokenize("C++, C# and Node.js (CI/CD) on <ORGANIZATION>.")]
    assert toks == ["C++", ",", "C#", "and", "Node.js", "(", "CI/CD", ")", "on", "<ORGANIZATION>", "."]


def test_trim_span_drops_edge_punctuation() -> None:
    toks = ["(", "Python", ",", "C++", ")"]
    assert trim_span(toks, 0, 2) == (1, 2)
    assert trim_span(toks, 3, 5) == (3, 4)
    assert trim_span(toks, 4, 5) is None
    assert tag_spans(["O", "B", "I", "O", "I", "B"]) == [(1, 3), (4, 5), (5, 6)]


def test_trim_span_drops_edge_function_words() -> None:
    """A decoded span that runs into its list's conjunction loses it (spans.v2); inner words stay."""
    toks = "Strong SQL and Terraform or , the Ruby on Rails stack".split()
    assert trim_span(toks, 1, 3) == (1, 2)  # "SQL and" -> "SQL"
    assert trim_span(toks, 2, 5) == (3, 4)  # "and Terraform or" -> "Terraform"
    assert trim_span(toks, 4, 9) == (7, 8)  # "or , the Ruby on" -> "Ruby"
    assert trim_span(toks, 4, 10) == (7, 10)  # "Ruby on Rails" keeps its inner "on"
    assert trim_span(toks, 2, 3) is None  # a lone "and"
    assert trim_span(["AND", "Kafka"], 0, 2) == (1, 2)  # case-insensitive


def test_tagger_version_names_the_span_rules() -> None:
    from stackfit.extract.tagger import SPAN_RULES

    assert default_tagger().version == f"{default_tagger().model_version}/{SPAN_RULES}"


def test_missing_model_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="missing"):
        SkillTagger.load(tmp_path)


CONLL = """Senior\tO\tO
Data\tO\tO
Engineer\tO\tO

Experience\tO\tO
with\tO\tO
Apache\tO\tB
Spark\tO\tI
and\tO\tO
building\tB\tO
pipelines\tI\tO
.\tO\tO
"""


def test_conll_loader_reads_the_knowledge_layer() -> None:
    sents = parse_conll(CONLL)
    assert len(sents) == 2
    assert sents[0].tokens == ("Senior", "Data", "Engineer") and sents[0].spans() == []
    assert sents[1].spans() == [(2, 4)]
    assert parse_conll(CONLL, layer=1)[1].spans() == [(5, 7)]


def test_conll_loader_rejects_bad_lines() -> None:
    with pytest.raises(InputError, match="line 2"):
        parse_conll("a\tO\tO\nb\tO\n", source="x.conll")
    with pytest.raises(InputError, match="not BIO"):
        parse_conll("a\tO\tX\n")


def _tiny_data(root: Path) -> Path:
    lines = []
    for tool, other in [("Kafka", "Redis"), ("Docker", "Ansible"), ("Python", "Go"), ("Terraform", "AWS")] * 3:
        lines += [f"Experience\tO\tO\nwith\tO\tO\n{tool}\tO\tB\nand\tO\tO\n{other}\tO\tB\n.\tO\tO\n",
                  "We\tO\tO\noffer\tO\tO\na\tO\tO\ngreat\tO\tO\nteam\tO\tO\n.\tO\tO\n"]
    (root / "skillspan").mkdir(parents=True)
    (root / "skillspan" / "skillspan_tech_train.conll").write_text("\n".join(lines), encoding="utf-8")
    (root / "onet").mkdir()
    (root / "onet" / "Technology Skills.txt").write_text("O*NET-SOC Code\tExample\n15-1252.00\tApache Kafka\n15-1252.00\tDocker\n",
                                                         encoding="utf-8")
    (root / "esco").mkdir()
    (root / "esco" / "digitalSkillsCollection_en.csv").write_text('preferredLabel,altLabels\nPython,"python3 | py"\n', encoding="utf-8")
    (root / "linguist").mkdir()
    (root / "linguist" / "languages.json").write_text(json.dumps({"Python": {}, "Go": {}}), encoding="utf-8")
    return root


def test_train_script_rebuilds_a_working_model_deterministically(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_tagger
    finally:
        sys.path.pop(0)
    data = _tiny_data(tmp_path / "data")
    a, b = tmp_path / "a", tmp_path / "b"
    assert train_tagger.main(["--data", str(data), "--out", str(a), "--max-iterations", "30"]) == 0
    assert train_tagger.main(["--data", str(data), "--out", str(b), "--max-iterations", "30"]) == 0
    assert (a / "skill_tagger.crfsuite").read_bytes() == (b / "skill_tagger.crfsuite").read_bytes()
    assert (a / "skill_tagger.json").read_text() == (b / "skill_tagger.json").read_text()
    tagger = SkillTagger.load(a)
    assert tagger.meta["sentences"] == 24
    assert tagger.find("Experience with Docker and Redis.") != []


def test_cli_extract_tagger_lists_spans_and_the_model_version(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from stackfit.cli import app

    text = "Experience with SAP FI/CO, Kubernetes and Spring Boot is a plus."
    r = CliRunner().invoke(app, ["extract", "--jsonl", "--tagger"], input=json.dumps({"id": 2, "text": text}) + "\n")
    assert r.exit_code == 0, r.output
    rec = json.loads(r.output)
    assert rec["tagger"] == default_tagger().version
    tagged = {t["text"]: t["skill_id"] for t in rec["tagged"]}
    assert tagged["Kubernetes"] == "orchestration.kubernetes" and tagged["SAP FI/CO"] is None
    f = tmp_path / "cv.txt"
    f.write_text("Skills: Terraform, Ansible, PostgreSQL\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(f), "--tagger"])
    assert r.exit_code == 0, r.output
    assert f"tagger model: {default_tagger().version}" in r.output and "Terraform" in r.output
