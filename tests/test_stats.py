"""Periodic statistics: every figure checked against a count made here from the records the
test created; periods and their labels; the province's table at a hub; PDF, XLSX and CLI."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from desktop_app import __version__, periods
from desktop_app.cli import main
from desktop_app.database import open_database
from desktop_app.errors import ValidationError
from desktop_app.services import audit, officers, records, setup
from desktop_app.services.stats import period_stats, province_stats, reporting_posts
from desktop_app.services.stats_files import write_report
from desktop_app.services.stats_model import PeriodStats
from tests.conftest import ADMIN, PASSWORD, Env, _pg_admin, _pg_url
from tests.sync_harness import Replica

Q1_START, Q1_END = date(2026, 1, 1), date(2026, 3, 31)
TODAY = date(2026, 4, 20)  # the report is made after the quarter
HONG_HA, BA_DINH, HANOI = "00097", "00004", "01"


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def given(text: str) -> date:
    """A date the test always gave."""
    return date.fromisoformat(text)


@dataclass
class World:
    """The records a test created through the services, as it created them."""

    db: Any
    actor: Any
    unit_code: str | None = None
    rows: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def put(self, type_name: str, **values: Any) -> str:
        if self.unit_code:
            values["unit_code"] = self.unit_code
        record_id = records.put(self.db, self.actor, type_name, values).record.id
        self.rows.setdefault(type_name, {})[record_id] = {**values, "deleted": False}
        return record_id

    def update(self, type_name: str, record_id: str, **values: Any) -> None:
        records.put(self.db, self.actor, type_name, {"id": record_id, **values})
        self.rows[type_name][record_id].update(values)

    def delete(self, type_name: str, record_id: str) -> None:
        records.delete(self.db, self.actor, type_name, record_id)
        self.rows[type_name][record_id]["deleted"] = True

    def live(self, type_name: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.rows.get(type_name, {}).items() if not v["deleted"]}


def build_commune(w: World, tag: str = "") -> dict[str, str]:
    """A commune's quarter: register, groups, teams, cases, meetings and opinions, with the
    awkward cases (deleted rows, leavers, a dissolved group, drafts, late answers)."""
    ids: dict[str, str] = {}
    east = w.put("area", name=f"Đồng Tâm{tag}", kind="thon")
    south = w.put("area", name=f"Tổ dân phố 2{tag}", kind="to_dan_pho")
    w.put("area", name=f"Thôn Mới{tag}", kind="thon")  # no households yet
    gone_area = w.put("area", name=f"Thôn Cũ{tag}", kind="thon")
    homes = [w.put("household", address=f"Số {i}{tag}", area_id=east) for i in range(1, 6)]
    homes += [w.put("household", address=f"Số {i}{tag}", area_id=south) for i in range(6, 9)]
    w.delete("area", gone_area)
    groups = {
        "g1": w.put(
            "household_group",
            name="Tổ 1",
            group_type="to_lien_gia",
            area_id=east,
            founded_on="2026-02-10",
        ),
        "g2": w.put(
            "household_group",
            name="Tổ 2",
            group_type="to_tu_quan",
            area_id=south,
            founded_on="2025-05-01",
        ),
        "g3": w.put(
            "household_group",
            name="Tổ 3",
            group_type="to_tu_quan",
            area_id=east,
            founded_on="2026-03-01",
        ),
        "g4": w.put(
            "household_group",
            name="Tổ 4",
            group_type="to_tu_quan",
            area_id=east,
            founded_on="2024-03-01",
            status="dissolved",
            dissolved_on="2026-01-20",
        ),
        "g5": w.put(
            "household_group",
            name="Tổ 5",
            group_type="to_tu_quan",
            area_id=south,
            founded_on="2026-04-10",
        ),  # after the quarter
    }
    member = [
        (homes[0], "g1", "2026-02-10", None),  # covered
        (homes[1], "g1", "2026-04-05", None),  # joined after the quarter
        (homes[2], "g2", "2025-05-01", "2026-03-01"),  # left during it
        (homes[3], "g4", "2024-03-01", None),  # its group was dissolved
        (homes[4], "g1", "2026-02-10", None),  # a deleted household
        (homes[5], "g2", "2025-05-01", None),  # covered
        (homes[6], "g2", None, None),  # covered, no dates
        (homes[7], "g3", "2026-03-01", None),  # its group was deleted
        (homes[0], "g2", "2025-06-01", None),  # covered twice: counts once
    ]
    for home, group, joined, left in member:
        w.put(
            "group_member",
            group_id=groups[group],
            role="member",
            household_id=home,
            joined_on=joined,
            left_on=left,
        )
    gone = w.put("group_member", group_id=groups["g2"], role="member", household_id=homes[7])
    w.delete("group_member", gone)
    w.delete("household", homes[4])  # tombstoned: counts nowhere
    w.delete("household_group", groups["g3"])
    w.put("group_rating", group_id=groups["g2"], year=2025, rating="tot")
    w.put("group_rating", group_id=groups["g1"], year=2026, rating="xuat_sac")
    teams = {
        "t1": w.put("security_team", name="Tổ BV 1", decision_date="2026-03-01"),
        "t2": w.put("security_team", name="Tổ BV 2", decision_date="2024-06-01"),
        "t3": w.put(
            "security_team",
            name="Tổ BV 3",
            decision_date="2023-06-01",
            status="dissolved",
            dissolved_on="2025-12-31",
        ),
    }
    w.put("team_rating", team_id=teams["t2"], period_year=2025, level="hoan_thanh")
    ids.update(groups)
    ids.update(teams)
    ids.update(_cases(w, homes, tag))
    ids.update(_meetings(w, east, tag))
    return ids


def _cases(w: World, homes: list[str], tag: str) -> dict[str, str]:
    people = [
        w.put("person", full_name=f"Người {i}{tag}", birth_year=1980 + i, household_id=homes[0])
        for i in range(1, 9)
    ]

    def case(n: int, **values: Any) -> str:
        return w.put("reintegration_case", person_id=people[n - 1], release_type="served", **values)

    def classify(case_id: str, level: str, on: str) -> None:
        w.put("case_classification", case_id=case_id, level=level, decided_on=on, reason="Đánh giá")

    def contact(case_id: str, on: str) -> None:
        w.put("case_contact", case_id=case_id, contact_on=on, kind="visit", content="Đến nhà")

    c1 = case(1, release_date="2025-10-01", reported_on="2025-10-03")
    classify(c1, "B", "2025-10-05")
    for on in ("2025-11-01", "2026-01-15", "2026-03-20"):
        contact(c1, on)
    w.put(
        "case_incident",
        case_id=c1,
        occurred_on="2026-02-10",
        kind="reoffence",
        description="Trộm cắp tài sản",
    )
    w.put(
        "case_incident",
        case_id=c1,
        occurred_on="2026-02-11",
        kind="violation",
        description="Gây rối",
    )
    c2 = case(2, release_date="2026-02-01")
    classify(c2, "A", "2026-02-05")
    classify(c2, "C", "2026-03-10")
    contact(c2, "2026-02-20")
    c3 = case(
        3,
        release_date="2025-01-01",
        status="closed",
        closure_reason="expunged",
        closed_on="2026-03-15",
    )
    c4 = case(4, release_date="2026-01-10")
    w.delete("reintegration_case", c4)
    c5 = case(
        5,
        release_date="2025-06-01",
        status="closed",
        closure_reason="moved",
        closed_on="2025-12-01",
    )
    w.put(
        "case_incident",
        case_id=c5,
        occurred_on="2026-01-05",
        kind="reoffence",
        description="Sau khi đã chuyển đi",
    )  # not under management any more
    c6 = case(6, release_date="2025-09-01")
    classify(c6, "D", "2025-09-01")
    c7 = case(7, release_date="2025-12-01")
    classify(c7, "D", "2025-12-01")
    classify(c7, "B", "2026-02-01")
    c8 = case(8, release_date="2026-04-02")  # after the quarter
    deleted_contact = w.put(
        "case_contact", case_id=c2, contact_on="2026-03-01", kind="phone", content="Gọi điện"
    )
    w.delete("case_contact", deleted_contact)
    return {"c1": c1, "c2": c2, "c3": c3, "c5": c5, "c6": c6, "c7": c7, "c8": c8}


def _meetings(w: World, area: str, tag: str) -> dict[str, str]:
    def meeting(kind: str, when: str, **values: Any) -> str:
        return w.put(
            "meeting",
            meeting_type=kind,
            subject=f"Họp {when}{tag}",
            starts_at=when,
            area_id=area,
            **values,
        )

    m1 = meeting("hop_dan", "2026-01-10 19:00", present_count=30, absent_count=5)
    m2 = meeting("lang_nghe", "2026-02-15 08:00")
    for name, present in (("Ông A", True), ("Bà B", True), ("Ông C", False)):
        w.put("meeting_attendee", meeting_id=m2, kind="person", name=name, present=present)
    opinions = [
        ("answered", "2026-02-20", "2026-03-01"),  # answered in time
        ("open", None, "2026-03-01"),  # overdue at the quarter's end
        ("referred", None, "2026-05-01"),  # pending, not yet due
        ("answered", "2026-04-10", "2026-03-10"),  # answered only after the quarter: overdue
        ("closed", None, None),  # answered, no date
    ]
    for i, (status, replied, deadline) in enumerate(opinions, start=1):
        w.put(
            "opinion",
            meeting_id=m2,
            position=i,
            speaker_name=f"Người nói {i}",
            content="Ý kiến",
            status=status,
            replied_on=replied,
            deadline=deadline,
        )
    m3 = meeting("hop_dan", "2026-03-01 19:00")  # still a draft: not counted
    w.put("opinion", meeting_id=m3, speaker_name="Không tính", content="Ý kiến")
    m4 = meeting("so_ket", "2026-04-02 08:00")  # after the quarter
    m5 = meeting("hop_dan", "2026-03-05 19:00")
    m6 = meeting("hop_dan", "2026-03-31 20:30", present_count=12, absent_count=0)
    w.delete("meeting", m5)
    for held in (m1, m2, m4, m6):
        w.update("meeting", held, status="held")
    w.update("meeting", m2, status="closed")
    return {"m1": m1, "m2": m2, "m3": m3, "m4": m4, "m6": m6}


# --- the count made here ----------------------------------------------------------------------


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


def summary_of(stats: PeriodStats) -> dict[str, int]:
    got = dict(vars(stats.summary()))
    got.pop("contacts_due")  # checked by hand below: a schedule, not a count of rows
    return got


# --- a commune's quarter ----------------------------------------------------------------------


@pytest.fixture
def post(env: Env) -> Iterator[tuple[World, dict[str, str]]]:
    world = World(env.db, env.admin)
    yield world, build_commune(world)


def test_every_figure_of_a_quarter_matches_a_count_of_the_records(
    post: tuple[World, dict[str, str]],
) -> None:
    w, _ids = post
    stats = period_stats(w.db, w.actor, Q1_START, Q1_END, today=TODAY)
    assert stats.label == "Quý I năm 2026"
    assert stats.unit_name == "Công an phường Hồng Hà" and stats.unit_code == HONG_HA
    assert summary_of(stats) == expected_summary(w, Q1_START, Q1_END, Q1_END)
    # The same numbers written out, so a wrong count above cannot hide in the oracle.
    assert summary_of(stats) == {
        "households": 7,
        "covered_households": 3,
        "groups_active": 2,  # g1, g2 (g3 deleted, g4 dissolved, g5 founded later)
        "groups_founded": 1,
        "teams_active": 2,
        "teams_founded": 1,
        "cases_managed": 4,  # c1, c2, c6, c7
        "cases_new": 1,
        "cases_closed": 1,
        "contacts_done": 3,
        "managed_people": 5,
        "reoffenders": 1,
        "meetings": 3,
        "present": 44,
        "absent": 6,
        "opinions_raised": 5,
        "opinions_answered": 2,
        "opinions_overdue": 2,
    }


def test_area_coverage_and_the_records_behind_each_figure(
    post: tuple[World, dict[str, str]],
) -> None:
    w, _ = post
    stats = period_stats(w.db, w.actor, Q1_START, Q1_END, today=TODAY)
    want = expected_register(w, Q1_START, Q1_END)
    assert set(stats.covered.ids) == want["covered"] and stats.covered.record_type == "household"
    assert set(stats.households.ids) == want["households"]
    shown = {a.area_id: (set(a.households.ids), set(a.covered.ids)) for a in stats.areas}
    assert shown == want["by_area"]
    assert [a.area for a in stats.areas] == ["Thôn Đồng Tâm", "Thôn Mới", "Tổ dân phố 2"]
    assert stats.coverage.rate and stats.coverage.value == pytest.approx(3 / 7)
    assert set(stats.groups.groups_active.ids) == want["groups_active"]
    assert set(stats.groups.teams_founded.ids) == want["teams_founded"]
    assert stats.groups.rating_years == ()  # no 14/11 in a first quarter


def test_cases_by_class_over_months_contacts_and_reoffence(
    post: tuple[World, dict[str, str]],
) -> None:
    w, ids = post
    stats = period_stats(w.db, w.actor, Q1_START, Q1_END, today=TODAY)
    want = expected_cases(w, Q1_START, Q1_END)
    cases = stats.cases
    assert [tuple(f.count for f in m.by_class) for m in cases.by_month] == want["months"]
    assert want["months"] == [(0, 1, 0, 2, 1), (1, 2, 0, 1, 1), (0, 2, 1, 1, 0)]
    assert [m.month for m in cases.by_month] == [date(2026, m, 1) for m in (1, 2, 3)]
    assert set(cases.managed.ids) == want["managed"]
    assert set(cases.new.ids) == want["new"] == {ids["c2"]}
    assert {f.label: f.count for f in cases.closed_by_reason if f.count} == {
        "Đã được xóa án tích": 1
    }
    assert set(cases.contacts_done.ids) == want["contacts"]
    # Due by the schedule (B every 30 days, A 90, C 14, D none), worked out by hand:
    # c1 counts from its contact of 15/01: due 14/02, next contact only 20/03 (late);
    # c2 from release 01/02, unclassified so as B: due 03/03, contacted 20/02 (in time);
    # c7 is D until 01/02, then B: due 03/03, never contacted (late); c3's and c6's dues
    # fell before the quarter (c6 is D from release), c5 was closed before it.
    assert (cases.contacts_due.count, cases.contacts_on_time.count) == (3, 1)
    assert set(cases.contacts_due.ids) == {ids["c1"], ids["c2"], ids["c7"]}
    assert set(cases.contacts_on_time.ids) == {ids["c2"]}
    assert set(cases.reoffenders.ids) == want["reoffended"] == {ids["c1"]}
    assert cases.reoffence_rate.value == pytest.approx(1 / 5)


def test_meetings_by_month_and_type_attendance_and_opinions(
    post: tuple[World, dict[str, str]],
) -> None:
    w, ids = post
    stats = period_stats(w.db, w.actor, Q1_START, Q1_END, today=TODAY)
    want = expected_meetings(w, Q1_START, Q1_END, Q1_END)
    m = stats.meetings
    assert set(m.total.ids) == want["held"] == {ids["m1"], ids["m2"], ids["m6"]}
    assert [t.code for t in m.types] == ["hop_dan", "lang_nghe"]
    assert [t.label for t in m.types] == ["Họp dân", "Hội nghị Công an lắng nghe ý kiến Nhân dân"]
    assert {t.code: set(f.ids) for t, f in zip(m.types, m.by_type, strict=True)} == want["by_type"]
    assert [(x.total, x.present, x.absent) for x in m.by_month] == [
        (1, 30, 5),
        (1, 2, 1),
        (1, 12, 0),
    ]
    assert (m.present.count, m.absent.count) == (want["present"], want["absent"])
    o = stats.opinions
    assert set(o.raised.ids) == want["raised"]
    assert set(o.answered.ids) == want["answered"]
    assert set(o.pending.ids) == want["pending"]
    assert set(o.overdue.ids) == want["overdue"]


def test_deadlines_are_judged_today_while_the_period_runs(
    post: tuple[World, dict[str, str]],
) -> None:
    w, _ = post
    early = date(2026, 3, 5)  # o2 (due 01/03) is late, o4 (due 10/03) not yet
    stats = period_stats(w.db, w.actor, Q1_START, Q1_END, today=early)
    assert stats.as_of == early
    assert (
        stats.opinions.overdue.count
        == len(expected_meetings(w, Q1_START, Q1_END, early)["overdue"])
        == 1
    )


def test_a_year_and_a_movement_year_bring_the_ratings(post: tuple[World, dict[str, str]]) -> None:
    w, _ = post
    year = period_stats(w.db, w.actor, date(2025, 1, 1), date(2025, 12, 31), today=TODAY)
    assert year.groups.rating_years == (2025,)
    assert [(r.level, r.figure.label, r.figure.count) for r in year.groups.group_ratings] == [
        ("tot", "Tốt", 1)
    ]
    assert [(r.level, r.figure.count) for r in year.groups.team_ratings] == [("hoan_thanh", 1)]
    start, end = periods.bounds(periods.MOVEMENT_YEAR, date(2026, 3, 1))
    movement = period_stats(w.db, w.actor, start, end, today=TODAY)
    assert movement.label == "Năm 2026 (từ 15/11/2025 đến 14/11/2026)"
    assert movement.groups.rating_years == (2026,)
    assert [r.level for r in movement.groups.group_ratings] == ["xuat_sac"]
    assert summary_of(movement) == expected_summary(w, start, end, TODAY)
    assert len(movement.cases.by_month) == 13  # 11/2025 … 11/2026


def test_a_viewer_gets_the_numbers_but_not_which_contacts(
    post: tuple[World, dict[str, str]], env: Env
) -> None:
    _w, _ = post
    officers.add(env.db, env.admin, "xem", "mat-khau-xem", role="viewer")
    viewer = officers.login(env.db, "xem", "mat-khau-xem")
    stats = period_stats(env.db, viewer, Q1_START, Q1_END, today=TODAY)
    assert stats.cases.contacts_done.count == 3 and stats.cases.contacts_done.ids == ()
    assert stats.cases.managed.ids  # the case list itself shows viewers a minimal view


def test_a_post_sees_only_its_own_commune(post: tuple[World, dict[str, str]]) -> None:
    w, _ = post
    with pytest.raises(ValidationError, match="chỉ xem số liệu của đơn vị mình"):
        period_stats(w.db, w.actor, Q1_START, Q1_END, BA_DINH)
    with pytest.raises(ValidationError, match="phải từ ngày bắt đầu"):
        period_stats(w.db, w.actor, Q1_END, Q1_START)


# --- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "on", "start", "end", "label"),
    [
        (periods.MONTH, date(2028, 2, 10), date(2028, 2, 1), date(2028, 2, 29), "Tháng 2 năm 2028"),
        (
            periods.QUARTER,
            date(2026, 7, 1),
            date(2026, 7, 1),
            date(2026, 9, 30),
            "Quý III năm 2026",
        ),
        (
            periods.QUARTER,
            date(2026, 9, 30),
            date(2026, 7, 1),
            date(2026, 9, 30),
            "Quý III năm 2026",
        ),
        (
            periods.QUARTER,
            date(2026, 12, 31),
            date(2026, 10, 1),
            date(2026, 12, 31),
            "Quý IV năm 2026",
        ),
        (
            periods.HALF,
            date(2026, 6, 30),
            date(2026, 1, 1),
            date(2026, 6, 30),
            "6 tháng đầu năm 2026",
        ),
        (
            periods.HALF,
            date(2026, 7, 1),
            date(2026, 7, 1),
            date(2026, 12, 31),
            "6 tháng cuối năm 2026",
        ),
        (periods.YEAR, date(2026, 11, 20), date(2026, 1, 1), date(2026, 12, 31), "Năm 2026"),
        (
            periods.MOVEMENT_YEAR,
            date(2026, 11, 14),
            date(2025, 11, 15),
            date(2026, 11, 14),
            "Năm 2026 (từ 15/11/2025 đến 14/11/2026)",
        ),
        (
            periods.MOVEMENT_YEAR,
            date(2025, 11, 15),
            date(2025, 11, 15),
            date(2026, 11, 14),
            "Năm 2026 (từ 15/11/2025 đến 14/11/2026)",
        ),
        (
            periods.MOVEMENT_YEAR,
            date(2026, 11, 15),
            date(2026, 11, 15),
            date(2027, 11, 14),
            "Năm 2027 (từ 15/11/2026 đến 14/11/2027)",
        ),
    ],
)
def test_period_boundaries_and_labels(
    kind: str, on: date, start: date, end: date, label: str
) -> None:
    period = periods.period(kind, on)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert periods.label(start, end) == label  # the same days typed as --from/--to


def test_other_periods_are_named_by_their_days_and_dates_parse_both_ways() -> None:
    assert periods.label(date(2026, 3, 5), date(2026, 4, 4)) == (
        "Từ ngày 05/03/2026 đến ngày 04/04/2026"
    )
    assert periods.parse_day("05/03/2026") == periods.parse_day("2026-03-05") == date(2026, 3, 5)
    with pytest.raises(ValidationError, match="Ngày không hợp lệ"):
        periods.parse_day("31/02/2026")
    with pytest.raises(ValidationError, match="Kỳ báo cáo"):
        periods.bounds("week", date(2026, 1, 1))


# --- the province -----------------------------------------------------------------------------


_hub_names = iter(range(1, 10_000))


@pytest.fixture
def hub(env: Env, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Any, Any]]:
    """A hub database, empty, on the engine of `env`'s parametrisation."""
    server, name = None, f"antq_stats_hub{next(_hub_names)}"
    if env.kind == "sqlite":
        target = str(tmp_path / "hub.sqlite3")
    else:
        server = request.getfixturevalue("pg_server")
        _pg_admin(server, f"CREATE DATABASE {name}")
        target = _pg_url(server, name)
    db = open_database(target)
    result = setup.init_replica(
        db,
        role="hub",
        unit_code=HANOI,
        name="Công an thành phố Hà Nội",
        admin_user=ADMIN,
        admin_password=PASSWORD,
    )
    yield db, result.admin
    db.dispose()
    if server is not None:
        _pg_admin(server, f"DROP DATABASE {name} WITH (FORCE)")


def test_the_province_has_a_row_per_commune_and_totals_that_add_up(
    hub: tuple[Any, Any],
) -> None:
    db, actor = hub
    worlds = {code: World(db, actor, unit_code=code) for code in (HONG_HA, BA_DINH)}
    build_commune(worlds[HONG_HA])
    build_commune(worlds[BA_DINH], tag=" B")
    worlds[BA_DINH].put(
        "household", address="Số 99 B", area_id=next(iter(worlds[BA_DINH].live("area")))
    )
    result = province_stats(db, actor, Q1_START, Q1_END, today=TODAY)
    assert [(r.unit_code, r.name) for r in result.rows] == [
        (BA_DINH, "Phường Ba Đình"),
        (HONG_HA, "Phường Hồng Hà"),
    ]
    for row in result.rows:
        got = dict(vars(row.summary))
        got.pop("contacts_due")
        assert got == expected_summary(worlds[row.unit_code], Q1_START, Q1_END, Q1_END)
        one = period_stats(db, actor, Q1_START, Q1_END, row.unit_code, today=TODAY)
        assert one.summary() == row.summary
        assert one.unit_name == f"Công an phường {row.name.split(' ', 1)[1]}"
    totals = vars(result.total)
    for name, value in totals.items():
        assert value == sum(vars(r.summary)[name] for r in result.rows), name
    assert result.total.households == 7 + 8
    assert result.total.coverage == pytest.approx(6 / 15)
    assert result.total.reoffence_rate == pytest.approx(2 / 10)
    whole = period_stats(db, actor, Q1_START, Q1_END, today=TODAY)
    assert whole.summary() == result.total and whole.unit_name == "Công an thành phố Hà Nội"


@pytest.fixture
def synced(tmp_path: Path) -> Iterator[dict[str, Replica]]:
    """A Hà Nội hub and two posts; Hồng Hà sends its records, Ba Đình has sent nothing."""
    hub = Replica.create("hub", str(tmp_path / "hub.sqlite3"), "hub", HANOI, tmp_path)
    a = Replica.create("a", str(tmp_path / "a.sqlite3"), "post", HONG_HA, tmp_path)
    b = Replica.create("b", str(tmp_path / "b.sqlite3"), "post", BA_DINH, tmp_path)
    for post in (a, b):
        post.trust(hub)
        hub.trust(post)
    build_commune(World(a.db, a.actor))
    hub.receive(a.send(hub))
    yield {"hub": hub, "a": a, "b": b}
    for replica in (hub, a, b):
        replica.close()


def test_reporting_posts_name_the_last_package_its_version_and_who_is_silent(
    synced: dict[str, Replica],
) -> None:
    hub = synced["hub"]
    today = date.today()
    posts = {p.unit_code: p for p in reporting_posts(hub.db, hub.actor, today, today)}
    assert set(posts) == {HONG_HA, BA_DINH}
    a, b = posts[HONG_HA], posts[BA_DINH]
    assert a.reported and a.app_version == __version__ and a.last_received is not None
    assert a.last_received.astimezone().date() == today
    assert not b.reported and b.last_received is None and b.app_version is None
    earlier = reporting_posts(hub.db, hub.actor, today - timedelta(days=30), today - timedelta(1))
    assert not any(p.reported for p in earlier)
    result = province_stats(hub.db, hub.actor, Q1_START, today)
    assert [p.unit_code for p in result.not_reported] == [BA_DINH]
    assert [r.unit_code for r in result.rows] == [BA_DINH, HONG_HA]  # a silent post: zeros
    assert result.rows[0].summary.households == 0
    assert result.rows[1].summary.households == 7


def test_the_province_report_on_paper_and_in_a_workbook(
    synced: dict[str, Replica], tmp_path: Path
) -> None:
    hub = synced["hub"]
    today = date.today()
    pdf, xlsx = tmp_path / "tinh.pdf", tmp_path / "tinh.xlsx"
    assert write_report(hub.db, hub.actor, Q1_START, today, pdf).province
    write_report(hub.db, hub.actor, Q1_START, today, xlsx)
    text = pdf_text(pdf)
    assert "CÔNG AN THÀNH PHỐ HÀ NỘI" in text and "BỘ CÔNG AN" in text
    assert "Số: ……/BC-CAT" in text and "GIÁM ĐỐC" in text
    assert "Phường Hồng Hà" in text and "Phường Ba Đình" in text and "Tổng cộng" in text
    assert "CÁC ĐƠN VỊ CHƯA BÁO CÁO TRONG KỲ" in text and "Công an b" in text
    silent = text.split("CHƯA BÁO CÁO TRONG KỲ")[1]
    assert "Phường Ba Đình" in silent and "Phường Hồng Hà" not in silent
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Thông tin", "Theo đơn vị", "Đơn vị báo cáo"]
    rows = list(book["Theo đơn vị"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("Mã đơn vị", "Đơn vị", "Số hộ gia đình")
    assert [r[0] for r in rows[1:]] == [BA_DINH, HONG_HA, None]
    assert rows[-1][1] == "Tổng cộng"
    households = header.index("Số hộ gia đình")
    assert rows[-1][households] == rows[1][households] + rows[2][households] == 7
    rate = header.index("Tỷ lệ hộ tham gia tổ tự quản")
    covered = header.index("Hộ tham gia tổ tự quản")
    assert isinstance(rows[2][rate], float)
    assert rows[2][rate] == pytest.approx(rows[2][covered] / rows[2][households])
    assert book["Theo đơn vị"].cell(4, rate + 1).number_format == "0.0%"
    posts = list(book["Đơn vị báo cáo"].iter_rows(values_only=True))
    assert posts[0] == (
        "Mã đơn vị",
        "Đơn vị",
        "Máy gửi số liệu",
        "Lần nhận gói gần nhất",
        "Phiên bản",
        "Số gói nhận trong kỳ",
        "Tình trạng",
    )
    assert {(r[0], r[1], r[6]) for r in posts[1:]} == {
        (HONG_HA, "Phường Hồng Hà", "Đã báo cáo"),
        (BA_DINH, "Phường Ba Đình", "Chưa báo cáo"),
    }
    reported = next(r for r in posts[1:] if r[0] == HONG_HA)
    assert reported[4] == __version__ and reported[5] == 1 and isinstance(reported[3], datetime)


# --- paper, workbook and command line ---------------------------------------------------------


def pdf_text(path: Path) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert unicodedata.is_normalized("NFC", text)
    return " ".join(text.split())


def pdf_fonts(path: Path) -> set[str]:
    found = set()
    for page in PdfReader(path).pages:
        resources: Any = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            found.add(str(ref.get_object()["/BaseFont"]).split("+")[-1])
        for ref in resources.get("/XObject", {}).values():
            inner: Any = ref.get_object().get("/Resources", {})
            for font in inner.get("/Font", {}).values():
                found.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return found


def test_the_commune_report_pdf_has_title_period_post_numbers_and_charts(
    sqlite_env: Env, tmp_path: Path
) -> None:
    w = World(sqlite_env.db, sqlite_env.admin)
    build_commune(w)
    out = tmp_path / "bao-cao.pdf"
    written = write_report(w.db, w.actor, Q1_START, Q1_END, out, on=date(2026, 4, 5))
    assert (written.kind, written.province, written.label) == ("pdf", False, "Quý I năm 2026")
    text = pdf_text(out)
    for expected in (
        "CÔNG AN THÀNH PHỐ HÀ NỘI",
        "CÔNG AN PHƯỜNG HỒNG HÀ",
        "Số: ……/BC-CAP",
        "Hồng Hà, ngày 05 tháng 4 năm 2026",
        "BÁO CÁO",
        "Kết quả phong trào Toàn dân bảo vệ an ninh Tổ quốc",
        "Quý I năm 2026",
        "Công an phường Hồng Hà báo cáo",
        "quý I năm 2026 (từ ngày 01/01/2026 đến ngày 31/03/2026)",
        "3/7 hộ gia đình tham gia (tỷ lệ 42,9%)",
        "đang quản lý 4 người",
        "tiếp nhận mới 1 người",
        "Đã được xóa án tích: 1",
        "3 lượt đến hạn trong kỳ, 1 lượt thực hiện đúng hạn",
        "1/5 người được quản lý (tỷ lệ tái phạm 20,0%)",
        "tổ chức 3 cuộc họp, hội nghị",
        "44 lượt người tham dự, 6 lượt vắng mặt",
        "Nhân dân nêu 5 ý kiến",
        "2 ý kiến đã quá hạn",
        "Thôn Đồng Tâm",
        "Biểu đồ 1. Người đang quản lý theo phân loại",
        "Biểu đồ 2. Số cuộc họp, hội nghị theo tháng",
        "Loại A",
        "02/2026",
        "TRƯỞNG CÔNG AN PHƯỜNG HỒNG HÀ",
        "Nguyễn Văn Trưởng",
        "Nơi nhận:",
    ):
        assert expected in text, expected
    assert {f.split("-")[0] for f in pdf_fonts(out)} == {"LiberationSerif"}
    events = audit.list_events(w.db, w.actor, limit=5)
    assert events[0].action == "export" and events[0].detail["document"] == "stats"
    assert events[0].detail["from"] == "2026-01-01" and events[0].detail["file"] == out.name


def test_the_commune_workbook_holds_numbers_and_percentages(
    sqlite_env: Env, tmp_path: Path
) -> None:
    w = World(sqlite_env.db, sqlite_env.admin)
    build_commune(w)
    out = tmp_path / "so-lieu.xlsx"
    write_report(w.db, w.actor, Q1_START, Q1_END, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Thông tin",
        "Tổng hợp",
        "Hộ theo thôn",
        "Phân loại theo tháng",
        "Họp theo tháng",
        "Xếp loại",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.cell(1, 1).font.bold
    summary = {r[0]: r[1] for r in book["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert summary["Tổng số hộ gia đình"] == 7 and isinstance(summary["Tổng số hộ gia đình"], int)
    assert summary["Tỷ lệ tái phạm"] == pytest.approx(0.2)
    assert summary["Lượt tiếp xúc đến hạn"] == 3
    assert summary["Kết thúc quản lý: Đã được xóa án tích"] == 1
    rate_row = next(
        r for r in book["Tổng hợp"].iter_rows(min_row=2) if r[0].value == "Tỷ lệ tái phạm"
    )
    assert rate_row[1].number_format == "0.0%"
    areas = list(book["Hộ theo thôn"].iter_rows(values_only=True))
    assert areas[0] == ("Thôn, tổ dân phố", "Tổng số hộ", "Hộ tham gia tổ tự quản", "Tỷ lệ")
    assert areas[-1][:3] == ("Tổng cộng", 7, 3)
    assert areas[-1][3] == pytest.approx(3 / 7)
    classes = list(book["Phân loại theo tháng"].iter_rows(values_only=True))
    assert classes[0] == ("Tháng", "Loại A", "Loại B", "Loại C", "Loại D", "Chưa phân loại", "Tổng")
    assert [r[1:] for r in classes[1:]] == [
        (0, 1, 0, 2, 1, 4),
        (1, 2, 0, 1, 1, 5),
        (0, 2, 1, 1, 0, 4),
    ]
    assert classes[1][0].date() == date(2026, 1, 1)  # a real date, shown as mm/yyyy
    meetings = list(book["Họp theo tháng"].iter_rows(values_only=True))
    assert meetings[0][1:3] == ("Họp dân", "Hội nghị Công an lắng nghe ý kiến Nhân dân")
    assert meetings[-1] == ("Tổng cộng", 2, 1, 3, 44, 6)


def test_the_command_line_writes_either_format_for_a_period(
    sqlite_env: Env,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    build_commune(World(sqlite_env.db, sqlite_env.admin))
    monkeypatch.setenv("ANTQ_PASSWORD", PASSWORD)
    base = ["--db", sqlite_env.url, "--user", ADMIN, "report", "stats"]
    pdf, xlsx = tmp_path / "q1.pdf", tmp_path / "q1.xlsx"
    assert main([*base, "--period", "quarter", "--on", "15/02/2026", "--out", str(pdf)]) == 0
    assert "Quý I năm 2026" in capsys.readouterr().out
    assert "Quý I năm 2026" in pdf_text(pdf)
    assert main([*base, "--from", "01/01/2026", "--to", "2026-03-31", "--out", str(xlsx)]) == 0
    assert openpyxl.load_workbook(xlsx)["Thông tin"]["B3"].value == "Quý I năm 2026"
    capsys.readouterr()
    assert main([*base, "--from", "01/01/2026", "--out", str(pdf)]) == 2
    assert "--from và --to" in capsys.readouterr().err
    assert main([*base, "--period", "year", "--from", "01/01/2026", "--out", str(pdf)]) == 2
    assert main([*base, "--period", "year", "--out", str(tmp_path / "x.docx")]) == 2
    assert ".pdf hoặc .xlsx" in capsys.readouterr().err
    assert main([*base, "--period", "year", "--unit-code", BA_DINH, "--out", str(pdf)]) == 2
