"""A commune's report written out: the PDF's words and fonts, the workbook read back, and the
command line that writes either for a period."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from desktop_app.cli import main
from desktop_app.services import audit
from desktop_app.services.stats_files import write_report
from tests.conftest import ADMIN, PASSWORD, Env
from tests.stats_support import BA_DINH, Q1_END, Q1_START, World, build_commune, pdf_text


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
