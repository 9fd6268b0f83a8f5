"""A bullet wrapped over several lines is one statement: its verb sets the strength of every skill in it."""

from __future__ import annotations

from stackfit.extract.evidence import Statements, collect_evidence, default_strength_rules
from stackfit.extract.locate import Locator
from stackfit.extract.skills import default_matcher
from stackfit.parse import parse_text

# wrapped as a two-column PDF wraps it (the lines of the Resume-Matcher "two-column" template's layout)
WRAPPED = """Jane Roe
Senior Software Engineer

EXPERIENCE
Senior Software Engineer  Jan 2023 - Present
Stripe, San Francisco
- Led migration of legacy payment reconciliation service to event-driven
microservices on Kubernetes, improving reliability from 99.5% to 99.99%
- Designed and implemented a real-time fraud detection pipeline processing
50K+ transactions per second with Apache Kafka
Grafana dashboards for the on-call rota
o Reviewed PostgreSQL schema changes
o wrote runbooks for Terraform
Software Engineer  Jun 2019 - Dec 2022
Figma, San Francisco
- Built collaborative editing infrastructure using
Redis and WebSockets

SKILLS
Python, Docker, Kubernetes
"""


def strengths(text: str) -> dict[str, str]:
    doc = parse_text(text, "wrapped.txt")
    return {e.name: e.strength for e in collect_evidence(doc, default_matcher())}


def test_wrapped_bullet_lines_take_the_bullets_verb() -> None:
    got = strengths(WRAPPED)
    assert got["Microservices"] == "led"  # "Led ..." on the line before, wrap shown by the lower-case start
    assert got["Apache Kafka"] == "built"  # "50K+ ..." continues a bullet whose line does not end a sentence
    assert got["Redis"] == "built"  # the line before ends in "using"


def test_a_capitalised_line_after_a_complete_one_is_a_new_statement() -> None:
    got = strengths(WRAPPED)
    assert got["Grafana"] == "used"  # no wrap shown: the Kafka bullet's verb does not reach it


def test_word_bullets_start_statements() -> None:
    got = strengths(WRAPPED)
    assert got["PostgreSQL"] == "used"  # "Reviewed" is no verb of the rules
    assert got["Terraform"] == "built"  # its own bullet's "wrote", although it starts in lower case


def test_no_statement_crosses_a_section_or_an_entry() -> None:
    # a bullet cut after "and" (as a page break cuts one) is followed by the next job's heading
    text = WRAPPED.replace("o wrote runbooks for Terraform", "o wrote runbooks for Terraform and")
    doc = parse_text(text, "wrapped.txt")
    st = Statements(Locator(doc), default_strength_rules())
    text = doc.text
    entry = text.index("Software Engineer", text.index("Terraform"))
    assert any(e.start == entry for e in doc.entries)
    assert st.bounds(entry)[0] == entry  # the entry's heading starts its own statement
    skills = text.index("Python, Docker")
    assert text[slice(*st.bounds(skills))] == "Python, Docker, Kubernetes"
    kafka = text.index("Apache Kafka")
    s, e = st.bounds(kafka)
    assert text[s:e].startswith("- Designed and implemented") and text[s:e].endswith("with Apache Kafka")


def test_evidence_lines_bound_the_statement() -> None:
    doc = parse_text(WRAPPED, "wrapped.txt")
    ev = next(e for e in collect_evidence(doc, default_matcher()) if e.name == "Microservices")
    assert doc.text[ev.line_start:ev.line_end] == (
        "- Led migration of legacy payment reconciliation service to event-driven\n"
        "microservices on Kubernetes, improving reliability from 99.5% to 99.99%"
    )
    assert ev.pattern_id == "strength.verb.led"


def test_one_line_bullets_are_unchanged() -> None:
    text = WRAPPED.replace("event-driven\nmicroservices", "event-driven microservices")
    got = strengths(text)
    assert got["Microservices"] == "led"
    assert got["Python"] == "listed"


def test_signals_read_a_wrapped_statement_whole() -> None:
    from stackfit.extract.signals import default_signal_matcher

    text = WRAPPED.replace("- Built collaborative editing infrastructure using\nRedis and WebSockets",
                           "- Shipped collaborative editing features to 10M+\nusers with Redis and WebSockets")
    doc = parse_text(text, "wrapped.txt")
    hits = [h for h in default_signal_matcher().find(doc) if h.id == "production_deployment"]
    assert [h.text for h in hits] == ["Shipped collaborative editing features to 10M+\nusers"]
    assert hits[0].in_experience


def test_signal_tools_are_found_where_evidence_finds_skills() -> None:
    """A signal named by taxonomy skills reads the same statement-joined text as the evidence, so a skill name cut
    by a wrap ("data" / "quality checks") counts for both."""
    from stackfit.extract.signals import SignalMatcher
    from stackfit.policy import SignalDef, SignalPattern, SignalRules, load_policy

    rules = SignalRules(version="test", signals=(SignalDef(
        id="quality", name="Data quality", kind="production", layer="data",
        patterns=(SignalPattern(id="quality.tools", skills=("data-quality.data-quality",)),)),))
    text = WRAPPED.replace("- Built collaborative editing infrastructure using\nRedis and WebSockets",
                           "- Built collaborative editing on Redis and added data\nquality checks to every release")
    doc = parse_text(text, "wrapped.txt")
    evidence = [e for e in collect_evidence(doc, default_matcher()) if e.skill_id == "data-quality.data-quality"]
    hits = SignalMatcher(rules, load_policy().evidence.experience_sections).find(doc)
    assert [(h.start, h.text) for h in hits] == [(e.start, e.text) for e in evidence] == [
        (doc.text.index("data\nquality"), "data\nquality checks")]
