"""Regenerate the README's report screenshots (docs/report-ranking.png, docs/report-candidate.png).

    stackfit demo --out /tmp/demo --db /tmp/demo/demo.db
    python scripts/report_screenshots.py /tmp/demo/rag_assistant.brief/report.html [--chromium /usr/bin/chromium]

Headless Chromium through Playwright (the dev extra); the first candidate's card is shot from its heading.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    a = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=a.chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 1000})
        page.goto(a.report.resolve().as_uri())
        page.screenshot(path=str(a.out / "report-ranking.png"))
        page.set_viewport_size({"width": 1200, "height": 1320})
        top = page.locator("#c1-h").evaluate("e => e.getBoundingClientRect().top + window.scrollY")
        page.evaluate(f"window.scrollTo(0, {top} - 90)")
        page.screenshot(path=str(a.out / "report-candidate.png"))
        browser.close()
    print(f"wrote {a.out / 'report-ranking.png'} and {a.out / 'report-candidate.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
