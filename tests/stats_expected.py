"""The figures a commune's period should give, counted here from the records the test created
(tests/stats_support.World), independently of desktop_app/services/stats.py."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from desktop_app import periods
from tests.stats_support import World, day, given


def _between(value: date | None, start: date, end: date) -> bool:
    return value is not None and start <= value <= end


def _standing(row: dict[str, Any], founded: str, end: date) -> bool:
    """A group or team in operation at `end`: founded by then and not yet dissolved."""
    started = day(row.get(founded))
    if started is not None and started > end:
        return False
    gone = day(row.get("dissolved_on"))
    return row.get("status") != "dissolved" or (gone is not None and gone > end)


def expected_register(w: World, start: date, end: date) -> dict[str, Any]:
    homes = w.live("household")
    groups = w.live("household_group")
    covered = set()
    for m in w.live("group_member").values():
        group = groups.get(m["group_id"])
        joined, left = day(m.get("joined_on")), day(m.get("left_on"))
        if (
            m.get("household_id") in homes
            and group is not None
            and _standing(group, "founded_on", end)
            and (joined is None or joined <= end)
            and (left is None or left > end)
        ):
            covered.add(m["household_id"])
    by_area = {
        area: (
            {h for h, v in homes.items() if v["area_id"] == area},
            {h for h in covered if homes[h]["area_id"] == area},
        )
        for area in w.live("area")
    }
    teams = w.live("security_team")
    return {
        "households": set(homes),
        "covered": covered,
        "by_area": by_area,
        "groups_active": {g for g, v in groups.items() if _standing(v, "founded_on", end)},
        "groups_founded": {
            g for g, v in groups.items() if _between(day(v.get("founded_on")), start, end)
        },
        "teams_active": {t for t, v in teams.items() if _standing(v, "decision_date", end)},
        "teams_founded": {
            t for t, v in teams.items() if _between(day(v.get("decision_date")), start, end)
        },
    }


def _case_start(case: dict[str, Any]) -> date | None:
    return day(case.get("release_date")) or day(case.get("reported_on"))


def _managed_on(case: dict[str, Any], on: date) -> bool:
    start = _case_start(case)
    closed = case.get("status") == "closed"
    closed_on = day(case.get("closed_on"))
    ended = closed and (closed_on is None or closed_on <= on)
    return (start is None or start <= on) and not ended


def _class_on(w: World, case_id: str, on: date) -> str:
    """The last classification decided by `on` (the later entry wins on the same day)."""
    level, latest = "", date.min
    for c in w.live("case_classification").values():
        decided = given(c["decided_on"])
        if c["case_id"] == case_id and latest <= decided <= on:
            level, latest = c["level"], decided
    return level


def expected_cases(w: World, start: date, end: date) -> dict[str, Any]:
    cases = w.live("reintegration_case")
    during = {
        c
        for c, v in cases.items()
        if _managed_on(v, end)
        or (v.get("status") == "closed" and _between(day(v.get("closed_on")), start, end))
        or (_case_start(v) is not None and _between(_case_start(v), start, end))
    }
    months = []
    for first in periods.month_starts(start, end):
        last = min(end, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1))
        managed = [c for c, v in cases.items() if _managed_on(v, last)]
        months.append(
            tuple(
                sum(1 for c in managed if _class_on(w, c, last) == level)
                for level in ("A", "B", "C", "D", "")
            )
        )
    reoffended = {
        i["case_id"]
        for i in w.live("case_incident").values()
        if i["kind"] == "reoffence" and _between(day(i["occurred_on"]), start, end)
    } & during
    contacts = {
        k
        for k, v in w.live("case_contact").items()
        if v["case_id"] in during and _between(day(v["contact_on"]), start, end)
    }
    return {
        "managed": {c for c, v in cases.items() if _managed_on(v, end)},
        "new": {c for c, v in cases.items() if _between(_case_start(v), start, end)},
        "closed": {
            c
            for c, v in cases.items()
            if v.get("status") == "closed" and _between(day(v.get("closed_on")), start, end)
        },
        "during": during,
        "reoffended": reoffended,
        "months": months,
        "contacts": contacts,
    }


def _held(w: World, start: date, end: date) -> dict[str, dict[str, Any]]:
    return {
        m: v
        for m, v in w.live("meeting").items()
        if v.get("status") in ("held", "closed")
        and start <= date.fromisoformat(v["starts_at"][:10]) <= end
    }


def expected_meetings(w: World, start: date, end: date, as_of: date) -> dict[str, Any]:
    held = _held(w, start, end)

    def people(meeting: str, present: bool) -> int:
        given = held[meeting].get("present_count" if present else "absent_count")
        if given is not None:
            return int(given)
        return sum(
            1
            for a in w.live("meeting_attendee").values()
            if a["meeting_id"] == meeting and a["present"] == present
        )

    opinions = {o: v for o, v in w.live("opinion").items() if v["meeting_id"] in held}
    answered = {
        o
        for o, v in opinions.items()
        if v.get("status") in ("answered", "closed")
        and (v.get("replied_on") is None or given(v["replied_on"]) <= end)
    }
    pending = set(opinions) - answered
    return {
        "held": set(held),
        "by_type": {
            kind: {m for m, v in held.items() if v["meeting_type"] == kind}
            for kind in {v["meeting_type"] for v in held.values()}
        },
        "present": sum(people(m, True) for m in held),
        "absent": sum(people(m, False) for m in held),
        "raised": set(opinions),
        "answered": answered,
        "pending": pending,
        "overdue": {
            o
            for o in pending
            if opinions[o].get("deadline") and given(opinions[o]["deadline"]) < as_of
        },
    }


def expected_summary(w: World, start: date, end: date, as_of: date) -> dict[str, int]:
    r, c, m = (
        expected_register(w, start, end),
        expected_cases(w, start, end),
        expected_meetings(w, start, end, as_of),
    )
    return {
        "households": len(r["households"]),
        "covered_households": len(r["covered"]),
        "groups_active": len(r["groups_active"]),
        "groups_founded": len(r["groups_founded"]),
        "teams_active": len(r["teams_active"]),
        "teams_founded": len(r["teams_founded"]),
        "cases_managed": len(c["managed"]),
        "cases_new": len(c["new"]),
        "cases_closed": len(c["closed"]),
        "contacts_done": len(c["contacts"]),
        "managed_people": len(c["during"]),
        "reoffenders": len(c["reoffended"]),
        "meetings": len(m["held"]),
        "present": m["present"],
        "absent": m["absent"],
        "opinions_raised": len(m["raised"]),
        "opinions_answered": len(m["answered"]),
        "opinions_overdue": len(m["overdue"]),
    }
