"""The redaction's fast paths (e-mail windows, URL hints, the gendered-word automaton) find exactly the
spans of the regular expressions they replace, on real resumes and on adversarial text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from stackfit import redact as R

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "stackfit" / "data" / "samples"

# pieces that exercise every boundary: gendered words in all cases, e-mail and URL fragments, the characters
# that fold to ASCII letters under re.IGNORECASE (İ ı ſ K), apostrophes, hyphens, non-ASCII letters
PIECES = ["he", "She", "HIS", "her's", "him-", "-man", "women", "chairman", "ſhe", "Kelvin", "hİs", "hım", "the",
          "businesswoman", "a@b.co", "x.y+z@mail-server.org", "@", "@@", "joe@", "http://x.io/a", "WWW.EXAMPLE.COM",
          "github.com/", "LinkedIn.com/in/x", "’", "'", "-", "_", " ", "\n", "\t", ".", ",", "é", "Straße", "ǅ",
          "1", "2020", "+44 20 7946 0958", "ł", "ẞ"]


def reference(text: str) -> list[tuple[int, int]]:
    c = R.load_redact_rules()
    return sorted([(m.start(), m.end()) for rx in (R.EMAIL, R.URL, c.gendered) for m in rx.finditer(text)])


def fast(text: str) -> list[tuple[int, int]]:
    c = R.load_redact_rules()
    return sorted(R.emails(text) + R.urls(text) + c.gendered_spans(text))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40))
def test_fast_paths_equal_the_regular_expressions(parts: list[str]) -> None:
    text = "".join(parts)
    assert fast(text) == reference(text)


def test_fast_paths_on_the_sample_resumes() -> None:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SAMPLES.rglob("*")) if p.suffix in {".txt", ".md"}]
    assert len(texts) >= 10
    found = 0
    for t in texts:
        ref = reference(t)
        assert fast(t) == ref
        found += len(ref)
    assert found >= len(texts)  # every sample resume has at least an e-mail address


def test_gendered_words_found_in_case_and_not_inside_words() -> None:
    c = R.load_redact_rules()
    text = "She led the team; HIS role: chairman. Other-men, the theme, he's, -he, she_1, ſhe."
    got = [text[a:b] for a, b in c.gendered_spans(text)]
    assert got == ["She", "HIS", "chairman", "he", "ſhe"]
    assert got == [m.group(0) for m in c.gendered.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=12))
def test_redact_string_masks_what_the_regular_expressions_find(parts: list[str]) -> None:
    c = R.load_redact_rules()
    s = "".join(parts)
    found = R.phones(s) + [(m.start(), m.end()) for rx in (R.EMAIL, R.URL, c.gendered, c.honorific) for m in rx.finditer(s)]
    assert R.redact_string(s) == (R.mask_text(s, sorted(found), c.rules.mask) if found else s)
