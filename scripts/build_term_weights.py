"""Build ``src/stackfit/data/term_weights.tsv``: how specific each content word is, from occupation and
skill descriptions that are licensed for reuse (O*NET 29.2 and ESCO, both CC BY 4.0; see NOTICE).

Each O*NET occupation (title, description and alternate titles), ESCO occupation (labels and
description) and ESCO skill group, digital skill and transversal skill (labels and description) is one
document; the file lists, for every Snowball stem of ``stackfit.extract.terms``, the number of documents
that use it. ``stackfit.extract.terms.term_weight`` turns that into an inverse document frequency: words
every occupation uses ("manage", "develop", "customer") weigh little, the words of a trade ("pump",
"neurology", "payroll") much more. No job description or resume is read.

    python scripts/build_term_weights.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from stackfit.datafiles import require_public_data, run_script
from stackfit.extract.terms import terms

OUT = Path(__file__).resolve().parents[1] / "src/stackfit/data/term_weights.tsv"
VERSION = "term-weights.v1"
ESCO_FILES = ("occupations_en.csv", "skillGroups_en.csv", "digitalSkillsCollection_en.csv", "transversalSkillsCollection_en.csv")


def documents(data: Path) -> Iterator[str]:
    alt: dict[str, list[str]] = defaultdict(list)
    with (data / "onet" / "Alternate Titles.txt").open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            code, title, *_ = line.rstrip("\n").split("\t")
            alt[code].append(title)
    with (data / "onet" / "Occupation Data.txt").open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            code, title, description = line.rstrip("\n").split("\t")
            yield " ".join([title, description, *alt[code]])
    for name in ESCO_FILES:
        with (data / "esco" / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                yield " ".join([row["preferredLabel"], row.get("altLabels") or "", row.get("description") or ""])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    require_public_data(args.data, "onet/Alternate Titles.txt", "onet/Occupation Data.txt",
                        *(f"esco/{name}" for name in ESCO_FILES))
    df: Counter[str] = Counter()
    n = 0
    for doc in documents(args.data):
        n += 1
        df.update({s for s, _, _ in terms(doc)})
    lines = [f"# {VERSION}: document frequency of each content-word stem in {n} O*NET 29.2 and ESCO occupation and skill",
             "# descriptions (O*NET 29.2 Database by USDOL/ETA, CC BY 4.0; ESCO, European Commission, CC BY 4.0).",
             "# Built by scripts/build_term_weights.py; read by stackfit.extract.terms.term_weight.",
             f"documents\t{n}"]
    lines += [f"{s}\t{c}" for s, c in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(df)} stems from {n} documents")


if __name__ == "__main__":
    sys.exit(run_script(main))
