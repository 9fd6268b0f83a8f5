"""Build src/stackfit/data/title_heads.txt: the words that end a job title ("engineer", "writer",
"technician"), counted over the O*NET 29.2 alternate titles (USDOL/ETA, CC BY 4.0).

A job description with no title line names its role in its text ("We are seeking a Senior Java Developer to
..."); `role.jd.title_in_text` takes such a phrase as the title only when it ends in one of these words, so
"looking for a strong focus on ..." does not make "strong focus" a title.

    python scripts/build_title_heads.py [--data ../shared/data] [--min-count 3]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

from stackfit.datafiles import require_public_data, run_script

OUT = Path(__file__).resolve().parents[1] / "src" / "stackfit" / "data" / "title_heads.txt"
# particles that end phrasal titles ("Hand Off", "Check In") are no head words: "hands-on" must not read as a job
NOT_HEADS = frozenset({"a", "an", "and", "at", "by", "in", "off", "on", "or", "out", "the", "up", "with"})


def head(title: str) -> str | None:
    """The head word of a title: its last word before any "of ..." or "(...)"; "Director of Training" ->
    "director", "Software Developer, Applications" -> "developer"."""
    t = re.sub(r"\(.*?\)", " ", title)
    t = re.split(r"\s+(?:of|for|in|to)\s+|,", t, maxsplit=1)[0]
    words = re.findall(r"[A-Za-z][A-Za-z'.+#-]*", t)
    return words[-1].lower().strip(".") if words else None


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args(argv)
    require_public_data(args.data, "onet/Alternate Titles.txt")
    counts: Counter[str] = Counter()
    with (args.data / "onet" / "Alternate Titles.txt").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            h = head(row["Alternate Title"])
            if h and len(h) > 1 and h not in NOT_HEADS:
                counts[h] += 1
    heads = sorted(w for w, n in counts.items() if n >= args.min_count)
    OUT.write_text("# Words that end a job title, from the O*NET 29.2 alternate titles (USDOL/ETA, CC BY 4.0), each seen in at\n"
                   f"# least {args.min_count} titles. Rebuilt by scripts/build_title_heads.py.\n" + "\n".join(heads) + "\n",
                   encoding="utf-8")
    print(f"{len(heads)} title heads -> {OUT}")


if __name__ == "__main__":
    sys.exit(run_script(main))
