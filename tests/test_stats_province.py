"""The province's statistics at a hub: a row per commune with totals that add up, the posts
that have not reported in the period, and the province report on paper and in a workbook."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop_app import __version__
from desktop_app.database import open_database
from desktop_app.services import setup
from desktop_app.services.stats import period_stats, province_stats, reporting_posts
from desktop_app.services.stats_files import write_report
from tests.conftest import ADMIN, PASSWORD, Env, _pg_admin, _pg_url
from tests.stats_expected import expected_summary
from tests.stats_support import (
    BA_DINH,
    HANOI,
    HONG_HA,
    Q1_END,
    Q1_START,
    TODAY,
    World,
    build_commune,
    pdf_text,
)
from tests.sync_harness import Replica

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
