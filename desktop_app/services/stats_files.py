"""The statistics report to a file: a Decree 30 PDF or an XLSX workbook, chosen by the file's
suffix, for a commune (a post, or one commune at a hub) or for the whole province (a hub).

`write_report` gathers (desktop_app.services.stats), writes, and logs an audit event
"export" {"document": "stats", …}; it is what the GUI runs in its worker and the CLI runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from db.uow import Database
from desktop_app import admin_units
from desktop_app.actor import Actor
from desktop_app.errors import AntqError, NotFoundError, ValidationError
from desktop_app.i18n import tr
from desktop_app.reports.decree30 import Letterhead, commune_letterhead
from desktop_app.reports.stats import ReportFrame, write_period_report, write_province_report
from desktop_app.services import audit
from desktop_app.services.meetings import unit_symbol
from desktop_app.services.stats import period_stats, post_name, province_stats
from desktop_app.services.stats_model import PeriodStats, ProvinceStats
from desktop_app.spreadsheets.stats_export import write_period_workbook, write_province_workbook
from desktop_app.work import HUB, work

DOCUMENT = "stats"
PDF, XLSX = ".pdf", ".xlsx"
UNNUMBERED = "……"  # the number is written by hand when the report is registered
MINISTRY_RECIPIENT = "Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc (V05)"
FILED = "Lưu: VT"


@dataclass(frozen=True)
class Written:
    path: Path
    kind: str  # "pdf" | "xlsx"
    province: bool  # the province report (a hub without a commune)
    label: str


def write_report(
    db: Database,
    actor: Actor,
    start: date,
    end: date,
    path: Path | str,
    *,
    unit_code: str | None = None,
    on: date | None = None,
) -> Written:
    """Write the report for `start`–`end` to `path` (.pdf or .xlsx) and log the export.

    At a hub without `unit_code` it is the province's report; `on` dates the letterhead.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (PDF, XLSX):
        raise ValidationError(
            tr("Tệp báo cáo phải có đuôi .pdf hoặc .xlsx (đã nhập '{name}').", name=target.name)
        )
    at_hub = _role(db, actor) == HUB
    province = unit_code is None and at_hub
    data: PeriodStats | ProvinceStats = (
        province_stats(db, actor, start, end)
        if province
        else period_stats(db, actor, start, end, unit_code)
    )
    signer = actor.full_name if actor.is_admin and not at_hub else ""
    _write(data, target, suffix, on or date.today(), signer)
    detail = {
        "document": DOCUMENT,
        "file": target.name,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "unit_code": unit_code or ("province" if province else None),
    }
    with work(db, actor, write=True) as w:
        audit.append(w, "export", None, None, detail)
    return Written(target, suffix.lstrip("."), province, data.label)


def _role(db: Database, actor: Actor) -> str:
    with work(db, actor, write=False) as w:
        return w.replica.role


def _write(
    data: PeriodStats | ProvinceStats, target: Path, suffix: str, on: date, signer: str
) -> None:
    try:
        if isinstance(data, ProvinceStats):
            if suffix == PDF:
                write_province_report(_province_frame(data, on), data, target)
            else:
                write_province_workbook(data, target)
        elif suffix == PDF:
            write_period_report(_commune_frame(data, on, signer), data, target)
        else:
            write_period_workbook(data, target)
    except OSError as error:
        raise AntqError(
            tr(
                "Không ghi được tệp '{path}' (thư mục không tồn tại, không có quyền ghi, hoặc "
                "tệp đang mở trong chương trình khác).",
                path=str(target),
            ),
            str(error),
        ) from error


def _commune_frame(data: PeriodStats, on: date, signer: str) -> ReportFrame:
    """A commune's report, signed by the head of its post, sent to the provincial police."""
    code = data.unit_code or ""
    number = f"{UNNUMBERED}/BC-{unit_symbol(code)}"
    try:
        head = commune_letterhead(code, on, number)
        province = post_name(admin_units.commune(code).province_code)
    except NotFoundError:
        return _province_frame_for(code, on)
    return ReportFrame(
        letterhead=head,
        signer_title=(f"TRƯỞNG {head.issuer}",),
        signer_name=signer,
        recipients=(f"{province} (Phòng Xây dựng phong trào)", FILED),
    )


def _province_frame(data: ProvinceStats, on: date) -> ReportFrame:
    return _province_frame_for(data.province_code, on)


def _province_frame_for(code: str, on: date) -> ReportFrame:
    """The province's report: the provincial police under the ministry, the director signs."""
    province = admin_units.province(code)
    issuer = f"CÔNG AN {province.name}".upper()
    head = Letterhead("BỘ CÔNG AN", issuer, province.short_name, on, f"{UNNUMBERED}/BC-CAT")
    return ReportFrame(
        letterhead=head,
        signer_title=("GIÁM ĐỐC",),
        signer_name="",
        recipients=(MINISTRY_RECIPIENT, FILED),
    )
