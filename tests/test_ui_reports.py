"""The statistics on screen: the overview's charts show period_stats' numbers and open the
records behind a bar; the report panel writes the PDF and the workbook; a hub sees who reported."""

from __future__ import annotations

import shutil
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget, QTableWidgetItem

from desktop_app import __version__, periods
from desktop_app.database import open_database
from desktop_app.demo.seed import seed
from desktop_app.services import officers, records
from desktop_app.services.stats import period_stats
from desktop_app.services.stats_model import AreaCoverage, Figure, PeriodStats
from tests.conftest import ADMIN, PASSWORD, UNIT_NAME, initialise
from tests.sync_harness import Replica
from ui import errors
from ui.charts import AREA_ROWS, Bar, BarChart, Chart, PartChart, nice_scale, show_coverage
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.ops import MutationOp, task_manager
from ui.pages.base import ListsPage
from ui.pages.overview import OverviewPage, StatsCharts
from ui.pages.registers import ReportsPage
from ui.print_preview import PdfPreview
from ui.stats_dialogs import FigureRecords, ReportPanel, default_day, report_file_name

# A movement year that has ended, or nearly: the demo's records lie in the months before today.
DAY = date.today() - timedelta(days=40)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded-reports") / "seeded.sqlite3"
    admin = initialise(str(path))
    db = open_database(path)
    seed(db, admin, households=40, seed=7)
    db.dispose()
    return path


@pytest.fixture
def ctx(seeded_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "ui.sqlite3"
    shutil.copyfile(seeded_template, path)
    db = open_database(path)
    yield AppContext(db, officers.login(db, ADMIN, PASSWORD))
    db.dispose()


@pytest.fixture
def sync_ops(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(task_manager(), "synchronous", True)
    monkeypatch.setattr(sys, "_antq_quiet_errors", True, raising=False)
    errors.shown.clear()
    yield
    assert errors.shown == []


def main_window(ctx: AppContext, qtbot: QtBot) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


@pytest.fixture
def window(ctx: AppContext, qtbot: QtBot, sync_ops: None) -> MainWindow:
    return main_window(ctx, qtbot)


def overview_charts(window: MainWindow) -> tuple[OverviewPage, StatsCharts, PeriodStats]:
    page = window.show_page("overview")
    assert isinstance(page, OverviewPage)
    page.charts.chooser.set_period(periods.MOVEMENT_YEAR, DAY)
    ctx = window.ctx
    stats = period_stats(ctx.db, ctx.actor, *page.charts.chooser.period())
    assert page.charts.stats == stats
    return page, page.charts, stats


def figures(chart: Chart) -> list[Figure]:
    return [bar.figure for bar in chart.bars]


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def click(qtbot: QtBot, chart: Chart, bar: Bar) -> None:
    chart.ensurePolished()
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=bar.rect.center().toPoint())


# --- the overview's charts ------------------------------------------------------------------


def test_the_charts_show_the_numbers_of_period_stats(window: MainWindow) -> None:
    _page, charts, stats = overview_charts(window)
    months = [i for i, m in enumerate(stats.cases.by_month) if m.month <= stats.as_of]
    assert len(months) >= 11  # a movement year begun over eleven months ago
    cases = [stats.cases.by_month[i] for i in months]
    assert [[f.count for f in c.figures] for c in charts.cases.columns] == [
        [f.count for f in m.by_class] for m in cases
    ]
    assert figures(charts.cases) == [f for m in cases for f in m.by_class if f.count]
    assert charts.cases.columns[0].label == f"T{cases[0].month.month}\n{cases[0].month.year}"
    meetings = [stats.meetings.by_month[i] for i in months]
    assert figures(charts.meetings) == [f for m in meetings for f in m.by_type if f.count]
    assert sum(b.figure.count for b in charts.meetings.bars) == stats.meetings.total.count > 0
    attendance = [(b.figure.label, b.figure.count) for b in charts.attendance.bars]
    present, absent = stats.meetings.present.label, stats.meetings.absent.label
    assert attendance == [
        (label, n) for m in meetings for label, n in ((present, m.present), (absent, m.absent)) if n
    ]
    coverage = [(r.label, r.part, r.whole) for r in charts.coverage.rows]
    assert coverage == [(a.area, a.covered, a.households) for a in stats.areas]
    assert [b.figure.count for b in charts.coverage.bars if b.track] == [
        a.households.count for a in stats.areas
    ]
    c, o = stats.cases, stats.opinions
    assert figures(charts.contacts) == [
        f for f in (c.contacts_due, c.contacts_on_time, c.contacts_done) if f.count
    ]
    assert figures(charts.opinions) == [
        f for f in (o.raised, o.answered, o.pending, o.overdue) if f.count
    ]
    assert charts.chooser.label() == stats.label and charts.unit.text() == UNIT_NAME


def test_clicking_a_bar_opens_exactly_the_records_behind_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    page, charts, _stats = overview_charts(window)
    bar = next(b for b in charts.cases.bars if b.figure.ids)
    click(qtbot, charts.cases, bar)
    dialog = page.records_dialog
    assert isinstance(dialog, FigureRecords) and dialog.isVisible()
    assert dialog.ids == list(bar.figure.ids)
    assert dialog.table.rowCount() == len(bar.figure.ids)
    case_no = records.get(window.ctx.db, window.ctx.actor, "reintegration_case", dialog.ids[0])
    assert cell(dialog.table, 0, 0).text() == case_no.get("case_no")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter opens the chosen record
    cases = window.stack.currentWidget()
    assert isinstance(cases, ListsPage) and cases.name == "cases"
    assert cases.current_list().detail.current == ("reintegration_case", dialog.ids[0])


def test_a_contact_opens_its_case_and_a_meeting_opens_on_the_meetings_page(
    window: MainWindow, qtbot: QtBot
) -> None:
    page, charts, stats = overview_charts(window)
    done = next(b for b in charts.contacts.bars if b.figure == stats.cases.contacts_done)
    click(qtbot, charts.contacts, done)
    dialog = page.records_dialog
    assert dialog is not None and dialog.figure.record_type == "case_contact"
    assert dialog.ids == list(stats.cases.contacts_done.ids)
    contact = records.get(window.ctx.db, window.ctx.actor, "case_contact", dialog.ids[0])
    dialog.open_row(0)
    cases = window.stack.currentWidget()
    assert isinstance(cases, ListsPage) and cases.name == "cases"
    assert cases.current_list().detail.current == ("reintegration_case", contact.get("case_id"))
    overview = window.show_page("overview")
    assert isinstance(overview, OverviewPage)
    meeting = charts.meetings.bars[0]
    click(qtbot, charts.meetings, meeting)
    assert page.records_dialog is not None
    page.records_dialog.open_row(0)
    meetings = window.stack.currentWidget()
    assert isinstance(meetings, ListsPage) and meetings.name == "meetings"
    assert meetings.current_list().detail.current == ("meeting", meeting.figure.ids[0])


def test_charts_hidden_when_records_change_are_counted_again_when_shown(
    window: MainWindow,
) -> None:
    _page, charts, stats = overview_charts(window)
    window.show_page("households")
    ctx = window.ctx
    area = stats.areas[0].area_id
    MutationOp(
        window,
        lambda: records.put(ctx.db, ctx.actor, "household", {"address": "Số 9", "area_id": area}),
    ).run()
    assert charts.stale and charts.stats == stats  # not counted while out of sight
    window.show_page("overview")
    assert not charts.stale and charts.stats is not None
    assert charts.stats.households.count == stats.households.count + 1
    assert charts.coverage.rows[0].whole.count == stats.areas[0].households.count + 1


def test_the_keyboard_walks_the_bars_and_enter_chooses_one(
    window: MainWindow, qtbot: QtBot
) -> None:
    _page, charts, _stats = overview_charts(window)
    chart = charts.opinions
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    assert chart.current == 0
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    with qtbot.waitSignal(chart.figure_chosen) as chosen:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert chosen.args == [chart.bars[1].figure]
    assert isinstance(window.page("overview").records_dialog, FigureRecords)  # type: ignore[attr-defined]


def test_a_viewer_sees_the_number_of_contacts_but_a_click_opens_nothing(
    ctx: AppContext, qtbot: QtBot, sync_ops: None
) -> None:
    officers.add(ctx.db, ctx.actor, "xem", "mat-khau-xem", role="viewer")
    viewer = AppContext(ctx.db, officers.login(ctx.db, "xem", "mat-khau-xem"))
    window = main_window(viewer, qtbot)
    page, charts, stats = overview_charts(window)
    hidden = stats.cases.contacts_done
    assert hidden.count > 0 and hidden.ids == ()
    bar = next(b for b in charts.contacts.bars if b.figure == hidden)
    click(qtbot, charts.contacts, bar)
    assert page.records_dialog is None
    assert "chỉ xem được con số" in window.statusBar().currentMessage()
    assert "không kèm danh sách" in charts.contacts.tooltip(bar)


def test_of_a_province_s_many_areas_the_least_covered_are_drawn(window: MainWindow) -> None:
    _page, charts, stats = overview_charts(window)
    homes = Figure("Số hộ", 10, "household")
    many = tuple(
        AreaCoverage(str(i), f"Thôn {i}", homes, Figure("Hộ tham gia tổ", i % 10, "household"))
        for i in range(40)
    )
    show_coverage(charts.coverage, replace(stats, areas=many))
    assert len(charts.coverage.rows) == AREA_ROWS == 15
    covered = sorted(r.part.count for r in charts.coverage.rows)
    assert covered == [0] * 4 + [1] * 4 + [2] * 4 + [3] * 3
    assert charts.coverage.note == "15/40 thôn, tổ dân phố có tỷ lệ thấp nhất"
    assert any(t.full == charts.coverage.note for t in charts.coverage.texts)


def test_every_chart_draws_bars_and_an_empty_one_says_so(window: MainWindow) -> None:
    _page, charts, _stats = overview_charts(window)
    for chart in charts.charts():
        image = chart.grab().toImage()
        assert image.width() > 300 and image.height() >= 240, chart.title
        assert len(colours(image)) > 20, chart.title  # text, axes and bars, not a blank card
        bar = next(b for b in chart.bars if not b.track)
        centre = bar.rect.center().toPoint() * image.devicePixelRatio()
        assert image.pixelColor(centre) == bar.color, chart.title
    empty = BarChart()
    empty.resize(320, 220)
    empty.set_title("Cuộc họp", "Không có số liệu trong kỳ.")
    empty.set_data([], [])
    assert not empty.has_data() and len(colours(empty.grab().toImage())) > 2


def colours(image: QImage) -> set[int]:
    step = 3
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def test_round_axes_and_elided_labels_with_the_full_text_in_a_tooltip(qtbot: QtBot) -> None:
    assert nice_scale(0) == (1, 1)
    assert nice_scale(3) == (3, 1)
    assert nice_scale(49) == (60, 20)
    assert nice_scale(1048) == (1500, 500)
    chart = PartChart()
    qtbot.addWidget(chart)
    chart.resize(300, 200)
    long = "Thôn Đồng Tâm mở rộng phía tây giáp đường liên xã"
    homes = Figure("Số hộ", 4, "household", ("a", "b", "c", "d"))
    covered = Figure("Hộ tham gia tổ", 3, "household", ("a", "b", "c"))
    from ui.charts import Part, Series

    chart.set_data([Part(long, covered, homes)], Series("Hộ", "#1f5f8b"), Series("Tổng", "#ddd"))
    label = next(t for t in chart.texts if t.full == long)
    assert label.shown != long and label.shown.endswith("…")
    assert chart._tooltip_at(label.rect.center()) == long
    fill, track = chart.bars
    assert (fill.figure, track.figure) == (covered, homes) and track.track
    assert fill.rect.width() == pytest.approx(track.rect.width() * 3 / 4)
    assert chart.bar_at(fill.rect.center()) == 0  # the fill lies over the track and wins


# --- the report panel -----------------------------------------------------------------------


def report_panel(window: MainWindow, kind: str = periods.QUARTER) -> ReportPanel:
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    page.panel.chooser.set_period(kind, DAY)
    return page.panel


def pdf_text(path: Path) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_the_report_panel_writes_a_pdf_and_offers_the_preview(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    panel = report_panel(window)
    start, end = panel.chooser.period()
    assert panel.stats is not None and panel.stats.label == periods.label(start, end)
    assert panel.figures.rowCount() == len(panel.stats.headline())
    out = tmp_path / report_file_name(start, end, ".pdf")
    assert out.name == f"bao-cao-quy-{(start.month - 1) // 3 + 1}-{start.year}.pdf"
    panel.make_report(".pdf", out)
    text = pdf_text(out)
    assert periods.label(start, end) in text and UNIT_NAME in text
    box = panel.done_box
    assert isinstance(box, QMessageBox) and str(out) in box.text()
    assert not panel.busy.isVisible() and panel.pdf_button.isEnabled()
    preview_button = box.buttons()[0]
    assert preview_button.text() == "Xem trước và in…"
    preview_button.click()
    preview = panel.preview
    assert isinstance(preview, PdfPreview)
    assert preview.pdf.data == out.read_bytes()
    qtbot.waitUntil(lambda: preview.page_count() > 0)
    preview.close()


def test_the_report_panel_exports_a_workbook_of_numbers(window: MainWindow, tmp_path: Path) -> None:
    panel = report_panel(window, periods.MOVEMENT_YEAR)
    stats = panel.stats
    assert stats is not None
    out = tmp_path / "so-lieu.xlsx"
    panel.make_report(".xlsx", out)
    summary = {
        r[0]: r[1]
        for r in openpyxl.load_workbook(out)["Tổng hợp"].iter_rows(min_row=2, values_only=True)
    }
    for figure in (stats.households, stats.cases.contacts_done, stats.meetings.total):
        value = summary[figure.label]
        assert isinstance(value, int) and value == figure.count
    assert isinstance(summary[stats.coverage.label], float)
    assert panel.done_box is not None and panel.done_box.buttons()[0].text() == "Mở tệp"


def test_a_figure_of_the_report_opens_its_records(window: MainWindow, qtbot: QtBot) -> None:
    panel = report_panel(window, periods.MOVEMENT_YEAR)
    assert panel.stats is not None
    row = next(
        i for i, f in enumerate(panel.stats.headline()) if f.record_type == "opinion" and f.ids
    )
    panel.figures.setFocus()
    panel.figures.setCurrentCell(row, 0)
    qtbot.keyClick(panel.figures, Qt.Key.Key_Return)
    dialog = panel.records_dialog
    assert dialog is not None and dialog.ids == list(panel.stats.headline()[row].ids)


def test_a_refused_file_is_reported_and_the_buttons_come_back(
    window: MainWindow, tmp_path: Path
) -> None:
    panel = report_panel(window)
    panel.make_report(".pdf", tmp_path / "no-such-folder" / "x.pdf")
    assert errors.shown and "Không ghi được tệp" in errors.shown[-1]
    errors.shown.clear()
    assert panel.pdf_button.isEnabled() and not panel.busy.isVisible()


def test_file_names_and_the_default_day() -> None:
    assert report_file_name(date(2026, 7, 1), date(2026, 9, 30), ".pdf") == "bao-cao-quy-3-2026.pdf"
    assert (
        report_file_name(date(2025, 11, 15), date(2026, 11, 14), ".xlsx", "Toàn tỉnh")
        == "bao-cao-nam-phong-trao-2026-toan-tinh.xlsx"
    )
    assert (
        report_file_name(date(2026, 3, 1), date(2026, 3, 31), ".pdf") == "bao-cao-thang-3-2026.pdf"
    )
    assert (
        report_file_name(date(2026, 3, 5), date(2026, 4, 4), ".pdf")
        == "bao-cao-05-03-2026-den-04-04-2026.pdf"
    )
    assert default_day(date(2026, 11, 20)) == date(2026, 11, 14)  # the year just ended
    assert default_day(date(2027, 3, 1)) == date(2027, 3, 1)


# --- at a hub -------------------------------------------------------------------------------


@pytest.fixture
def hub_window(tmp_path: Path, qtbot: QtBot, sync_ops: None) -> Iterator[MainWindow]:
    """A Hà Nội hub and two posts: Hồng Hà has sent a package today, Ba Đình nothing."""
    hub = Replica.create("hub", str(tmp_path / "hub.sqlite3"), "hub", "01", tmp_path)
    a = Replica.create("a", str(tmp_path / "a.sqlite3"), "post", "00097", tmp_path)
    b = Replica.create("b", str(tmp_path / "b.sqlite3"), "post", "00004", tmp_path)
    for post in (a, b):
        post.trust(hub)
        hub.trust(post)
    area = a.put("area", name="Tổ dân phố 1", kind="to_dan_pho")
    a.put("household", address="Số 1 Hồng Hà", area_id=area)
    hub.receive(a.send(hub))
    yield main_window(AppContext(hub.db, hub.actor), qtbot)
    for replica in (hub, a, b):
        replica.close()


def test_a_hub_chooses_a_commune_and_sees_who_has_not_reported(
    hub_window: MainWindow, tmp_path: Path
) -> None:
    panel = report_panel(hub_window, periods.MONTH)
    panel.chooser.set_period(periods.MONTH, date.today())
    assert panel.hub and panel.unit.isVisibleTo(panel) and panel.post_table.isVisibleTo(panel)
    assert [panel.unit.itemText(i) for i in range(panel.unit.count())] == [
        "Toàn tỉnh",
        "Phường Ba Đình (00004)",
        "Phường Hồng Hà (00097)",
    ]
    rows = {
        cell(panel.post_table, r, 0).text(): [
            cell(panel.post_table, r, c).text() for c in range(panel.post_table.columnCount())
        ]
        for r in range(panel.post_table.rowCount())
    }
    assert rows["Phường Hồng Hà (00097)"][2:] == [__version__, "1 gói"]
    assert rows["Phường Ba Đình (00004)"][1:] == ["chưa gửi", "", "chưa báo cáo"]
    row = list(rows).index("Phường Ba Đình (00004)")
    assert cell(panel.post_table, row, 3).foreground().color() == QColor("#b03a2e")
    assert cell(panel.post_table, row, 0).toolTip() == "Máy gửi: Công an b"
    assert "1 công an xã chưa gửi" in panel.side_note.text()
    assert panel.stats is not None and panel.stats.households.count == 1  # the province
    panel.unit.setCurrentIndex(1)
    assert panel.stats.unit_code == "00004" and panel.stats.households.count == 0
    out = tmp_path / "tinh.pdf"
    panel.unit.setCurrentIndex(0)
    panel.make_report(".pdf", out)
    assert panel.written is not None and panel.written.province
    assert "Phường Ba Đình" in pdf_text(out)


def test_the_period_chooser_takes_from_and_to(qtbot: QtBot) -> None:
    from ui.stats_dialogs import CUSTOM, PeriodChooser

    chooser = PeriodChooser(custom=True)
    qtbot.addWidget(chooser)
    chooser.set_period(CUSTOM, date(2026, 3, 5), date(2026, 4, 4))
    assert chooser.period() == (date(2026, 3, 5), date(2026, 4, 4))
    assert chooser.name.text() == "Từ ngày 05/03/2026 đến ngày 04/04/2026"
    with qtbot.waitSignal(chooser.changed):
        chooser.end.setDate(QDate(2026, 1, 1))  # before the start: held at the start
    assert chooser.period() == (date(2026, 3, 5), date(2026, 3, 5))
    chooser.kind.setCurrentIndex(chooser.kind.findData(periods.HALF))
    assert chooser.period() == (date(2026, 1, 1), date(2026, 6, 30))
    assert QApplication.instance() is not None
