"""Printed meeting minutes (Biên bản, ND 30 Mẫu 1.9): what they say, the page, numbering,
drafts, corrections, signatures that never split, the audit trail and the command line."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from desktop_app.cli import main
from desktop_app.errors import NotFoundError
from desktop_app.reports import decree30
from desktop_app.reports.minutes import (
    Addendum,
    AgendaEntry,
    Attendee,
    MinutesData,
    OpinionEntry,
    write_minutes,
)
from desktop_app.services import audit, minutes, officers, records
from tests.conftest import ADMIN, PASSWORD, Env

MM = 72 / 25.4
PAGE_HEIGHT = decree30.PAGE_HEIGHT
TOP_MARGIN = PAGE_HEIGHT - decree30.MARGIN_TOP
FACES = {
    "LiberationSerif",
    "LiberationSerif-Bold",
    "LiberationSerif-Italic",
    "LiberationSerif-BoldItalic",
}
CHAIR = "Nguyễn Văn Trưởng"
SECRETARY = "Lê Thị Thu"
AGENDA = (
    (
        "Thông báo tình hình an ninh, trật tự trên địa bàn",
        "Từ đầu năm xảy ra 3 vụ trộm cắp tài sản, 1 vụ đánh nhau; đã xử lý 2 đối tượng.",
    ),
    (
        "Phổ biến Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
        "Giới thiệu nhiệm vụ, quyền hạn của Tổ bảo vệ an ninh, trật tự.",
    ),
    (
        "Hướng dẫn phòng ngừa lừa đảo qua mạng",
        "Nêu các thủ đoạn giả danh cơ quan Công an gọi điện yêu cầu chuyển tiền.",
    ),
    (
        "Triển khai công tác phòng cháy, chữa cháy tại khu dân cư",
        "Vận động các hộ kinh doanh, nhà trọ trang bị bình chữa cháy.",
    ),
)
# In the order the annex lists them (by given name); entered in the reverse order.
HOUSEHOLDS = (
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Đặng Văn Giang",
    "Bùi Thị Hoa",
    "Đỗ Văn Hùng",
    "Ngô Thị Lan",
    "Dương Văn Minh",
    "Lý Thị Nga",
    "Mai Văn Oanh",
    "Trịnh Thị Phúc",
    "Đinh Văn Quang",
    "Tạ Văn Sơn",
    "Kiều Thị Tâm",
    "Vũ Thị Phương Thảo",
    "Lưu Văn Uy",
    "Châu Thị Vân",
    "Quách Văn Xuân",
)
ABSENT = {"Lê Văn Cường": "Đi làm ăn xa", "Bùi Thị Hoa": "Ốm"}


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def put(env: Env, type_name: str, **values: Any) -> str:
    return records.put(env.db, env.admin, type_name, values).record.id


@dataclass
class Meeting:
    id: str
    area: str


def make_meeting(env: Env, *, paragraphs: int = 4) -> Meeting:
    """A "Công an lắng nghe ý kiến Nhân dân" conference of a thôn, long enough for two pages
    of minutes and two of attendance sheet."""
    area = put(env, "area", name="Đồng Tâm", kind="thon")
    meeting = put(
        env,
        "meeting",
        meeting_type="lang_nghe",
        subject="năm 2026",
        starts_at="2026-03-05 19:30",
        ends_at="2026-03-05 21:15",
        place="Nhà văn hóa thôn Đồng Tâm",
        area_id=area,
        chair_name=CHAIR,
        chair_title="Trưởng Công an phường",
        secretary_name=SECRETARY,
        secretary_title="Cán bộ Công an phường",
        present_count=20,
        absent_count=2,
        conclusions="Hội nghị thống nhất các nội dung đã trao đổi.\n"
        "Giao Công an phường tiếp thu, trả lời các ý kiến trước ngày 05/4/2026.",
        votes_for=18,
        votes_against=1,
        votes_other=1,
        recipients="- Công an thành phố Hà Nội;\n- Đảng ủy, UBND phường Hồng Hà;\n- Lưu: VT.",
    )
    put(
        env,
        "meeting_attendee",
        meeting_id=meeting,
        kind="official",
        name=CHAIR,
        title="Trưởng Công an phường",
    )
    put(
        env,
        "meeting_attendee",
        meeting_id=meeting,
        kind="official",
        name="Trần Văn Phó",
        title="Phó Chủ tịch UBND phường Hồng Hà",
    )
    for number, name in enumerate(reversed(HOUSEHOLDS), start=1):
        home = put(env, "household", address=f"Số {number}, ngõ 12, thôn Đồng Tâm", area_id=area)
        absent = {"present": False, "absent_reason": ABSENT[name]} if name in ABSENT else {}
        put(
            env,
            "meeting_attendee",
            meeting_id=meeting,
            kind="household",
            name=name,
            household_id=home,
            **absent,
        )
    for position, (title, content) in enumerate(AGENDA, start=1):
        text = "\n".join(f"{content} Đoạn {n}." for n in range(1, paragraphs + 1))
        put(env, "agenda_item", meeting_id=meeting, position=position, title=title, content=text)
    put(
        env,
        "opinion",
        meeting_id=meeting,
        position=1,
        speaker_name=nfd("Nguyễn Văn An"),  # typed with Unikey "tổ hợp"
        content="Đề nghị tăng cường tuần tra ban đêm vì gần đây có mất trộm xe máy.",
        answer="Công an sẽ bố trí tuần tra, phối hợp Tổ bảo vệ an ninh, trật tự.",
        responsible=SECRETARY,
        deadline="2026-04-05",
    )
    put(
        env,
        "opinion",
        meeting_id=meeting,
        position=2,
        speaker_name="Trần Thị Bình",
        content="Đề nghị làm gờ giảm tốc ở ngã ba gần trường tiểu học.",
        within_authority=False,
        referred_to="UBND phường Hồng Hà",
        deadline="2026-04-20",
    )
    return Meeting(meeting, area)


def close(env: Env, meeting_id: str) -> None:
    records.put(env.db, env.admin, "meeting", {"id": meeting_id, "status": "held"})
    records.put(env.db, env.admin, "meeting", {"id": meeting_id, "status": "closed"})


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Run:
    """A line of text as drawn: where it starts, and how far its glyphs reach."""

    x: float
    y: float
    right: float
    text: str


def runs(path: Path, page: int) -> list[Run]:
    """Each line on a page; a line in several fonts (a bold label) is one run.

    Widths are measured with the PDF's own fonts, with the word spacing (Tw) the line was
    set with: ReportLab squeezes a justified line a little when its words almost fit.
    """
    decree30.register_fonts()
    lines: dict[tuple[float, ...], list[Any]] = {}
    spacing = [0.0]

    def operator(op: bytes, args: list[Any], *_: Any) -> None:
        if op == b"Tw":
            spacing[0] = float(args[0])

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip("\n") or font is None:
            return
        face = str(font["/BaseFont"]).split("+", 1)[-1]
        drawn = text.rstrip("\n")
        width = pdfmetrics.stringWidth(drawn, face, size * tm[0])
        line = lines.setdefault((*cm, *tm), [0.0, ""])
        line[0] += width + spacing[0] * drawn.count(" ")
        line[1] += text

    PdfReader(path).pages[page].extract_text(visitor_operand_before=operator, visitor_text=visit)
    found = []
    for (*cm, _a, _b, _c, _d, e, f), (width, text) in lines.items():
        x = e * cm[0] + f * cm[2] + cm[4]
        y = e * cm[1] + f * cm[3] + cm[5]
        found.append(Run(x, y, x + width, text.strip()))
    return [run for run in found if run.text]


def fonts(path: Path) -> set[str]:
    faces = set()
    for page in PdfReader(path).pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            descriptor: Any = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, "font not embedded"
            faces.add(str(font["/BaseFont"]).split("+", 1)[-1])
    return faces


def numbers_on(path: Path, page: int) -> list[str]:
    """What is printed in the top margin of a page (the page number, from page 2)."""
    return [run.text for run in runs(path, page) if run.y > TOP_MARGIN]


def test_closed_minutes_carry_the_whole_meeting(sqlite_env: Env, tmp_path: Path) -> None:
    meeting = make_meeting(sqlite_env)
    close(sqlite_env, meeting.id)
    out = tmp_path / "bien-ban.pdf"
    assert minutes.print_minutes(sqlite_env.db, sqlite_env.admin, meeting.id, out) == out

    pages = pages_text(out)
    text = flat(" ".join(pages))
    assert unicodedata.is_normalized("NFC", "".join(pages))
    for line in (
        "CÔNG AN THÀNH PHỐ HÀ NỘI",
        "CÔNG AN PHƯỜNG HỒNG HÀ",
        "Số: 01/BB-CAP",  # Hồng Hà is a phường
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hồng Hà, ngày 05 tháng 3 năm 2026",
        "BIÊN BẢN",
        # The type's label, the subject, and the area written as in running text.
        "Hội nghị Công an lắng nghe ý kiến Nhân dân năm 2026 tại thôn Đồng Tâm",
        "Thời gian bắt đầu: 19 giờ 30 phút, ngày 05 tháng 3 năm 2026.",
        "Địa điểm: Nhà văn hóa thôn Đồng Tâm.",
        "Thành phần tham dự:",
        "- Trần Văn Phó, Phó Chủ tịch UBND phường Hồng Hà;",
        "Đại diện các hộ gia đình: có mặt 18/20 hộ; vắng 2 hộ: Lê Văn Cường (đi làm ăn xa), "
        "Bùi Thị Hoa (ốm);",
        "Tổng số có mặt: 20 người, vắng mặt: 2 người.",
        f"Chủ trì: {CHAIR}, Trưởng Công an phường.",
        f"Thư ký: {SECRETARY}, Cán bộ Công an phường.",
        "Nội dung:",
        *(f"{n}. {title}" for n, (title, _) in enumerate(AGENDA, start=1)),
        *(f"{content} Đoạn 4." for _, content in AGENDA),
        "Ý kiến của Nhân dân:",
        "1. Nguyễn Văn An: Đề nghị tăng cường tuần tra ban đêm vì gần đây có mất trộm xe máy.",
        "Trả lời tại cuộc họp: Công an sẽ bố trí tuần tra, phối hợp Tổ bảo vệ an ninh, trật tự.",
        f"Người chịu trách nhiệm: {SECRETARY}; thời hạn: trước ngày 05 tháng 4 năm 2026.",
        "2. Trần Thị Bình: Đề nghị làm gờ giảm tốc ở ngã ba gần trường tiểu học.",
        "đề nghị chuyển UBND phường Hồng Hà giải quyết.",
        "Thời hạn: trước ngày 20 tháng 4 năm 2026.",
        "Kết luận: Hội nghị thống nhất các nội dung đã trao đổi.",
        "Giao Công an phường tiếp thu, trả lời các ý kiến trước ngày 05/4/2026.",
        "Biểu quyết: tán thành 18/20 người (90,0%), không tán thành 1 người, ý kiến khác 1 người.",
        "Hội nghị kết thúc vào lúc 21 giờ 15 phút cùng ngày, nội dung hội nghị đã được thông "
        "qua cho các thành viên dự họp cùng nghe và nhất trí./.",
        f"THƯ KÝ {SECRETARY} CHỦ TRÌ {CHAIR}",  # cell by cell
        "Nơi nhận: - Công an thành phố Hà Nội; - Đảng ủy, UBND phường Hồng Hà; - Lưu: VT.",
        "Phụ lục DANH SÁCH THÀNH PHẦN THAM DỰ",
        "(Kèm theo Biên bản số 01/BB-CAP ngày 05 tháng 3 năm 2026 của Công an phường Hồng Hà)",
        "STT Họ và tên Chức vụ / Địa chỉ Có mặt / Vắng Ký tên",
        "Vắng (ốm)",
    ):
        assert line in text, line
    assert "DỰ THẢO" not in text and "ĐÍNH CHÍNH" not in text
    # The annex: officials first, then every household by given name, with its address.
    annex = text[text.index("DANH SÁCH THÀNH PHẦN THAM DỰ") :]
    assert annex.index("Trần Văn Phó") < annex.index("Nguyễn Văn An")
    spots = [annex.index(name) for name in HOUSEHOLDS]
    assert spots == sorted(spots)  # given names An, Bình, Cường… in Vietnamese order
    assert "Trần Thị Bình Số 19, ngõ 12, thôn Đồng Tâm Có mặt" in annex
    assert fonts(out) <= FACES
    assert b"Helvetica" not in out.read_bytes()
    events = audit.list_events(sqlite_env.db, sqlite_env.admin, record_id=meeting.id)
    assert (events[0].action, events[0].detail["document"]) == ("print", "minutes")
    assert events[0].detail["file"] == "bien-ban.pdf"


def test_the_page_is_a4_within_the_margins_and_numbered_from_page_two(
    sqlite_env: Env, tmp_path: Path
) -> None:
    meeting = make_meeting(sqlite_env)
    close(sqlite_env, meeting.id)
    out = tmp_path / "bien-ban.pdf"
    minutes.print_minutes(sqlite_env.db, sqlite_env.admin, meeting.id, out)
    reader = PdfReader(out)
    pages = pages_text(out)
    annex = next(i for i, page in enumerate(pages) if "DANH SÁCH THÀNH PHẦN" in page)
    assert annex >= 2, "two pages of minutes before the annex"
    assert len(pages) >= annex + 2, "an attendance sheet over two pages"
    for number, page in enumerate(reader.pages):
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)
        drawn = runs(out, number)
        assert min(run.x for run in drawn) >= 30 * MM - 0.01
        assert max(run.right for run in drawn) <= (210 - 15) * MM + 0.01
        assert min(run.y for run in drawn) >= 20 * MM - 0.01
    assert numbers_on(out, 0) == []
    assert numbers_on(out, 1) == ["2"]
    # The annex is numbered on its own (ND 30, Phụ lục I, III.1.đ): none on its first page.
    assert numbers_on(out, annex) == []
    assert numbers_on(out, annex + 1) == ["2"]
    assert "STT" in pages[annex + 1]  # the header row repeats


THON, TDP = ("thôn Đồng Tâm", "Đồng Tâm"), ("Tổ dân phố 1", "1")


@pytest.mark.parametrize(
    ("label", "subject", "area", "printed"),
    [
        ("Họp dân", "quý I năm 2026", THON, "Họp dân quý I năm 2026 tại thôn Đồng Tâm"),
        ("Họp dân", "Họp dân thôn Đồng Tâm quý I", THON, "Họp dân thôn Đồng Tâm quý I"),
        ("Họp dân", "", THON, "Họp dân thôn Đồng Tâm"),
        ("Họp dân", "Phổ biến Luật Căn cước", ("", ""), "Phổ biến Luật Căn cước"),
        ("Sơ kết", "Sơ kết quý 1", TDP, "Sơ kết quý 1 tại Tổ dân phố 1"),  # "1" alone is no name
        ("Sơ kết", "Sơ kết quý 1, Tổ dân phố 1", TDP, "Sơ kết quý 1, Tổ dân phố 1"),
    ],
)
def test_the_subject_line(label: str, subject: str, area: tuple[str, str], printed: str) -> None:
    assert minutes._subject(label, subject, area) == printed


def test_a_draft_is_marked_and_left_unnumbered(sqlite_env: Env, tmp_path: Path) -> None:
    meeting = make_meeting(sqlite_env, paragraphs=1)
    draft = tmp_path / "du-thao.pdf"
    minutes.print_minutes(sqlite_env.db, sqlite_env.admin, meeting.id, draft)
    text = flat(" ".join(pages_text(draft)))
    assert "DỰ THẢO" in text
    assert "Số: ……/BB-CAP" in text
    assert "(Kèm theo Biên bản số ……/BB-CAP ngày 05 tháng 3 năm 2026" in text
    mark = [run for run in runs(draft, 0) if run.text == "DỰ THẢO"]
    assert mark and mark[0].y > TOP_MARGIN and mark[0].right <= (210 - 15) * MM + 0.01
    assert not [run for run in runs(draft, 1) if run.text == "DỰ THẢO"]  # page 1 only

    records.put(sqlite_env.db, sqlite_env.admin, "meeting", {"id": meeting.id, "status": "held"})
    held = tmp_path / "da-hop.pdf"
    minutes.print_minutes(sqlite_env.db, sqlite_env.admin, meeting.id, held)
    text = flat(" ".join(pages_text(held)))
    assert "DỰ THẢO" not in text and "Số: ……/BB-CAP" in text


def test_a_correction_prints_dated_after_closing(sqlite_env: Env, tmp_path: Path) -> None:
    meeting = make_meeting(sqlite_env, paragraphs=1)
    close(sqlite_env, meeting.id)
    put(
        sqlite_env,
        "meeting_addendum",
        meeting_id=meeting.id,
        made_on="2026-03-07",
        content="Số hộ vắng mặt ghi tại trang 1 là 2 hộ; các nội dung khác giữ nguyên.",
    )
    out = tmp_path / "bien-ban.pdf"
    minutes.print_minutes(sqlite_env.db, sqlite_env.admin, meeting.id, out)
    text = flat(" ".join(pages_text(out)))
    correction = (
        "ĐÍNH CHÍNH Ngày 07 tháng 3 năm 2026: Số hộ vắng mặt ghi tại trang 1 là 2 hộ; "
        "các nội dung khác giữ nguyên."
    )
    assert correction in text
    # After the closing sentence, before the signatures that now cover it too.
    assert text.index("nhất trí./.") < text.index("ĐÍNH CHÍNH") < text.index("THƯ KÝ")


def synthetic(paragraphs: int) -> MinutesData:
    head = decree30.Letterhead(
        "CÔNG AN THÀNH PHỐ HÀ NỘI",
        "CÔNG AN PHƯỜNG HỒNG HÀ",
        "Hồng Hà",
        date(2026, 3, 5),
        "01/BB-CAP",
    )
    said = "Cán bộ Công an phổ biến tình hình an ninh, trật tự và hướng dẫn phòng ngừa. " * 3
    return MinutesData(
        letterhead=head,
        issuer_name="Công an phường Hồng Hà",
        draft=False,
        subject="Họp dân thôn Đồng Tâm",
        event="Cuộc họp",
        starts_at=datetime(2026, 3, 5, 19, 30),
        ends_at=datetime(2026, 3, 5, 21, 0),
        place="Nhà văn hóa thôn Đồng Tâm",
        chair=CHAIR,
        chair_title="Trưởng Công an phường",
        secretary=SECRETARY,
        secretary_title="",
        attendees=(Attendee("household", "Nguyễn Văn An", "Số 1, thôn Đồng Tâm"),),
        present_count=None,
        absent_count=None,
        absent_reasons="",
        agenda=(AgendaEntry("Tình hình an ninh, trật tự", "\n".join([said] * paragraphs)),),
        opinions=(OpinionEntry("Trần Thị Bình", "Đề nghị lắp đèn đường."),),
        conclusions="Thống nhất các nội dung.",
        votes=None,
        addenda=(),
    )


@pytest.mark.parametrize("corrected", [False, True])
def test_the_signatures_never_split_nor_start_a_page_alone(tmp_path: Path, corrected: bool) -> None:
    """Whatever the length, THƯ KÝ, CHỦ TRÌ and both names share a page with the last
    paragraph before them; a page is never left empty by the block moving on."""
    out = tmp_path / "bien-ban.pdf"
    last = "nhất trí./."
    addenda: tuple[Addendum, ...] = ()
    if corrected:
        addenda = (Addendum(date(2026, 3, 7), "Sửa số hộ vắng mặt thành 2 hộ."),)
        last = "thành 2 hộ."
    signed_on = set()
    for paragraphs in range(8, 40):
        write_minutes(replace(synthetic(paragraphs), addenda=addenda), out)
        pages = pages_text(out)
        signed = [number for number, page in enumerate(pages) if "THƯ KÝ" in page]
        assert len(signed) == 1, paragraphs
        page = flat(pages[signed[0]])
        assert f"THƯ KÝ {SECRETARY} CHỦ TRÌ {CHAIR}" in page, paragraphs
        assert page.index(last) < page.index("THƯ KÝ"), paragraphs
        assert "Nơi nhận:" in page
        assert all(text.strip() for text in pages), "no empty page"
        signed_on.add(signed[0])
    assert len(signed_on) > 1, "the lengths tried cross a page break"


def test_any_account_may_print_and_an_unknown_meeting_is_not_found(
    sqlite_env: Env, tmp_path: Path
) -> None:
    meeting = make_meeting(sqlite_env, paragraphs=1)
    officers.add(
        sqlite_env.db,
        sqlite_env.admin,
        "xem",
        "mat-khau-xem",
        full_name="Vi Thị Xem",
        role="viewer",
    )
    reader = officers.login(sqlite_env.db, "xem", "mat-khau-xem")
    out = tmp_path / "bien-ban.pdf"
    minutes.print_minutes(sqlite_env.db, reader, meeting.id, out)
    assert CHAIR in flat(" ".join(pages_text(out)))
    events = audit.list_events(sqlite_env.db, sqlite_env.admin, record_id=meeting.id)
    assert [(e.officer, e.detail["document"]) for e in events if e.action == "print"] == [
        ("xem", "minutes")
    ]
    missing = tmp_path / "khong-co.pdf"
    with pytest.raises(NotFoundError):
        minutes.print_minutes(sqlite_env.db, sqlite_env.admin, "khong-co", missing)
    assert not missing.exists()


def test_text_comes_out_nfc_whatever_came_in(tmp_path: Path) -> None:
    out = tmp_path / "bien-ban.pdf"
    data = synthetic(1)
    write_minutes(replace(data, chair=nfd(CHAIR), subject=nfd(data.subject)), out)
    raw = "".join(pages_text(out))
    assert unicodedata.is_normalized("NFC", raw)
    assert CHAIR in raw and "Họp dân thôn Đồng Tâm" in raw


def test_cli_prints_minutes(
    sqlite_env: Env,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meeting = make_meeting(sqlite_env, paragraphs=1)
    close(sqlite_env, meeting.id)
    monkeypatch.setenv("ANTQ_PASSWORD", PASSWORD)
    base = ["--db", sqlite_env.url, "--user", ADMIN]
    out = tmp_path / "x.pdf"
    assert main([*base, "report", "minutes", meeting.id, "--out", str(out)]) == 0
    printed, _ = capsys.readouterr()
    assert str(out) in printed
    assert "Số: 01/BB-CAP" in flat(" ".join(pages_text(out)))
    again = tmp_path / "y.pdf"
    assert main([*base, "--json", "report", "minutes", meeting.id, "--out", str(again)]) == 0
    assert json.loads(capsys.readouterr().out) == {"path": str(again), "document": "minutes"}
    missing = tmp_path / "missing.pdf"
    assert main([*base, "report", "minutes", "khong-co", "--out", str(missing)]) == 3
    assert not missing.exists()
    unwritable = tmp_path / "no-such-folder" / "z.pdf"
    assert main([*base, "report", "minutes", meeting.id, "--out", str(unwritable)]) == 1
