"""Step 7: location and time zone from resumes, working-hour overlap, and the screen filter."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from stackfit.cli import app
from stackfit.errors import InputError
from stackfit.extract.location import find_location, resolve
from stackfit.parse import parse_bytes, parse_file
from stackfit.team.remote import WorkingHours, check, overlap_hours, region_countries

runner = CliRunner()


def expected_locations(samples: Path) -> dict[str, tuple[str, str]]:
    """The location each sample resume was generated with (scripts/make_samples.py writes it in the contact line)."""
    return {
        "amara_okafor.md": ("PT", "Europe/Lisbon"), "arjun_nair.pdf": ("GB", "Europe/London"),
        "diego_alvarez.html": ("MX", "America/Mexico_City"), "ethan_walker.json": ("US", "America/Chicago"),
        "fatima_haddad.html": ("JO", "Asia/Amman"), "grace_kim.txt": ("PH", "Asia/Manila"),
        "hannah_schmidt.md": ("AT", "Europe/Vienna"), "jonas_becker.docx": ("DE", "Europe/Berlin"),
        "kwame_mensah.txt": ("GH", "Africa/Accra"), "lucas_moreau.txt": ("CA", "America/Toronto"),
        "mei_lin_chen.pdf": ("SG", "Asia/Singapore"), "noah_fischer.txt": ("US", "America/Denver"),
        "priya_raman.pdf": ("IN", "Asia/Kolkata"), "sofia_rossi.docx": ("BR", "America/Sao_Paulo"),
        "tomasz_nowak.md": ("PL", "Europe/Warsaw"),
    }


def test_location_of_every_sample_resume(samples: Path) -> None:
    want = expected_locations(samples)
    files = sorted((samples / "resumes").iterdir())
    assert sorted(f.name for f in files) == sorted(want)
    for f in files:
        doc = parse_file(f)
        loc = find_location(doc)
        assert loc is not None, f.name
        assert (loc.country, loc.timezone) == want[f.name], f.name
        assert loc.start is not None and doc.text[loc.start:loc.end] == loc.text  # the span points at the resume text


@pytest.mark.parametrize(("text", "country", "zone"), [
    ("Remote (UTC+2)", None, "UTC+02:00"),
    ("Remote (GMT-3:30)", None, "UTC-03:30"),
    ("Remote, CET", None, "Europe/Berlin"),
    ("PST", None, "America/Los_Angeles"),
    ("Kolkata, India (IST)", "IN", "Asia/Kolkata"),
    ("Portland, OR, USA", "US", "America/Los_Angeles"),
    ("Portland, Maine, USA", "US", "America/New_York"),
    ("Krakow, Poland", "PL", "Europe/Warsaw"),
    ("Bombay, India", "IN", "Asia/Kolkata"),
    ("Brazil", "BR", "America/Sao_Paulo"),
])
def test_resolve_location_phrases(text: str, country: str | None, zone: str) -> None:
    loc = resolve(text)
    assert loc is not None and (loc.country, loc.timezone) == (country, zone)
    assert loc.note


@pytest.mark.parametrize("text", ["Senior Data Scientist", "Machine Learning Engineer", "AI Engineer | MLOps", "Jonas Becker"])
def test_headlines_and_names_are_not_places(text: str) -> None:
    assert resolve(text) is None


def test_no_location_in_header_is_none() -> None:
    doc = parse_bytes(b"Jane Doe\nML Engineer\njane@example.com\n\nExperience\nBuilt models in PyTorch.\n", "jane.txt")
    assert find_location(doc) is None


BERLIN = WorkingHours.parse("09:00-17:00 Europe/Berlin")


@pytest.mark.parametrize(("other", "day", "hours"), [
    ("09:00-17:00 Europe/Berlin", date(2026, 11, 27), 8.0),
    ("09:00-17:00 America/New_York", date(2026, 11, 27), 2.0),   # 14-22 UTC vs 08-16 UTC
    ("09:00-17:00 America/New_York", date(2026, 3, 20), 3.0),    # US on summer time, Europe not yet
    ("09:00-17:00 America/New_York", date(2026, 7, 1), 2.0),     # both on summer time
    ("09:00-17:00 Asia/Kolkata", date(2026, 11, 27), 3.5),
    ("09:00-17:00 UTC+05:30", date(2026, 11, 27), 3.5),
    ("09:00-17:00 America/Los_Angeles", date(2026, 11, 27), 0.0),
])
def test_overlap_hours_dst_aware(other: str, day: date, hours: float) -> None:
    assert overlap_hours(BERLIN, WorkingHours.parse(other), day) == hours


def test_overlap_across_the_date_line_and_midnight() -> None:
    # Kiritimati (UTC+14) and Pago Pago (UTC-11): same wall clock, a calendar day apart
    kiri, pago = WorkingHours.parse("09:00-17:00 Pacific/Kiritimati"), WorkingHours.parse("09:00-17:00 Pacific/Pago_Pago")
    assert overlap_hours(kiri, pago, date(2026, 11, 27)) == 7.0
    night = WorkingHours.parse("22:00-06:00 UTC")
    assert overlap_hours(night, WorkingHours.parse("09:00-17:00 Asia/Tokyo"), date(2026, 11, 27)) == 6.0


@pytest.mark.parametrize("bad", ["9 to 5 Europe/Berlin", "09:00-17:00 Mars/Base", "17:00-17:00 UTC"])
def test_bad_working_hours_are_input_errors(bad: str) -> None:
    with pytest.raises(InputError):
        WorkingHours.parse(bad)


def test_unknown_region_is_an_input_error() -> None:
    with pytest.raises(InputError) as exc:
        region_countries(["Atlantis"])
    assert "Central Europe" in exc.value.hint


def test_unknown_location_is_kept_and_marked_unless_dropped() -> None:
    kept = check("x.pdf", None, BERLIN, date(2026, 11, 27), min_overlap=3, regions=[])
    assert kept.kept and kept.reason.startswith("time zone unknown: kept")
    dropped = check("x.pdf", None, BERLIN, date(2026, 11, 27), min_overlap=3, regions=[], unknown="drop")
    assert not dropped.kept


def test_screen_filters_by_overlap_and_region(samples: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = runner.invoke(app, ["screen", str(samples / "roles" / "inference_platform.jd.txt"), str(samples / "resumes"),
                            "--db", str(tmp_path / "w.db"), "--out", str(out), "--as-of", "2026-11-27", "--workers", "1",
                            "--team-hours", "09:00-17:00 Europe/Berlin", "--min-overlap", "3", "--region", "Europe"])
    assert r.exit_code == 0, r.output
    rows = {Path(row["file"]).name: row for row in csv.DictReader(open(out / "remote.csv", encoding="utf-8"))}
    assert len(rows) == 15
    kept = sorted(n for n, row in rows.items() if row["kept"] == "True")
    assert kept == ["amara_okafor.md", "arjun_nair.pdf", "hannah_schmidt.md", "jonas_becker.docx", "tomasz_nowak.md"]
    assert rows["lucas_moreau.txt"]["overlap_hours"] == "2.0" and "overlap 2 h < 3 h" in rows["lucas_moreau.txt"]["reason"]
    assert "is outside Europe" in rows["priya_raman.pdf"]["reason"]
    assert "filtered mei_lin_chen.pdf: overlap 1 h < 3 h" in r.stdout
    ranked = [Path(row["file"]).name for row in csv.DictReader(open(out / "ranking.csv", encoding="utf-8"))]
    assert sorted(ranked) == kept
    assert all(row["timezone"] for row in csv.DictReader(open(out / "ranking.csv", encoding="utf-8")))
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Kraków, Poland" in page and "Europe/Warsaw" in page and "Denver" not in page


def test_min_overlap_needs_team_hours(samples: Path, tmp_path: Path) -> None:
    r = runner.invoke(app, ["screen", str(samples / "roles" / "inference_platform.jd.txt"), str(samples / "resumes" / "amara_okafor.md"),
                            "--db", str(tmp_path / "w.db"), "--out", str(tmp_path / "o"), "--min-overlap", "3"])
    assert r.exit_code == 1 and "--min-overlap needs --team-hours" in r.stderr


def test_team_member_given_timezone_overrides_the_resume(samples: Path, tmp_path: Path) -> None:
    f = tmp_path / "TEAM.yaml"
    f.write_text(yaml.safe_dump({
        "name": "T", "hours": "09:00-17:00", "timezone": "Europe/Berlin", "roadmap": [{"stage": "prototype"}],
        "members": [{"name": "Priya", "resume": str(samples / "resumes" / "priya_raman.pdf")},
                    {"name": "Priya moved", "resume": str(samples / "resumes" / "priya_raman.pdf"), "timezone": "Europe/Lisbon"}]}))
    from stackfit import services

    plan = services.team_plan(f, as_of=date(2026, 11, 27))
    assert [(m.timezone, m.overlap) for m in plan.members] == [("Asia/Kolkata", 3.5), ("Europe/Lisbon", 7.0)]


def test_given_location_overrides_the_resume(samples: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = runner.invoke(app, ["screen", str(samples / "roles" / "rag_assistant.brief.yaml"), str(samples / "resumes"),
                            "--db", str(tmp_path / "w.db"), "--out", str(out), "--as-of", "2026-11-27", "--workers", "1",
                            "--team-hours", "09:00-17:00 Europe/Berlin", "--min-overlap", "6",
                            "--location", "lucas_moreau.txt=Lisbon, Portugal", "--location", "priya_raman.pdf=Europe/Madrid"])
    assert r.exit_code == 0, r.output
    rows = {Path(row["file"]).name: row for row in csv.DictReader(open(out / "remote.csv", encoding="utf-8"))}
    assert (rows["lucas_moreau.txt"]["timezone"], rows["lucas_moreau.txt"]["kept"]) == ("Europe/Lisbon", "True")
    assert (rows["priya_raman.pdf"]["overlap_hours"], rows["priya_raman.pdf"]["kept"]) == ("8.0", "True")
    assert rows["mei_lin_chen.pdf"]["kept"] == "False"


@pytest.mark.parametrize("bad", ["lucas_moreau.txt", "x.pdf=Atlantis Nowhere", "x.pdf=Mars/Base"])
def test_bad_location_override_is_an_input_error(bad: str) -> None:
    from stackfit.team.remote import parse_overrides

    with pytest.raises(InputError):
        parse_overrides([bad])
