"""The profiling benchmark's labelling: title rules, a resume's current title, SkillSpan postings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.accuracy.profiles import current_title, label, load_postings


@pytest.mark.parametrize(
    ("title", "profile"),
    [
        ("Senior Java Developer", "software_engineer"),
        ("Technical Writer - iOS/Android", "other"),  # documents software, does not build it
        ("Software Business Analyst", "other"),
        ("Senior Data Engineer ( Data Platform )", "data_engineer"),
        ("Machine Learning Engineer", "ml_engineer"),
        ("Conversational AI Engineer", "llm_integration_engineer"),
        ("Registered Nurse", "other"),
    ],
)
def test_title_rules(title: str, profile: str) -> None:
    assert label(title) == profile


def test_current_title_is_the_first_job_under_experience() -> None:
    resume = "## Skills\n- Java\n\n## Experience\n- Senior Java Developer at Acme (2019 - 2023)\n- Intern (2018)\n"
    title, a, b = current_title(resume) or ("", 0, 0)
    assert title == "Senior Java Developer"
    assert resume[a:b] == title


def test_postings_take_their_label_from_the_first_sentence_and_leave_it_out(tmp_path: Path) -> None:
    folder = tmp_path / "skillspan"
    folder.mkdir()
    rows = [
        {"idx": 1, "tokens": ["Senior", "Java", "Developer"], "source": "tech"},
        {"idx": 1, "tokens": ["You", "know", "Spring", "Boot", "."], "source": "tech"},
        {"idx": 2, "tokens": ["Technical", "Writer"], "source": "tech"},
        {"idx": 2, "tokens": ["Write", "API", "docs", "."], "source": "tech"},
        {"idx": 3, "tokens": ["Nurse"], "source": "house"},  # HOUSE postings are not tech postings
        {"idx": 3, "tokens": ["Care", "."], "source": "house"},
        {"idx": 4, "tokens": ["Only", "a", "title"], "source": "tech"},  # nothing left to read: skipped
    ]
    for split in ("train", "dev"):
        (folder / f"{split}.json").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    got = load_postings(tmp_path)
    assert [(h, g) for h, g, _ in got] == [("dev", "software_engineer"), ("dev", "other"),
                                           ("held-out", "software_engineer"), ("held-out", "other")]
    assert got[0][2] == "You know Spring Boot ."
    assert "Developer" not in got[0][2]
