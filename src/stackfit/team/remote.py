"""Remote collaboration (the guide's Step 7): working-hour overlap between a candidate and the
team, DST-aware for a given date, and the region / minimum-overlap filter of a screening."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal

from stackfit.errors import InputError
from stackfit.extract.location import CONTINENTS, tz_of
from stackfit.models import Frozen, Location
from stackfit.team.schema import TeamPolicy, load_team_policy, parse_hours


class WorkingHours(Frozen):
    """Daily working hours in a time zone, e.g. ``09:00-17:00 Europe/Berlin``."""

    start: int  # minutes after local midnight
    end: int  # may be <= start: the shift runs past midnight
    timezone: str

    @classmethod
    def parse(cls, text: str, *, default_tz: str = "UTC") -> WorkingHours:
        """``"09:00-17:00 Europe/Berlin"`` (the zone is optional) -> WorkingHours; bad input -> InputError."""
        parts = text.split()
        hours, zone = (parts[0], parts[1]) if len(parts) == 2 else (text, default_tz) if len(parts) == 1 else ("", "")
        try:
            start, end = parse_hours(hours)
            tz_of(zone)
        except ValueError as exc:
            raise InputError(f"bad working hours {text!r}: {exc}", hint='write them like "09:00-17:00 Europe/Berlin"') from None
        except Exception:  # noqa: BLE001 - zoneinfo raises several types for a bad key
            raise InputError(f"bad working hours {text!r}: unknown time zone {zone!r}",
                             hint="use an IANA name such as Europe/Berlin or America/New_York, or UTC+05:30") from None
        return cls(start=start, end=end, timezone=zone)

    def label(self) -> str:
        return f"{self.start // 60:02d}:{self.start % 60:02d}-{self.end // 60:02d}:{self.end % 60:02d} {self.timezone}"

    def interval(self, day: date) -> tuple[datetime, datetime]:
        """The shift that starts on local ``day``, as aware datetimes (wall-clock times, so DST is respected)."""
        tz: tzinfo = tz_of(self.timezone)
        start = datetime.combine(day, time(self.start // 60, self.start % 60), tzinfo=tz)
        end_day = day if self.end > self.start else day + timedelta(days=1)
        end = datetime.combine(end_day, time(0), tzinfo=tz) + timedelta(minutes=self.end) if self.end == 24 * 60 \
            else datetime.combine(end_day, time(self.end // 60, self.end % 60), tzinfo=tz)
        return start, end


def overlap_hours(team: WorkingHours, other: WorkingHours, on: date) -> float:
    """Hours the team's shift on ``on`` overlaps the other side's shifts (the day before, the day, the day after)."""
    t0, t1 = (x.timestamp() for x in team.interval(on))
    total = 0.0
    for d in (on - timedelta(days=1), on, on + timedelta(days=1)):
        o0, o1 = (x.timestamp() for x in other.interval(d))
        total += max(0.0, min(t1, o1) - max(t0, o0))
    return round(total / 3600, 2)


class RemoteCheck(Frozen):
    file: str
    location: str | None
    timezone: str | None
    overlap: float | None
    kept: bool
    reason: str


def region_countries(names: list[str], policy: TeamPolicy | None = None) -> list[tuple[str, set[str] | None, str | None]]:
    """Each ``--region`` as (name, country codes or None, continent or None); unknown names are an InputError."""
    policy = policy or load_team_policy()
    named = {k.casefold(): (k, set(v)) for k, v in policy.regions.items()}
    continents = {v.casefold(): v for v in CONTINENTS.values()}
    out: list[tuple[str, set[str] | None, str | None]] = []
    for n in names:
        key = n.strip().casefold()
        if key in named:
            out.append((named[key][0], named[key][1], None))
        elif key in continents:
            out.append((continents[key], None, continents[key]))
        elif len(key) == 2 and key.isalpha():
            out.append((n.upper(), {n.upper()}, None))
        else:
            raise InputError(f"unknown region {n!r}", hint="use a continent (" + ", ".join(sorted(continents.values()))
                             + "), a named region (" + ", ".join(policy.regions) + ") or a two-letter country code")
    return out


def check(file: str, loc: Location | None, team: WorkingHours, on: date, *, min_overlap: float | None,
          regions: list[tuple[str, set[str] | None, str | None]], unknown: Literal["keep", "drop"] = "keep",
          policy: TeamPolicy | None = None) -> RemoteCheck:
    """Whether one candidate passes the remote filter, with the reason either way."""
    policy = policy or load_team_policy()
    start, end = parse_hours(policy.default_hours)
    ov = None
    if loc is not None and loc.timezone is not None:
        cand = WorkingHours(start=start, end=end, timezone=loc.timezone)
        ov = overlap_hours(team, cand, on)
    base = dict(file=file, location=loc.text if loc else None, timezone=loc.timezone if loc else None, overlap=ov)
    problems: list[str] = []
    unknowns: list[str] = []
    if min_overlap is not None:
        if ov is None:
            unknowns.append("time zone unknown")
        elif ov < min_overlap:
            problems.append(f"overlap {ov:g} h < {min_overlap:g} h with {team.label()} "
                            f"(assumed {policy.default_hours} in {loc.timezone if loc else '?'}, on {on.isoformat()})")
    if regions:
        if loc is None or loc.country is None:
            unknowns.append("country unknown")
        elif not any((codes is not None and loc.country in codes) or (cont is not None and loc.continent == cont)
                     for _, codes, cont in regions):
            problems.append(f"{loc.text} ({loc.country}, {loc.continent}) is outside {' / '.join(r[0] for r in regions)}")
    if problems:
        return RemoteCheck(**base, kept=False, reason="; ".join(problems))  # type: ignore[arg-type]
    if unknowns:
        keep = unknown == "keep"
        return RemoteCheck(**base, kept=keep, reason="; ".join(unknowns) + (": kept, check by hand" if keep else ": dropped (--drop-unknown)"))  # type: ignore[arg-type]
    return RemoteCheck(**base, kept=True, reason=f"overlap {ov:g} h" if ov is not None else "ok")  # type: ignore[arg-type]


def given_location(text: str) -> Location:
    """A location given by the user: a place ("Lisbon, Portugal"), an abbreviation, an offset or an IANA zone."""
    from stackfit.extract.location import resolve

    t = text.strip()
    if "/" in t or t.upper() == "UTC":
        try:
            tz_of(t)
        except Exception:  # noqa: BLE001 - zoneinfo raises several types for a bad key
            raise InputError(f"unknown time zone {t!r}", hint="use an IANA name such as Europe/Berlin") from None
        return Location(text=t, timezone=t, source="given", note="time zone given")
    loc = resolve(t, source="given")
    if loc is None:
        raise InputError(f"cannot place {t!r}", hint='write "City, Country", a country, a time zone (Europe/Berlin) or UTC+02:00')
    return loc


def parse_overrides(items: list[str]) -> dict[str, Location]:
    """``--location FILE=PLACE`` values -> {file name: Location}."""
    out: dict[str, Location] = {}
    for item in items:
        name, sep, place = item.partition("=")
        if not sep or not name.strip() or not place.strip():
            raise InputError(f"bad --location {item!r}", hint='write --location "cv.pdf=Lisbon, Portugal"')
        out[name.strip()] = given_location(place)
    return out
