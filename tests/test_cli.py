"""Behaviour of the ``stackfit`` command line, run in-process with typer's CliRunner.

The JSON shapes checked here (``extract --jsonl``, ``profile --json``, ``role ... --json``,
``screen --json`` and ranking.json/csv) are a machine-readable interface other tools depend on.
typer's CliRunner keeps stdout and stderr apart: ``result.stdout`` / ``result.stderr``
(``result.output`` is both, interleaved).
"""

from __future__ import annotations

import csv
import itertools
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html
from typer.testing import CliRunner

from stackfit.cli import app
from stackfit.datafiles import package_data
from stackfit.models import LAYERS, PROFILES
from stackfit.parse import parse_file
from stackfit.report import CSV_FIELDS
from stackfit.role.rules import load_role_rules
from stackfit.store import Workspace
from stackfit.taxonomy import load_taxonomy

AS_OF = "2026-11-27"
SAMPLES = package_data("samples")
RESUMES = SAMPLES / "resumes"
ROLES = SAMPLES / "roles"
EXPECTED = yaml.safe_load((SAMPLES / "expected.yaml").read_text(encoding="utf-8"))
RAG = ROLES / "rag_assistant.brief.yaml"
N_SAMPLES = len(list(RESUMES.iterdir()))


def cli(*args: object, input: str | None = None, code: int | None = 0):
    """Run the CLI; it must never crash with a traceback, whatever the exit code."""
    result = CliRunner().invoke(app, [str(a) for a in args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}\n{result.output}")
    assert "Traceback" not in result.output
    if code is not None:
        assert result.exit_code == code, f"exit {result.exit_code}, expected {code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    return result


def screen(role: Path, *paths: Path, tmp: Path, db: str = "ws.db", out: str = "out", workers: int = 1, extra=(), code: int | None = 0):
    return cli("screen", role, *paths, "--db", tmp / db, "--out", tmp / out, "--as-of", AS_OF, "--workers", workers, *extra, code=code)


def copy_samples(dest: Path, *names: str) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for n in names:
        shutil.copyfile(RESUMES / n, dest / n)
    return dest


def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


# --------------------------------------------------------------------------- extract --jsonl


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_extract_jsonl_shape_and_offsets() -> None:
    texts = [
        "Ran k8s clusters and trained PyTorch models; built RAG with LangChain + pgvector.",
        "Straße İstanbul 🚀 — KUBERNETES, Docker and the OpenAI API, fine-tuned LLMs.",
        "Python, SQL, Go and C++ in production since 2019.",
    ]
    r = cli("extract", "--jsonl", input=jsonl(*({"id": i, "text": t} for i, t in enumerate(texts))))
    lines = r.stdout.splitlines()
    assert len(lines) == len(texts)
    tax = load_taxonomy()
    for i, (line, text) in enumerate(zip(lines, texts, strict=True)):
        rec = json.loads(line)
        assert set(rec) == {"id", "skills"} and rec["id"] == i
        assert rec["skills"], text
        for s in rec["skills"]:
            assert set(s) == {"id", "name", "layer", "mentions"}
            assert s["id"] in tax.skills and s["name"] == tax.skills[s["id"]].name
            assert s["layer"] in LAYERS
            assert s["mentions"]
            for m in s["mentions"]:
                assert set(m) == {"start", "end", "text"}
                assert text[m["start"]:m["end"]] == m["text"]
    assert r.stderr == ""


@pytest.mark.parametrize(
    ("text", "skill_id", "surface"),
    [
        ("I run k8s clusters", "orchestration.kubernetes", "k8s"),
        ("Kubernetes (EKS)", "orchestration.kubernetes", "Kubernetes"),
        ("Built pipelines with pgvector", "vector-databases.pgvector", "pgvector"),
        ("Served models with vLLM", "llm-serving.vllm", "vLLM"),
    ],
)
def test_extract_jsonl_resolves_aliases(text: str, skill_id: str, surface: str) -> None:
    rec = json.loads(cli("extract", "--jsonl", input=jsonl({"id": "x", "text": text})).stdout)
    found = {s["id"]: s for s in rec["skills"]}
    assert skill_id in found
    assert [m["text"] for m in found[skill_id]["mentions"]] == [surface]


@pytest.mark.parametrize("ident", [7, 0, -3, "cand-42", "", "ünïcode id", None, 1.5, ["a", 1], {"ats": 9}])
def test_extract_jsonl_ids_round_trip(ident: object) -> None:
    rec = json.loads(cli("extract", "--jsonl", input=jsonl({"id": ident, "text": "PyTorch"})).stdout)
    assert rec["id"] == ident
    assert type(rec["id"]) is type(ident)


def test_extract_jsonl_missing_id_is_null() -> None:
    rec = json.loads(cli("extract", "--jsonl", input=jsonl({"text": "PyTorch"})).stdout)
    assert rec["id"] is None and rec["skills"][0]["id"] == "ml-frameworks.pytorch"


def test_extract_jsonl_bad_lines_are_reported_and_skipped() -> None:
    stdin = jsonl(
        {"id": 1, "text": "k8s"},
        "this is not json",
        {"id": 3},  # no text
        {"id": 4, "text": 5},  # text not a string
        "[1, 2]",
        '"just a string"',
        {"id": 7, "text": ""},  # empty text: a record with no skills
        "",  # blank line: ignored, neither output nor error
        {"id": 9, "text": "PyTorch"},
        '{"id": 10, "text": "trailing',  # truncated last line
    )
    r = cli("extract", "--jsonl", input=stdin)
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, 7, 9]
    assert out[0]["skills"][0]["id"] == "orchestration.kubernetes"
    assert out[1]["skills"] == []
    errs = stderr_lines(r)
    assert len(errs) == 6
    for n, line in zip((2, 3, 4, 5, 6, 10), errs, strict=True):
        assert f"line {n}" in line and "skipped" in line


def test_extract_jsonl_empty_input() -> None:
    r = cli("extract", "--jsonl", input="")
    assert r.stdout == "" and r.stderr == ""


def test_extract_file() -> None:
    r = cli("extract", RESUMES / "amara_okafor.md")
    ids = {line.split()[0] for line in r.stdout.splitlines() if line.strip()}
    assert {"llm-frameworks.langchain", "vector-databases.pgvector"} <= ids


def test_extract_without_file_or_jsonl_is_usage_error() -> None:
    r = cli("extract", code=2)
    assert "FILE" in r.output or "--jsonl" in r.output


# --------------------------------------------------------------------------- profile --json


@pytest.mark.parametrize("name", ["amara_okafor.md", "mei_lin_chen.pdf", "jonas_becker.docx", "diego_alvarez.html",
                                  "ethan_walker.json", "kwame_mensah.txt"])
def test_profile_json(name: str) -> None:
    path = RESUMES / name
    d = json.loads(cli("profile", path, "--json", "--as-of", AS_OF).stdout)
    assert {"profile", "fit", "layers", "evidence", "signals", "versions", "skills"} <= set(d)
    assert d["profile"] in PROFILES
    assert set(d["fit"]) == set(PROFILES)
    assert sum(d["fit"].values()) == pytest.approx(1, abs=0.01)
    assert all(0 <= v <= 1 for v in d["fit"].values())
    assert d["fit"][d["profile"]] == max(d["fit"].values())
    assert set(d["layers"]) == set(LAYERS)
    assert all(0 <= v <= 100 for v in d["layers"].values())
    assert {"stackfit", "taxonomy", "scorer", "rules"} <= set(d["versions"])
    text = parse_file(path).text
    assert d["evidence"]
    for e in d["evidence"]:
        assert text[e["start"]:e["end"]] == e["text"]
        assert e["layer"] in LAYERS and e["strength"] in ("listed", "used", "built", "led")
    for s in d["signals"]:
        assert s["state"] in ("evidenced", "claimed_only", "contradicted", "unknown")
        for h in s["evidence"]:
            assert text[h["start"]:h["end"]] == h["text"]
    intended = EXPECTED.get("profiles", {}).get(name)
    if intended:
        assert d["profile"] == intended


def test_profile_json_is_stable() -> None:
    a = cli("profile", RESUMES / "priya_raman.pdf", "--json", "--as-of", AS_OF).stdout
    b = cli("profile", RESUMES / "priya_raman.pdf", "--json", "--as-of", AS_OF).stdout
    assert a == b


def test_profile_human_output() -> None:
    r = cli("profile", RESUMES / "amara_okafor.md", "--as-of", AS_OF)
    assert "llm_integration_engineer" in r.stdout and "layers:" in r.stdout


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", ("empty",)), (b"\x00\x01\x02binary\x00" * 50, ("NUL", "binary"))],
    ids=["empty", "binary"],
)
def test_profile_bad_file_is_one_line_error(tmp_path: Path, content: bytes, words: tuple[str, ...]) -> None:
    p = tmp_path / "cv.txt"
    p.write_bytes(content)
    r = cli("profile", p, "--json", "--as-of", AS_OF, code=1)
    assert r.stdout == ""
    errs = stderr_lines(r)
    assert len(errs) == 1 and str(p) in errs[0]
    assert any(w in errs[0] for w in words)


def test_profile_missing_file(tmp_path: Path) -> None:
    r = cli("profile", tmp_path / "nope.pdf", "--as-of", AS_OF, code=1)
    assert len(stderr_lines(r)) == 1 and "nope.pdf" in r.stderr


def test_bad_as_of_is_usage_error() -> None:
    r = cli("profile", RESUMES / "amara_okafor.md", "--as-of", "27/11/2026", code=2)
    assert "YYYY-MM-DD" in r.output


# --------------------------------------------------------------------------- role --json


def check_role_json(d: dict) -> None:
    tax = load_taxonomy().skills
    assert d["profile"] in PROFILES
    assert set(d["layers"]) == set(LAYERS)
    assert sum(d["layers"].values()) == pytest.approx(1, abs=0.01)
    assert all(0 <= v <= 1 for v in d["layers"].values())
    assert d["must_have"]
    unknown = [i for i in (*d["must_have"], *d["nice_to_have"], *(i for g in d["any_of"] for i in g)) if i not in tax]
    assert not unknown
    assert not set(d["must_have"]) & set(d["nice_to_have"])
    assert all(i in d["must_have"] for g in d["any_of"] for i in g)


@pytest.mark.parametrize("jd", ["inference_platform.jd.txt", "ml_engineer_recsys.jd.md"])
def test_role_from_jd_json(jd: str) -> None:
    d = json.loads(cli("role", "from-jd", ROLES / jd, "--json").stdout)
    check_role_json(d)
    assert d["source"] == "jd"
    assert d["profile"] == EXPECTED["roles"][jd]["profile"]


def test_role_from_jd_inference_platform_content() -> None:
    d = json.loads(cli("role", "from-jd", ROLES / "inference_platform.jd.txt", "--json").stdout)
    for sid in ("gpu.cuda", "orchestration.kubernetes", "monitoring.prometheus"):
        assert sid in d["must_have"]
    assert ["serving.triton-inference-server", "llm-serving.vllm"] in d["any_of"]
    assert max(d["layers"], key=d["layers"].get) in ("deployment", "infrastructure")


def test_role_from_jd_explicit_stage_statement_wins() -> None:
    d = json.loads(cli("role", "from-jd", ROLES / "inference_platform.jd.txt", "--json").stdout)
    assert d["stage"] == "scaling"


@pytest.mark.parametrize("brief", ["rag_assistant.brief.yaml", "ml_engineer_recsys.brief.yaml"])
def test_role_from_brief_json(brief: str) -> None:
    d = json.loads(cli("role", "from-brief", ROLES / brief, "--json").stdout)
    check_role_json(d)
    assert d["source"] == "brief"
    assert d["profile"] == EXPECTED["roles"][brief]["profile"]


def test_role_from_jd_missing_file(tmp_path: Path) -> None:
    r = cli("role", "from-jd", tmp_path / "jd.txt", "--json", code=1)
    assert r.stdout == "" and len(stderr_lines(r)) == 1 and "jd.txt" in r.stderr


# --------------------------------------------------------------------------- screen --json


RANK_KEYS = {"rank", "file", "document_id", "score", "profile", "fit", "layers", "must_have", "nice_to_have", "components",
             "flags", "checklist", "signals", "skills", "evidence", "explanation", "versions"}


def test_screen_json_shape(tmp_path: Path) -> None:
    r = screen(RAG, RESUMES, tmp=tmp_path, extra=("--json",))
    rows = json.loads(r.stdout)
    assert len(rows) == N_SAMPLES
    assert [x["rank"] for x in rows] == list(range(1, N_SAMPLES + 1))
    scores = [x["score"] for x in rows]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)
    assert {Path(x["file"]).name for x in rows} == {p.name for p in RESUMES.iterdir()}
    for x in rows:
        assert RANK_KEYS <= set(x)
        assert x["profile"] in PROFILES and set(x["layers"]) == set(LAYERS)
        assert isinstance(x["flags"], list) and isinstance(x["checklist"], list) and x["checklist"]
        text = parse_file(Path(x["file"])).text
        for e in x["evidence"]:
            assert text[e["start"]:e["end"]] == e["text"]
    # the file written to --out is the same ranking
    assert json.loads((tmp_path / "out" / "ranking.json").read_text(encoding="utf-8")) == rows
    exp = EXPECTED["roles"]["rag_assistant.brief.yaml"]
    assert Path(rows[0]["file"]).name == exp["first"]
    assert {Path(x["file"]).name for x in rows[:3]} == set(exp["top3"])


def test_screen_human_output(tmp_path: Path) -> None:
    r = screen(RAG, RESUMES, tmp=tmp_path, extra=("--top", "3"))
    assert "amara_okafor.md" in r.stdout
    assert f"... and {N_SAMPLES - 3} more" in r.stdout
    assert f"{N_SAMPLES} screened (0 unchanged, reused), 0 failed" in r.stdout
    assert r.stderr == ""


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_screen_with_saved_role_equals_brief(tmp_path: Path, fmt: str) -> None:
    saved = tmp_path / f"role.{fmt}"
    cli("role", "from-brief", RAG, "--out", saved)
    assert saved.exists()
    names = copy_samples(tmp_path / "in", "amara_okafor.md", "lucas_moreau.txt", "priya_raman.pdf", "grace_kim.txt")
    by_brief = json.loads(screen(RAG, names, tmp=tmp_path, db="a.db", out="a", extra=("--json",)).stdout)
    by_saved = json.loads(screen(saved, names, tmp=tmp_path, db="b.db", out="b", extra=("--json",)).stdout)
    assert [(x["file"], x["score"]) for x in by_saved] == [(x["file"], x["score"]) for x in by_brief]
    assert by_saved == by_brief


def test_screen_with_jd_role_and_with_saved_jd_role(tmp_path: Path) -> None:
    jd = ROLES / "inference_platform.jd.txt"
    saved = tmp_path / "infra.yaml"
    cli("role", "from-jd", jd, "--out", saved)
    by_jd = json.loads(screen(jd, RESUMES, tmp=tmp_path, db="a.db", out="a", extra=("--json",)).stdout)
    by_saved = json.loads(screen(saved, RESUMES, tmp=tmp_path, db="b.db", out="b", extra=("--json",)).stdout)
    assert by_saved == by_jd
    assert Path(by_jd[0]["file"]).name == EXPECTED["roles"]["inference_platform.jd.txt"]["first"]


def test_role_show_matches_from_brief(tmp_path: Path) -> None:
    a = json.loads(cli("role", "show", RAG, "--json").stdout)
    b = json.loads(cli("role", "from-brief", RAG, "--json").stdout)
    assert a == b


# --------------------------------------------------------------------------- determinism


def test_screen_twice_fresh_workspaces_byte_identical(tmp_path: Path) -> None:
    runs = [screen(RAG, RESUMES, tmp=tmp_path, db=f"{i}.db", out=f"o{i}", extra=("--json",)) for i in (1, 2)]
    assert runs[0].stdout == runs[1].stdout
    for name in ("ranking.json", "ranking.csv", "report.html"):
        assert (tmp_path / "o1" / name).read_bytes() == (tmp_path / "o2" / name).read_bytes(), name


def test_screen_workers_1_and_2_identical(tmp_path: Path) -> None:
    one = screen(RAG, RESUMES, tmp=tmp_path, db="1.db", out="o1", workers=1, extra=("--json",))
    two = screen(RAG, RESUMES, tmp=tmp_path, db="2.db", out="o2", workers=2, extra=("--json",))
    assert one.stdout == two.stdout
    assert (tmp_path / "o1" / "ranking.json").read_bytes() == (tmp_path / "o2" / "ranking.json").read_bytes()


# --------------------------------------------------------------------------- workspace reuse


def test_rescreen_same_db_reuses_without_duplicates(tmp_path: Path) -> None:
    first = screen(RAG, RESUMES, tmp=tmp_path, out="o1")
    with Workspace(tmp_path / "ws.db") as ws:
        before = {t: ws.count(t) for t in ("documents", "candidates", "assessments", "roles")}
    assert before == {"documents": N_SAMPLES, "candidates": N_SAMPLES, "assessments": N_SAMPLES, "roles": 1}
    second = screen(RAG, RESUMES, tmp=tmp_path, out="o2")
    with Workspace(tmp_path / "ws.db") as ws:
        assert {t: ws.count(t) for t in before} == before
    assert f"{N_SAMPLES} screened (0 unchanged, reused)" in first.stdout
    assert f"{N_SAMPLES} screened ({N_SAMPLES} unchanged, reused)" in second.stdout
    assert (tmp_path / "o1" / "ranking.json").read_bytes() == (tmp_path / "o2" / "ranking.json").read_bytes()


def test_copy_under_second_name_is_one_candidate(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "in", "amara_okafor.md", "grace_kim.txt")
    shutil.copyfile(folder / "amara_okafor.md", folder / "zz_amara_copy.md")
    rows = json.loads(screen(RAG, folder, tmp=tmp_path, extra=("--json",)).stdout)
    assert [Path(x["file"]).name for x in rows] == ["amara_okafor.md", "grace_kim.txt"]
    with Workspace(tmp_path / "ws.db") as ws:
        assert ws.count("documents") == ws.count("assessments") == 2


def test_second_role_in_same_workspace_reuses_documents(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "in", "amara_okafor.md", "mei_lin_chen.pdf")
    screen(RAG, folder, tmp=tmp_path, out="o1")
    r = screen(ROLES / "inference_platform.jd.txt", folder, tmp=tmp_path, out="o2")
    assert "2 screened (2 unchanged, reused)" in r.stdout
    with Workspace(tmp_path / "ws.db") as ws:
        assert (ws.count("documents"), ws.count("assessments"), ws.count("roles")) == (2, 4, 2)


# --------------------------------------------------------------------------- bad input


def test_bad_batch_partial_failure(tmp_path: Path, bad_batch) -> None:
    r = screen(RAG, *bad_batch.paths, tmp=tmp_path, workers=2, code=3)
    errs = stderr_lines(r)
    ranked = [Path(x["file"]).name for x in json.loads((tmp_path / "out" / "ranking.json").read_text(encoding="utf-8"))]
    for name in bad_batch.bad:
        lines = [line for line in errs if name in line]
        assert len(lines) == 1, (name, errs)
        line = lines[0]
        assert line.startswith("skipped ")
        reason = line.split(f"{name}:", 1)[1].strip()
        assert len(reason) > 10, line
        assert name not in ranked
    for name in bad_batch.maybe:  # either screened or skipped with a reason, never both
        skipped = [line for line in errs if name in line]
        assert (name in ranked) != bool(skipped)
        assert len(skipped) <= 1
    assert set(bad_batch.good) <= set(ranked)
    assert len(errs) == len(bad_batch.bad) + sum(1 for n in bad_batch.maybe if n not in ranked)
    for name in ("ranking.json", "ranking.csv", "report.html"):
        assert (tmp_path / "out" / name).exists()
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Files not screened" in report
    for name in bad_batch.bad:
        assert name in report
    summary = f"{len(ranked)} screened (0 unchanged, reused), {len(errs)} failed"
    assert summary in r.stdout


def test_bad_batch_json_stdout_stays_clean(tmp_path: Path, bad_batch) -> None:
    """With --json the ranking on stdout must parse even though files failed (failures go to stderr)."""
    r = screen(RAG, *bad_batch.paths, tmp=tmp_path, extra=("--json",), code=3)
    rows = json.loads(r.stdout)
    assert set(bad_batch.good) <= {Path(x["file"]).name for x in rows}
    assert "skipped" in r.stderr


def test_all_files_bad_exit_1(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "half.pdf").write_bytes((RESUMES / "arjun_nair.pdf").read_bytes()[:500])
    r = screen(RAG, folder, tmp_path / "resume.xyz", tmp=tmp_path, code=1)
    errs = stderr_lines(r)
    for name in ("empty.txt", "half.pdf", "resume.xyz"):
        assert len([line for line in errs if name in line]) == 1, errs


def test_nothing_to_screen_in_empty_folder(tmp_path: Path) -> None:
    """A folder without resumes is an error (exit 1) that names the folder and the ignored types."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.xyz").write_text("x")
    (tmp_path / "in" / "old.doc").write_text("x")
    r = screen(RAG, tmp_path / "in", tmp=tmp_path, code=1)
    err = r.stderr
    assert "ignored (unsupported types): 1 .doc, 1 .xyz" in err
    assert f"no resume files found under {tmp_path / 'in'}" in err
    assert "Traceback" not in err


def test_missing_role_file(tmp_path: Path) -> None:
    missing = tmp_path / "roles" / "nope.yaml"
    r = screen(missing, RESUMES, tmp=tmp_path, code=1)
    errs = stderr_lines(r)
    assert len(errs) == 1
    assert str(missing) in errs[0] and "not found" in errs[0]
    assert r.stdout == ""
    assert not (tmp_path / "out").exists()


def test_unknown_system_type_lists_valid_systems(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text("title: Teleport engineer\nsystems: [chatbot, teleportation]\nmodels: integrate\n", encoding="utf-8")
    r = screen(brief, RESUMES, tmp=tmp_path, code=1)
    errs = stderr_lines(r)
    assert len(errs) == 1
    assert "teleportation" in errs[0]
    for system in load_role_rules().data.systems:
        assert system in errs[0]


def test_unknown_system_type_error_names_the_brief(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text("title: Teleport engineer\nsystems: [teleportation]\nmodels: integrate\n", encoding="utf-8")
    r = screen(brief, RESUMES, tmp=tmp_path, code=1)
    assert str(brief) in r.stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("title: x\nsystems: [rag]\nmodels: sometimes\n", ("models",)),
        ("title: x\nsystems: [rag]\nmodels: integrate\nmust_have: [Quantum Basket Weaving]\n", ("Quantum Basket Weaving",)),
        ("title: [unclosed\n", ("not valid YAML",)),
        ("just a string\n", ("neither a brief",)),
    ],
    ids=["bad-enum", "unknown-skill", "yaml-syntax", "not-a-role"],
)
def test_bad_role_files_one_line_errors(tmp_path: Path, content: str, words: tuple[str, ...]) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(content, encoding="utf-8")
    r = screen(brief, RESUMES, tmp=tmp_path, code=1)
    errs = stderr_lines(r)
    assert len(errs) == 1, errs
    assert all(w in errs[0] for w in words), errs[0]


@pytest.mark.parametrize("name", ["cv [final].txt", "x[/b].txt"])
def test_failure_line_names_file_with_brackets(tmp_path: Path, name: str) -> None:
    folder = copy_samples(tmp_path / "in", "grace_kim.txt")
    bad = folder / name
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(b"")
    r = screen(RAG, folder, tmp=tmp_path, code=3)
    assert str(bad) in r.stderr


def test_missing_role_path_with_brackets_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "role [draft].yaml"
    r = screen(missing, RESUMES, tmp=tmp_path, code=1)
    assert str(missing) in r.stderr


# --------------------------------------------------------------------------- reports


def test_report_html_links_marks_and_names(tmp_path: Path) -> None:
    screen(RAG, RESUMES, tmp=tmp_path, extra=("--detail", "4"))
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids)), "duplicate ids"
    hrefs = [h[1:] for h in tree.xpath("//a/@href") if h.startswith("#")]
    dangling = sorted({h for h in hrefs if h not in set(ids)})
    assert not dangling
    assert "<mark" in page
    for p in RESUMES.iterdir():
        assert p.name in page
    # layer scores of detailed candidates link to their evidence, which exists and holds chips or "no evidence"
    ranking = json.loads((tmp_path / "out" / "ranking.json").read_text(encoding="utf-8"))
    for rank in range(1, 5):
        for layer in LAYERS:
            anchor = f"c{rank}-layer-{layer}"
            assert anchor in hrefs
            (target,) = tree.xpath(f'//*[@id="{anchor}"]')
            assert f"{ranking[rank - 1]['layers'][layer]:.0f}" in target.text_content()
    # candidates beyond --detail are listed but not linked to sections that do not exist
    assert "c5-layer-data" not in page and 'id="c5"' not in page
    # every evidence anchor sits before the highlighted text it marks (possibly after other anchors)
    anchors = tree.xpath('//span[@class="anchor"]')
    assert anchors
    for a in anchors:
        nxt = a.getnext()
        while nxt is not None and nxt.get("class") == "anchor":
            nxt = nxt.getnext()
        assert nxt is not None and nxt.tag == "mark", a.get("id")


def test_report_html_linked_anchor_is_directly_before_its_mark(tmp_path: Path) -> None:
    screen(RAG, RESUMES, tmp=tmp_path, extra=("--detail", "3"))
    tree = lxml_html.fromstring((tmp_path / "out" / "report.html").read_text(encoding="utf-8"))
    targets = {h[1:] for h in tree.xpath("//a/@href") if h.startswith("#")}
    # the stylesheet outlines the mark after a targeted anchor across up to 3 stacked anchors
    css = tree.xpath("//style")[0].text_content()
    assert ".anchor:target + .anchor + .anchor + .anchor + mark" in css
    off = []
    for a in tree.xpath('//span[@class="anchor"]'):
        if a.get("id") not in targets:
            continue
        nxt, hops = a.getnext(), 0
        while nxt is not None and nxt.get("class") == "anchor":
            nxt, hops = nxt.getnext(), hops + 1
        if nxt is None or nxt.tag != "mark" or hops > 3:
            off.append(a.get("id"))
    assert not off


def test_ranking_csv_matches_json(tmp_path: Path) -> None:
    screen(ROLES / "ml_engineer_recsys.jd.md", RESUMES, tmp=tmp_path)
    ranking = json.loads((tmp_path / "out" / "ranking.json").read_text(encoding="utf-8"))
    with open(tmp_path / "out" / "ranking.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == CSV_FIELDS
        rows = list(reader)
    assert len(rows) == len(ranking) == N_SAMPLES
    assert [r["file"] for r in rows] == [x["file"] for x in ranking]
    assert [int(r["rank"]) for r in rows] == list(range(1, N_SAMPLES + 1))
    assert [float(r["score"]) for r in rows] == [x["score"] for x in ranking]
    assert [r["profile"] for r in rows] == [x["profile"] for x in ranking]
    for r, x in zip(rows, ranking, strict=True):
        assert int(r["must_have_met"]) == x["must_have"]["met"]
        assert r["flags"] == ";".join(f["id"] for f in x["flags"])


# --------------------------------------------------------------------------- demo


def test_demo_writes_a_report_per_role(tmp_path: Path, pytestconfig: pytest.Config) -> None:
    out = tmp_path / "demo"
    r = cli("demo", "--out", out, "--db", out / "demo.db")
    roles = sorted(p.name.rsplit(".", 1)[0] for p in ROLES.iterdir() if p.is_file())
    assert len(roles) == 4
    assert sorted(p.name for p in out.iterdir() if p.is_dir() and p.name != "demo.db.index") == roles  # the vector index sits beside the db
    # the vector index sits beside a SQLite file; on PostgreSQL pgvector holds the vectors
    assert (out / "demo.db.index").is_dir() == (pytestconfig.getoption("--backend") != "postgresql")
    for name in roles:
        for f in ("report.html", "ranking.json", "ranking.csv"):
            assert (out / name / f).is_file(), (name, f)
        ranking = json.loads((out / name / "ranking.json").read_text(encoding="utf-8"))
        assert len(ranking) == N_SAMPLES
        assert Path(ranking[0]["file"]).name == EXPECTED["roles"][_role_file(name)]["first"]
    assert (out / "demo.db").is_file()
    assert r.stdout.count("role: ") == 4


def _role_file(stem: str) -> str:
    (match,) = [p.name for p in ROLES.iterdir() if p.name.rsplit(".", 1)[0] == stem]
    return match


# --------------------------------------------------------------------------- error paths found while testing


def test_db_that_is_a_folder_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "dbdir").mkdir()
    r = screen(RAG, RESUMES / "grace_kim.txt", tmp=tmp_path, db="dbdir", code=1)
    errs = stderr_lines(r)
    assert len(errs) == 1 and "workspace" in errs[0] and "--db" in errs[0]


def test_role_that_is_a_folder_is_one_line_error(tmp_path: Path) -> None:
    r = screen(ROLES, RESUMES / "grace_kim.txt", tmp=tmp_path, code=1)
    errs = stderr_lines(r)
    assert len(errs) == 1 and "folder" in errs[0]


def test_out_that_is_a_file_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder")
    r = screen(RAG, RESUMES / "grace_kim.txt", tmp=tmp_path, code=1)
    assert len(stderr_lines(r)) == 1 and "out" in r.stderr


def test_db_url_without_driver_is_one_line_error(tmp_path: Path) -> None:
    r = cli("screen", RAG, RESUMES / "grace_kim.txt", "--db", "postgresql://127.0.0.1:1/stackfit", "--out", tmp_path / "out",
            "--as-of", AS_OF, "--workers", 1, code=1)
    assert len(stderr_lines(r)) == 1


def _commands_named_in_hints() -> set[str]:
    """Every `stackfit ...` command quoted in backticks anywhere in the package's source."""
    import stackfit

    src = Path(stackfit.__file__).parent
    found: set[str] = set()
    for f in src.rglob("*.py"):
        for m in re.finditer(r"`stackfit ([a-z][a-z -]*?)(?: [A-Z<\[].*?)?`", f.read_text()):
            words = list(itertools.takewhile(lambda w: not w.startswith("-"), m.group(1).split()))
            if words:  # the command words only: an option quoted with it ("--db") would eat "--help"
                found.add(" ".join(words))
    return found


def test_hints_name_commands_that_exist() -> None:
    """Error hints tell the user to run a command; that command must exist."""
    commands = _commands_named_in_hints()
    assert "role new" in commands  # the scan itself works
    for command in sorted(commands):
        cli(*command.split(), "--help")


# --------------------------------------------------------------------------- taxonomy / version


def test_taxonomy_search_by_alias() -> None:
    r = cli("taxonomy", "k8s")
    assert "orchestration.kubernetes" in r.stdout
    assert "skill(s); taxonomy" in r.stdout


def test_taxonomy_layer_filter() -> None:
    r = cli("taxonomy", "--layer", "infrastructure")
    *rows, summary = r.stdout.strip().splitlines()
    expected = {s.id for s in load_taxonomy().skills.values() if s.layer == "infrastructure"}
    assert {line.split()[0] for line in rows} == expected
    assert all(line.split()[1] == "infrastructure" for line in rows)
    assert summary.startswith(f"{len(expected)} skill(s)")


def test_version_names_all_versions() -> None:
    out = cli("version").stdout
    for word in ("stackfit", "taxonomy", "scorer", "rules"):
        assert word in out
