"""Warnings a user needs before trusting a ranking."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from stackfit.cli import app
from stackfit.datafiles import package_data

runner = CliRunner()


def test_role_without_taxonomy_skills_warns(tmp_path: Path) -> None:
    jd = tmp_path / "office.txt"
    jd.write_text("Office Manager\n\nRequirements\n- Friendly and organised\n- Good with people\n")
    r = runner.invoke(app, ["screen", str(jd), str(package_data("samples/resumes/grace_kim.txt")), "--db",
                            str(tmp_path / "w.db"), "--out", str(tmp_path / "out"), "--as-of", "2026-11-27"])
    assert r.exit_code == 0, r.stderr
    assert "warning: the role 'Office Manager' has no must-have skills" in r.stderr


def test_role_with_must_haves_does_not_warn(tmp_path: Path) -> None:
    r = runner.invoke(app, ["role", "from-brief", str(package_data("samples/roles/rag_assistant.brief.yaml"))])
    assert r.exit_code == 0 and "warning" not in r.stderr


def test_html_lists_the_top_rows_and_says_where_the_rest_is(tmp_path: Path) -> None:
    r = runner.invoke(app, ["screen", str(package_data("samples/roles/rag_assistant.brief.yaml")),
                            str(package_data("samples/resumes")), "--db", str(tmp_path / "w.db"), "--out",
                            str(tmp_path / "out"), "--as-of", "2026-11-27", "--html-rows", "5", "--detail", "2"])
    assert r.exit_code == 0, r.stderr
    page = (tmp_path / "out" / "report.html").read_text()
    from lxml import html

    ranking_table = html.fromstring(page).xpath('//h2[@id="ranking"]/following-sibling::table[1]')[0]
    assert len(ranking_table.xpath("./tbody/tr")) == 5
    assert "The page lists the top 5 of 15 candidates" in page
    import json

    assert len(json.loads((tmp_path / "out" / "ranking.json").read_text())) == 15
