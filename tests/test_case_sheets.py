"""Printed case sheets: the officer's full sheet, the helper's sheet without offence details,
who may print which, the audit trail, and the command line."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desktop_app.cli import main
from desktop_app.errors import NotFoundError, PermissionDeniedError
from desktop_app.services import audit, case_sheets, officers, records
from desktop_app.services.case_schedule import expected_expungement
from tests.conftest import ADMIN, PASSWORD, Env

ON = date(2026, 3, 5)
NAME = "Nguyễn Văn Hoà"
# What a helper from a mass organisation must never read on paper.
SECRETS = {
    "offence": "Trộm cắp tài sản",
    "judgement number": "25/2020/HS-ST",
    "article": "Khoản 1 Điều 173",
    "penalty": "Tù có thời hạn",
    "court": "Tòa án nhân dân huyện Đông Anh",
    "facility": "Trại giam Ngọc Lý",
    "certificate number": "123/GCN-TG",
    "certificate issuer": "Giám thị Trại giam Ngọc Lý",
    "class reason": "Chưa có việc làm ổn định",
    "later class reason": "Đã có việc làm tại xưởng mộc",
    "incident": "Đánh bạc trái phép",
    "contact content": "Nhắc nhở chấp hành cam kết",
}


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def put(env: Env, type_name: str, **values: Any) -> str:
    return records.put(env.db, env.admin, type_name, values).record.id


@dataclass
class Case:
    id: str
    case_no: str


def make_case(env: Env, *, release_type: str = "served", **extra: Any) -> Case:
    area = put(env, "area", name="Đồng Tâm", kind="thon")
    home = put(env, "household", address="Số 7, ngõ 12, Thôn Đồng Tâm", area_id=area)
    person = put(
        env,
        "person",
        full_name=nfd(NAME),  # typed with Unikey "tổ hợp"
        birth_date="1990-03-05",
        sex="nam",
        id_number="001090012345",
        household_id=home,
        phone="0912345678",
    )
    saved = records.put(
        env.db,
        env.admin,
        "reintegration_case",
        {
            "person_id": person,
            "release_type": release_type,
            "officer_in_charge_id": env.admin.officer_id,
            "facility": SECRETS["facility"],
            "release_date": "2025-06-15",
            "certificate_no": SECRETS["certificate number"],
            "certificate_date": "2025-06-15",
            "certificate_issuer": SECRETS["certificate issuer"],
            "notice_received_on": "2025-05-20",
            "residence_confirmed_on": "2025-05-22",
            "reported_on": "2025-06-18",
            "commitment_signed_on": "2025-06-18",
            **extra,
        },
    ).record
    case = saved.id
    put(
        env,
        "case_judgement",
        case_id=case,
        court=SECRETS["court"],
        judgement_no=SECRETS["judgement number"],
        judgement_date="2020-05-05",
        offence=SECRETS["offence"],
        article=SECRETS["article"],
        main_penalty=SECRETS["penalty"],
        term_months=30,
        additional_penalties="Không",
    )
    put(
        env,
        "case_helper",
        case_id=case,
        role="cong_an",
        name="Nguyễn Văn Trưởng",
        organisation="Công an phường Hồng Hà",
        phone="0987654321",
        assigned_on="2025-06-18",
    )
    helper = put(
        env,
        "case_helper",
        case_id=case,
        role="hoi_phu_nu",
        name="Lê Thị Mai",
        organisation="Chi hội Phụ nữ Thôn Đồng Tâm",
        phone="0911222333",
        assigned_on="2025-06-18",
    )
    put(
        env,
        "case_helper",
        case_id=case,
        role="truong_thon",
        name="Phạm Văn Thôn",
        organisation="Thôn Đồng Tâm",
        phone="0977000111",
        assigned_on="2025-06-18",
    )
    put(
        env,
        "case_helper",
        case_id=case,
        role="gia_dinh",
        name="Trần Văn Cũ",
        assigned_on="2025-06-18",
        ended_on="2025-12-31",
    )
    for level, on, reason in (
        ("B", "2025-07-01", SECRETS["class reason"]),
        ("A", "2026-01-05", SECRETS["later class reason"]),
    ):
        put(
            env,
            "case_classification",
            case_id=case,
            level=level,
            decided_on=on,
            reason=reason,
            officer_id=env.admin.officer_id,
        )
    put(
        env,
        "case_contact",
        case_id=case,
        contact_on="2025-07-10",
        kind="visit",
        officer_id=env.admin.officer_id,
        content=SECRETS["contact content"],
        observations="Chấp hành tốt",
    )
    put(
        env,
        "case_contact",
        case_id=case,
        contact_on="2025-09-02",
        kind="phone",
        helper_id=helper,
        content="Hỏi thăm gia đình",
    )
    put(
        env,
        "case_support",
        case_id=case,
        support_type="hoc_nghe",
        given_on="2025-08-01",
        provider="Trung tâm GDNN quận",
        description="Lớp mộc 3 tháng",
        outcome="Đã có chứng chỉ nghề mộc",
    )
    put(
        env,
        "case_incident",
        case_id=case,
        occurred_on="2025-10-10",
        kind="violation",
        description=SECRETS["incident"],
    )
    return Case(case, saved.values["case_no"])


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


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


def viewer(env: Env) -> Any:
    officers.add(env.db, env.admin, "xem", "mat-khau-xem", full_name="Vi Thị Xem", role="viewer")
    return officers.login(env.db, "xem", "mat-khau-xem")


def test_the_officers_sheet_carries_the_whole_file(sqlite_env: Env, tmp_path: Path) -> None:
    case = make_case(sqlite_env)
    out = tmp_path / "phieu.pdf"
    case_sheets.print_case_sheet(sqlite_env.db, sqlite_env.admin, case.id, out, on=ON)

    raw = pdf_text(out)
    text = flat(raw)
    assert unicodedata.is_normalized("NFC", raw)
    for line in (
        "CÔNG AN THÀNH PHỐ HÀ NỘI",
        "CÔNG AN PHƯỜNG HỒNG HÀ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Hồng Hà, ngày 05 tháng 3 năm 2026",
        "PHIẾU THEO DÕI QUẢN LÝ, GIÚP ĐỠ NGƯỜI CHẤP HÀNH XONG ÁN PHẠT TÙ",
        f"Số hồ sơ: {case.case_no}",
        f"Họ và tên: {NAME}",
        "Ngày sinh: 05/03/1990",
        "Giới tính: Nam",
        "Số định danh cá nhân: 001090012345",
        "Thôn, tổ dân phố: Thôn Đồng Tâm",
        "Hình thức: Chấp hành xong án phạt tù",
        "Ngày ra trại: 15/06/2025",
        "Giấy chứng nhận: số 123/GCN-TG ngày 15/06/2025 của Giám thị Trại giam Ngọc Lý",
        "Ngày xác nhận nơi cư trú: 22/05/2025",
        "Ngày trình diện: 18/06/2025",
        "Cán bộ phụ trách: Nguyễn Văn Trưởng",
        "Hội Liên hiệp Phụ nữ",  # the helper role's label, not "hoi_phu_nu"
        "2 năm 6 tháng",
        "Đến nhà gặp",
        "Gọi điện thoại",
        "Nhận xét: Chấp hành tốt",
        "Lê Thị Mai",  # the helper who made the phone call
        "Học nghề",
        "Đã có chứng chỉ nghề mộc",
        "Vi phạm",
        "Tình trạng hồ sơ: Đang quản lý",
        "CÁN BỘ PHỤ TRÁCH",
        "TRƯỞNG CÔNG AN PHƯỜNG HỒNG HÀ",
        *SECRETS.values(),
    ):
        assert line in text, line
    assert "hoi_phu_nu" not in text and "visit" not in text
    # The class history, oldest first.
    assert text.index(SECRETS["class reason"]) < text.index(SECRETS["later class reason"])
    assert "01/07/2025 B" in text and "05/01/2026 A" in text
    # Điều 70: prison up to 5 years → 2 years after release, computed and said so.
    assert "Ngày dự kiến xóa án tích: 15/06/2027" in text
    assert "tự tính theo Điều 70 Bộ luật Hình sự 2015" in text
    assert "phạt tù đến 5 năm, 2 năm" in text
    assert fonts(out) <= {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    }
    assert b"Helvetica" not in out.read_bytes()
    events = audit.list_events(sqlite_env.db, sqlite_env.admin, record_id=case.id)
    assert (events[0].action, events[0].detail["document"]) == ("print", "case_sheet")
    assert events[0].detail["file"] == "phieu.pdf"


def test_the_helper_sheet_has_no_offence_details(sqlite_env: Env, tmp_path: Path) -> None:
    case = make_case(sqlite_env)
    out = tmp_path / "giup-do.pdf"
    data = case_sheets.print_case_sheet(
        sqlite_env.db, sqlite_env.admin, case.id, out, helper=True, on=ON
    )

    raw = pdf_text(out)
    text = flat(raw)
    assert unicodedata.is_normalized("NFC", raw)
    for line in (
        "PHIẾU GIAO NHIỆM VỤ GIÚP ĐỠ NGƯỜI CHẤP HÀNH XONG ÁN PHẠT TÙ",
        f"Họ và tên: {NAME}",
        "Năm sinh: 1990",
        "Nơi cư trú: Số 7, ngõ 12, Thôn Đồng Tâm",
        "Số điện thoại liên hệ: 0912345678",
        "Hội Liên hiệp Phụ nữ",
        "Lê Thị Mai",
        "Chi hội Phụ nữ Thôn Đồng Tâm",
        "0911222333",
        "Học nghề",
        "Đã có chứng chỉ nghề mộc",
        "Cán bộ phụ trách: Nguyễn Văn Trưởng",
        # The officer in charge is also a police helper: their phone is known.
        "Cán bộ phụ trách: Nguyễn Văn Trưởng (Trưởng Công an), Công an phường Hồng Hà; "
        "điện thoại: 0987654321",
        "Trưởng thôn, tổ trưởng tổ dân phố",
        "Nơi nhận: - Người được phân công giúp đỡ; - Lưu: hồ sơ.",
        "TRƯỞNG CÔNG AN PHƯỜNG HỒNG HÀ",
    ):
        assert line in text, line
    for what, secret in SECRETS.items():
        assert secret not in text, f"the helper sheet shows the {what}"
    for word in ("Tội danh", "Bản án", "Điều khoản", "Ngày ra trại", "Phân loại", "Điều 70"):
        assert word not in text
    assert "001090012345" not in text  # no số định danh either
    assert "Trần Văn Cũ" not in text  # no longer a helper
    assert "Lớp mộc 3 tháng" not in text and "Hỏi thăm gia đình" not in text
    assert "Trộm cắp" not in repr(data)  # the data handed to the writer has none either
    assert fonts(out) <= {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    }
    events = audit.list_events(sqlite_env.db, sqlite_env.admin, record_id=case.id)
    assert (events[0].action, events[0].detail["document"]) == ("print", "helper_sheet")


def test_a_viewer_is_refused_the_full_sheet_but_may_print_the_helper_sheet(
    sqlite_env: Env, tmp_path: Path
) -> None:
    case = make_case(sqlite_env)
    reader = viewer(sqlite_env)
    out = tmp_path / "phieu.pdf"
    with pytest.raises(PermissionDeniedError, match="xem"):
        case_sheets.print_case_sheet(sqlite_env.db, reader, case.id, out, on=ON)
    assert not out.exists()
    with pytest.raises(PermissionDeniedError):
        case_sheets.case_sheet(sqlite_env.db, reader, case.id)
    helper_out = tmp_path / "giup-do.pdf"
    case_sheets.print_case_sheet(sqlite_env.db, reader, case.id, helper_out, helper=True, on=ON)
    text = flat(pdf_text(helper_out))
    assert NAME in text and SECRETS["offence"] not in text
    assert "Nguyễn Văn Trưởng" in text  # the officer in charge; the chief's name stays blank
    events = audit.list_events(sqlite_env.db, sqlite_env.admin, record_id=case.id)
    prints = [e for e in events if e.action == "print"]
    assert [(e.officer, e.detail["document"]) for e in prints] == [("xem", "helper_sheet")]


def test_an_amnesty_a_stored_expungement_date_and_a_closure(
    sqlite_env: Env, tmp_path: Path
) -> None:
    case = make_case(
        sqlite_env,
        release_type="amnesty",
        expected_expungement_on="2027-09-01",
        status="closed",
        closure_reason="moved",
        closed_on="2026-02-01",
        closure_note="Chuyển về quê",
    )
    out = tmp_path / "phieu.pdf"
    case_sheets.print_case_sheet(sqlite_env.db, sqlite_env.admin, case.id, out, on=ON)
    text = flat(pdf_text(out))
    assert "PHIẾU THEO DÕI QUẢN LÝ, GIÚP ĐỠ NGƯỜI ĐƯỢC ĐẶC XÁ" in text
    assert "Ngày dự kiến xóa án tích: 01/09/2027" in text
    assert "Căn cứ: ngày do cán bộ ghi trong hồ sơ" in text
    assert "Ngày tính theo Điều 70 BLHS 2015: 15/06/2027" in text
    assert "Tình trạng hồ sơ: Đã kết thúc" in text
    assert "Ngày kết thúc quản lý: 01/02/2026" in text
    assert "Lý do: Chuyển nơi cư trú" in text
    helper_out = tmp_path / "giup-do.pdf"
    case_sheets.print_case_sheet(
        sqlite_env.db, sqlite_env.admin, case.id, helper_out, helper=True, on=ON
    )
    assert "GIÚP ĐỠ NGƯỜI ĐƯỢC ĐẶC XÁ" in flat(pdf_text(helper_out))


def test_the_printed_basis_agrees_with_the_schedule(sqlite_env: Env) -> None:
    """The sheet states the schedule's Điều 70 basis, in Vietnamese whatever the UI language."""
    case = make_case(sqlite_env)
    sheet = case_sheets.case_sheet(sqlite_env.db, sqlite_env.admin, case.id, on=ON)
    assert sheet.expungement is not None and not sheet.expungement.stored

    class Judgement:
        main_penalty, term_months = SECRETS["penalty"], 30

    schedule = expected_expungement(date(2025, 6, 15), [Judgement()])  # type: ignore[list-item]
    assert schedule is not None and schedule.on == sheet.expungement.on
    assert schedule.document_basis in sheet.expungement.basis
    from desktop_app.i18n import set_language

    set_language("en")
    try:  # the screen follows the interface language, the paper stays Vietnamese
        english = case_sheets.case_sheet(sqlite_env.db, sqlite_env.admin, case.id, on=ON)
        assert english.expungement is not None
        assert english.expungement.basis == sheet.expungement.basis
        assert schedule.basis != schedule.document_basis
    finally:
        set_language("vi")


def test_an_unknown_case_is_not_found(sqlite_env: Env) -> None:
    with pytest.raises(NotFoundError):
        case_sheets.case_sheet(sqlite_env.db, sqlite_env.admin, "khong-co")
    with pytest.raises(NotFoundError):
        case_sheets.helper_sheet(sqlite_env.db, sqlite_env.admin, "khong-co")


def test_cli_prints_both_sheets(
    sqlite_env: Env,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = make_case(sqlite_env)
    monkeypatch.setenv("ANTQ_PASSWORD", PASSWORD)
    base = ["--db", sqlite_env.url, "--user", ADMIN]
    full, helper = tmp_path / "x.pdf", tmp_path / "helper.pdf"
    assert main([*base, "report", "case", case.id, "--out", str(full)]) == 0
    out, _ = capsys.readouterr()
    assert str(full) in out and case.case_no in out
    assert SECRETS["offence"] in flat(pdf_text(full))
    assert main([*base, "--json", "report", "case", case.id, "--helper", "--out", str(helper)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == {"path": str(helper), "document": "helper_sheet", "case_no": case.case_no}
    assert SECRETS["offence"] not in flat(pdf_text(helper)) and NAME in flat(pdf_text(helper))
    missing = tmp_path / "missing.pdf"
    assert main([*base, "report", "case", "khong-co", "--out", str(missing)]) == 3
    assert not missing.exists()
    viewer(sqlite_env)
    monkeypatch.setenv("ANTQ_PASSWORD", "mat-khau-xem")
    refused = tmp_path / "refused.pdf"
    as_viewer = ["--db", sqlite_env.url, "--user", "xem", "report", "case", case.id]
    assert main([*as_viewer, "--out", str(refused)]) == 5
    _, err = capsys.readouterr()
    assert "không được in phiếu theo dõi" in err and not refused.exists()
    assert main([*as_viewer, "--helper", "--out", str(refused)]) == 0
