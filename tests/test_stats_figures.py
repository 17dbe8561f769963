"""Periodic statistics of a commune: every figure of a quarter checked against a count made here
from the records the test created, the records behind each figure, ratings and who may see what."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from desktop_app import periods
from desktop_app.errors import ValidationError
from desktop_app.services import officers
from desktop_app.services.stats import period_stats
from desktop_app.services.stats_model import PeriodStats
from tests.conftest import Env
from tests.stats_expected import (
    expected_cases,
    expected_meetings,
    expected_register,
    expected_summary,
)
from tests.stats_support import (
    BA_DINH,
    HONG_HA,
    Q1_END,
    Q1_START,
    TODAY,
    World,
    build_commune,
)


def summary_of(stats: PeriodStats) -> dict[str, int]:
    got = dict(vars(stats.summary()))
    got.pop("contacts_due")  # checked by hand below: a schedule, not a count of rows
    return got


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
