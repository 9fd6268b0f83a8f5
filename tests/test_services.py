"""Behaviour of the services layer (what the CLI, and later the API, call): discovery of resume
files, screening into a workspace (dedup, reuse, failures), roles and single-document helpers."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from stackfit import services
from stackfit.datafiles import package_data
from stackfit.errors import InputError, RoleError
from stackfit.models import PROFILES
from stackfit.parse import parse_file
from stackfit.store import Workspace

AS_OF = date(2026, 11, 27)
SAMPLES = package_data("samples")
RESUMES = SAMPLES / "resumes"
TABLES = ("documents", "candidates", "assessments", "files", "roles")


def rag_role():
    return services.load_role_file(SAMPLES / "roles" / "rag_assistant.brief.yaml")


def copy_samples(dest: Path, *names: str) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for n in names:
        shutil.copyfile(RESUMES / n, dest / n)
    return dest


def counts(ws: Workspace) -> dict[str, int]:
    return {t: ws.count(t) for t in TABLES}


# --------------------------------------------------------------------------- discover


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder as users keep them: nested folders, hidden files, notes and images beside resumes."""
    root = tmp_path / "inbox"
    files = {
        "a.pdf": b"%PDF-", "b.DOCX": b"PK", "c.txt": b"x", "sub/d.md": b"x", "sub/deeper/e.html": b"x",
        "sub/f.json": b"{}", "g.markdown": b"x", "h.htm": b"x",
        # ignored inside folders
        ".hidden.txt": b"x", ".git/config.txt": b"x", "sub/.cache/cv.pdf": b"x",
        "photo.png": b"x", "notes.xyz": b"x", "README": b"x", "sheet.csv": b"x",
    }
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return root


def test_discover_folder_recursive_skips_hidden_and_unsupported(tree: Path) -> None:
    found, failures = services.discover([tree])
    assert failures == []
    assert [p.relative_to(tree).as_posix() for p in found] == [
        "a.pdf", "b.DOCX", "c.txt", "g.markdown", "h.htm", "sub/d.md", "sub/deeper/e.html", "sub/f.json"]


def test_discover_hidden_root_folder_is_searched(tmp_path: Path) -> None:
    """Only hidden entries *inside* the folder are skipped, not a folder the user named explicitly."""
    root = tmp_path / ".resumes"
    root.mkdir()
    (root / "cv.txt").write_text("x")
    assert services.discover([root]) == ([root / "cv.txt"], [])


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("resume.xyz", "unsupported_format"),
        ("photo.png", "unsupported_format"),
        ("resume", "unsupported_format"),
        ("missing.pdf", "not_found"),
        ("missing-folder", "not_found"),
    ],
)
def test_discover_explicit_path_failures(tmp_path: Path, name: str, code: str) -> None:
    p = tmp_path / name
    if not name.startswith("missing"):
        p.write_text("Jane Doe\nPyTorch\n")
    found, failures = services.discover([p])
    assert found == []
    assert len(failures) == 1
    f = failures[0]
    assert (f.file, f.code) == (str(p), code)
    assert f.message and f.hint


def test_discover_explicit_supported_file_and_dedup(tree: Path) -> None:
    """A file named explicitly is taken as is; named twice (or also inside a named folder) it counts once."""
    found, failures = services.discover([tree / "sub" / "d.md", tree, tree / "c.txt", tree / "missing.txt"])
    assert [f.code for f in failures] == ["not_found"]
    assert found[0] == tree / "sub" / "d.md"
    assert len(found) == len(set(found)) == 8


def test_discover_explicit_hidden_file_is_taken(tree: Path) -> None:
    assert services.discover([tree / ".hidden.txt"]) == ([tree / ".hidden.txt"], [])


# --------------------------------------------------------------------------- screen


def test_screen_ranks_best_first_and_stores_everything(tmp_path: Path) -> None:
    role = rag_role()
    calls: list[tuple[int, int, str]] = []
    with Workspace(tmp_path / "ws.db") as ws:
        r = services.screen(role, [RESUMES], workspace=ws, as_of=AS_OF, workers=1,
                            progress=lambda d, t, p: calls.append((d, t, p)))
        n = len(list(RESUMES.iterdir()))
        assert (r.files, r.screened, r.reused, r.failures) == (n, n, 0, [])
        scores = [row.score for row in r.ranking]
        assert scores == sorted(scores, reverse=True)
        assert r.document_ids == [row.document_id for row in r.ranking]
        assert Path(r.ranking[0].file).name == "amara_okafor.md"
        assert counts(ws) == {"documents": n, "candidates": n, "assessments": n, "files": n, "roles": 1}
        assert ws.get_role(role.id) == role
        stored = list(ws.iter_assessments(role.id, r.document_ids))
        assert [a.score for a in stored] == scores
        assert all(a.candidate.profile in PROFILES for a in stored)
    assert [c[0] for c in calls] == list(range(1, n + 1))
    assert {c[1] for c in calls} == {n}
    assert {Path(c[2]).name for c in calls} == {p.name for p in RESUMES.iterdir()}


def test_rescreen_same_workspace_reuses_and_does_not_duplicate(tmp_path: Path) -> None:
    role = rag_role()
    folder = copy_samples(tmp_path / "in", "amara_okafor.md", "priya_raman.pdf", "jonas_becker.docx", "ethan_walker.json")
    db = tmp_path / "ws.db"
    with Workspace(db) as ws:
        first = services.screen(role, [folder], workspace=ws, as_of=AS_OF, workers=1)
        before = counts(ws)
    with Workspace(db) as ws:
        second = services.screen(role, [folder], workspace=ws, as_of=AS_OF, workers=1)
        assert counts(ws) == before
    assert (first.screened, first.reused) == (4, 0)
    assert (second.screened, second.reused) == (4, 4)
    assert [(r.file, r.score) for r in second.ranking] == [(r.file, r.score) for r in first.ranking]
    assert second.run_id == first.run_id + 1


def test_rescreen_with_other_as_of_reprofiles_but_keeps_one_document(tmp_path: Path) -> None:
    role = rag_role()
    folder = copy_samples(tmp_path / "in", "amara_okafor.md", "grace_kim.txt")
    with Workspace(tmp_path / "ws.db") as ws:
        services.screen(role, [folder], workspace=ws, as_of=AS_OF, workers=1)
        later = services.screen(role, [folder], workspace=ws, as_of=date(2027, 6, 1), workers=1)
        assert later.reused == 0
        assert ws.count("documents") == 2
        assert ws.count("candidates") == 4  # one profile per (document, as_of)
        assert ws.count("assessments") == 2  # the latest assessment per role and document


def test_renamed_copy_in_same_folder_is_one_candidate(tmp_path: Path) -> None:
    role = rag_role()
    folder = copy_samples(tmp_path / "in", "amara_okafor.md", "grace_kim.txt")
    shutil.copyfile(folder / "amara_okafor.md", folder / "Amara CV (final).md")
    with Workspace(tmp_path / "ws.db") as ws:
        r = services.screen(role, [folder], workspace=ws, as_of=AS_OF, workers=1)
        assert (r.files, r.screened) == (3, 2)
        assert len(r.ranking) == 2
        assert ws.count("documents") == ws.count("assessments") == 2
    # the first path in sorted order represents the candidate
    assert [Path(x.file).name for x in r.ranking] == ["Amara CV (final).md", "grace_kim.txt"]


def test_reused_counts_candidates_not_duplicate_files(tmp_path: Path) -> None:
    role = rag_role()
    folder = copy_samples(tmp_path / "in", "amara_okafor.md", "grace_kim.txt")
    shutil.copyfile(folder / "amara_okafor.md", folder / "amara_copy.md")
    with Workspace(tmp_path / "ws.db") as ws:
        services.screen(role, [folder], workspace=ws, as_of=AS_OF, workers=1)
        again = services.screen(role, [folder], workspace=ws, as_of=AS_OF, workers=1)
    assert again.screened == 2
    assert again.reused == 2  # once per candidate, not per file (was 3: '2 screened (3 unchanged, reused)')


def test_screen_workers_1_and_2_agree(tmp_path: Path) -> None:
    role = rag_role()
    out = []
    for w in (1, 2):
        with Workspace(tmp_path / f"w{w}.db") as ws:
            r = services.screen(role, [RESUMES], workspace=ws, as_of=AS_OF, workers=w)
            out.append([a.model_dump_json() for a in ws.iter_assessments(role.id, r.document_ids)])
    assert out[0] == out[1]


def test_screen_bad_batch_reports_typed_failures(tmp_path: Path, bad_batch) -> None:
    with Workspace(tmp_path / "ws.db") as ws:
        r = services.screen(rag_role(), bad_batch.paths, workspace=ws, as_of=AS_OF, workers=2)
        codes = {Path(f.file).name: f.code for f in r.failures}
        assert {k: v for k, v in codes.items() if k not in bad_batch.maybe} == bad_batch.bad
        screened = {Path(x.file).name for x in r.ranking}
        assert set(bad_batch.good) <= screened
        for name in bad_batch.maybe:
            assert (name in screened) != (name in codes)
        assert all(f.message and f.hint for f in r.failures)
        assert "internal_error" not in codes.values()
        assert r.screened == len(screened)
        # every failure, the explicitly named unsupported file included, is stored with the run
        stored = {Path(f.file).name: f.code for f in ws.failures(r.run_id)}
        assert stored == codes


def test_screen_nothing_found(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with Workspace(tmp_path / "ws.db") as ws:
        r = services.screen(rag_role(), [tmp_path / "empty"], workspace=ws, as_of=AS_OF)
    assert (r.files, r.screened, r.ranking, r.failures) == (0, 0, [], [])


# --------------------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("role_file", "profile", "source"),
    [
        ("rag_assistant.brief.yaml", "llm_integration_engineer", "brief"),
        ("ml_engineer_recsys.brief.yaml", "ml_engineer", "brief"),
        ("ml_engineer_recsys.jd.md", "ml_engineer", "jd"),
        ("inference_platform.jd.txt", "ai_infrastructure_engineer", "jd"),
    ],
)
def test_load_role_file_kinds(role_file: str, profile: str, source: str) -> None:
    role = services.load_role_file(SAMPLES / "roles" / role_file)
    assert (role.profile, role.source) == (profile, source)
    assert sum(role.layers.values()) == pytest.approx(1, abs=0.01)


def test_load_role_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found") as e:
        services.load_role_file(tmp_path / "nope.yaml")
    assert str(tmp_path / "nope.yaml") in str(e.value)
    with pytest.raises(RoleError, match="folder"):
        services.load_role_file(tmp_path)
    odd = tmp_path / "odd.yaml"
    odd.write_text("title: x\nfoo: 1\n")
    with pytest.raises(RoleError, match="neither a brief"):
        services.load_role_file(odd)
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n")
    with pytest.raises(RoleError, match="not valid YAML"):
        services.load_role_file(broken)


# --------------------------------------------------------------------------- single documents


@pytest.mark.parametrize(
    ("text", "skill_id", "surface"),
    [
        ("Ran k8s clusters", "orchestration.kubernetes", "k8s"),
        ("KUBERNETES and Docker", "orchestration.kubernetes", "KUBERNETES"),
        ("Built RAG with LangChain", "llm-frameworks.langchain", "LangChain"),
        ("İstanbul office; pgvector at scale", "vector-databases.pgvector", "pgvector"),
        ("Straße 5 — 🚀 trained PyTorch models", "ml-frameworks.pytorch", "PyTorch"),
        ("fine-tuned LLMs daily", "llm.large-language-models", "LLMs"),
    ],
)
def test_extract_skills_offsets(text: str, skill_id: str, surface: str) -> None:
    skills = {s.id: s for s in services.extract_skills(text)}
    assert skill_id in skills, sorted(skills)
    m = skills[skill_id].mentions[0]
    assert m.text == surface == text[m.start:m.end]


@pytest.mark.parametrize("text", ["", "   \n\t", "a go-getter who can go far", "r squared of 0.9", "Gopher and Rust", "PyTorchLightning2"])
def test_extract_skills_nothing(text: str) -> None:
    """Case-sensitive short aliases ("Go", "R") need the case and word boundaries; blank text has no skills."""
    ids = {s.id for s in services.extract_skills(text)}
    assert "languages.go" not in ids and "languages.r" not in ids and "ml-frameworks.pytorch" not in ids


@pytest.mark.parametrize(
    ("text", "skill_id", "found"),
    [
        ("Languages: Python, R, SQL", "languages.r", True),
        ("Bayesian models in R (tidyverse, Stan)", "languages.r", True),
        ("Embedded firmware in C, C++ and Rust", "languages.c", True),
        ("Languages: Python/R/SQL", "languages.r", True),
        ("Systems programming in C/C++", "languages.c", True),
        # initials, suffixes and abbreviations are not the language
        ("A. Nair, R. Castellanos, J. Whitfield. Scaling laws. NeurIPS 2024.", "languages.r", False),
        ("Trained AraBERT and XLM-R classifiers in PyTorch", "languages.r", False),
        ("Led a 12-person R&D team shipping PyTorch models", "languages.r", False),
        ("Presented the roadmap to the C-suite", "languages.c", False),
        ("Joined after the Series C round", "languages.c", False),
    ],
)
def test_extract_one_letter_languages(text: str, skill_id: str, found: bool) -> None:
    assert (skill_id in {s.id for s in services.extract_skills(text)}) is found


@pytest.mark.parametrize("name", ["amara_okafor.md", "priya_raman.pdf", "sofia_rossi.docx", "ethan_walker.json"])
def test_profile_file_spans_index_parsed_text(name: str) -> None:
    path = RESUMES / name
    cand = services.profile_file(path, as_of=AS_OF)
    text = parse_file(path).text
    assert cand.file == str(path)
    assert cand.evidence
    for e in cand.evidence:
        assert text[e.start:e.end] == e.text
    for s in cand.signals:
        for h in s.evidence:
            assert text[h.start:h.end] == h.text


def test_profile_file_errors(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("  \n")
    with pytest.raises(InputError, match="empty"):
        services.profile_file(tmp_path / "blank.txt", as_of=AS_OF)
    with pytest.raises(InputError, match="cannot read"):
        services.profile_file(tmp_path / "missing.txt", as_of=AS_OF)


def test_a_worker_crash_fails_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that kills its worker process (a parser segfault, the OOM killer) is reported as failed;
    every other file in the batch is still screened and stored."""
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted((SAMPLES / "resumes").glob("*.txt")) + sorted((SAMPLES / "resumes").glob("*.md")):
        shutil.copy(p, folder / p.name)
    (folder / "killer.txt").write_text("Jane Doe\nEXPERIENCE\nEngineer\n")
    real = services.parse_bytes

    def crashing(data, name, **kw):  # runs in the forked worker, which inherits the patch
        if name.endswith("killer.txt"):
            os._exit(1)
        return real(data, name, **kw)

    monkeypatch.setattr(services, "parse_bytes", crashing)
    role = services.load_role_file(SAMPLES / "roles" / "rag_assistant.brief.yaml")
    with Workspace(tmp_path / "ws.db") as ws:
        res = services.screen(role, [folder], workspace=ws, as_of=AS_OF, workers=2)
        assert [(f.file.endswith("killer.txt"), f.code) for f in res.failures] == [(True, "worker_crashed")]
        assert res.screened == len(list(folder.iterdir())) - 1
        assert ws.count("assessments") == res.screened


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("\n## Job title\nJunior Systems Admin/Engineer\n\n## Job Summary\nWe need", "Junior Systems Admin/Engineer"),
        ("Title: Machine Learning Engineer\nAbout us", "Machine Learning Engineer"),
        ("# Senior MLOps Engineer\n## About the role", "Senior MLOps Engineer"),
    ],
)
def test_job_description_title(text: str, title: str) -> None:
    from stackfit.parse import parse_text
    from stackfit.role.jd import jd_title

    assert jd_title(parse_text(text, "jd.md", media_type="text/markdown")) == title


def test_jd_constraints_ignore_nice_to_haves(tmp_path: Path) -> None:
    jd = tmp_path / "jd.md"
    jd.write_text("# ML Engineer\n\n## Requirements\n- PyTorch and Docker\n- Low-latency inference services\n\n"
                  "## Nice to have\n- Edge deployment on Jetson\n- HIPAA experience\n")
    role = services.load_role_file(jd)
    assert (role.constraints.edge, role.constraints.real_time, role.constraints.privacy) == (False, True, False)
