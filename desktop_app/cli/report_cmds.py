"""`antq report roster|team|case|minutes … --out FILE.pdf`: print a group roster, a security team
list, a reintegration case sheet (the officer's, or with --helper the helper's task sheet), or
the minutes (Biên bản) of a meeting; `antq report stats … --out F.pdf|F.xlsx`: the periodic
statistics of the movement (a commune's, or the province's at a hub)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from desktop_app import periods
from desktop_app.cli.context import Cli
from desktop_app.errors import ValidationError
from desktop_app.i18n import tr
from desktop_app.reports.case_sheets import HelperSheet
from desktop_app.reports.decree30 import ProgressCallback
from desktop_app.services import case_sheets, minutes, rosters, stats_files


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help=tr("in danh sách ra tệp PDF (thể thức Nghị định 30)"))
    kinds = report.add_subparsers(required=True)
    roster = kinds.add_parser("roster", help=tr("danh sách hộ gia đình của một tổ tự quản"))
    roster.add_argument("group_id", help=tr("mã của tổ tự quản"))
    roster.add_argument("--out", type=Path, required=True, help=tr("tệp PDF sẽ ghi"))
    roster.set_defaults(run=run_roster)
    team = kinds.add_parser("team", help=tr("danh sách thành viên một Tổ bảo vệ ANTT ở cơ sở"))
    team.add_argument("team_id", help=tr("mã của Tổ bảo vệ ANTT"))
    team.add_argument("--out", type=Path, required=True, help=tr("tệp PDF sẽ ghi"))
    team.set_defaults(run=run_team)
    case = kinds.add_parser("case", help=tr("phiếu theo dõi một hồ sơ tái hòa nhập cộng đồng"))
    case.add_argument("case_id", help=tr("mã của hồ sơ tái hòa nhập"))
    case.add_argument(
        "--helper",
        action="store_true",
        help=tr("in phiếu giao nhiệm vụ cho người giúp đỡ (không có bản án, tội danh)"),
    )
    case.add_argument("--out", type=Path, required=True, help=tr("tệp PDF sẽ ghi"))
    case.set_defaults(run=run_case)
    meeting = kinds.add_parser("minutes", help=tr("biên bản một cuộc họp, hội nghị"))
    meeting.add_argument("meeting_id", help=tr("mã của cuộc họp"))
    meeting.add_argument("--out", type=Path, required=True, help=tr("tệp PDF sẽ ghi"))
    meeting.set_defaults(run=run_minutes)
    _register_stats(kinds)


def _register_stats(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    stats = kinds.add_parser(
        "stats",
        help=tr("báo cáo số liệu phong trào theo kỳ (PDF hoặc XLSX; ở trung tâm: toàn tỉnh)"),
    )
    stats.add_argument("--from", dest="start", help=tr("từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd)"))
    stats.add_argument("--to", dest="end", help=tr("đến ngày (dd/mm/yyyy hoặc yyyy-mm-dd)"))
    stats.add_argument(
        "--period",
        choices=periods.KINDS,
        help=tr("kỳ chứa ngày --on: tháng, quý, 6 tháng, năm, năm phong trào (15/11–14/11)"),
    )
    stats.add_argument("--on", help=tr("ngày thuộc kỳ báo cáo (mặc định hôm nay)"))
    stats.add_argument(
        "--unit-code", help=tr("mã xã, phường (ở trung tâm; bỏ trống để lập báo cáo toàn tỉnh)")
    )
    stats.add_argument("--out", type=Path, required=True, help=tr("tệp .pdf hoặc .xlsx sẽ ghi"))
    stats.set_defaults(run=run_stats)


def run_roster(cli: Cli, args: argparse.Namespace) -> None:
    data = rosters.print_group_roster(
        cli.db, cli.actor, args.group_id, args.out, progress=_progress(cli)
    )
    households, people = len(data.households), data.people
    cli.emit(
        {"path": str(args.out), "households": households, "people": people},
        tr(
            "Đã in danh sách {households} hộ, {people} nhân khẩu ra {path}.",
            households=households,
            people=people,
            path=args.out,
        ),
    )


def run_team(cli: Cli, args: argparse.Namespace) -> None:
    data = rosters.print_team_list(
        cli.db, cli.actor, args.team_id, args.out, progress=_progress(cli)
    )
    members = len(data.members)
    cli.emit(
        {"path": str(args.out), "members": members},
        tr("Đã in danh sách {members} thành viên ra {path}.", members=members, path=args.out),
    )


def run_case(cli: Cli, args: argparse.Namespace) -> None:
    # No progress line: a case sheet is a few short tables, laid out in a moment.
    data = case_sheets.print_case_sheet(
        cli.db, cli.actor, args.case_id, args.out, helper=args.helper
    )
    if isinstance(data, HelperSheet):
        document = case_sheets.HELPER_SHEET
        text = tr(
            "Đã in phiếu giao nhiệm vụ giúp đỡ (hồ sơ {no}) ra {path}.",
            no=data.case_no,
            path=args.out,
        )
    else:
        document = case_sheets.CASE_SHEET
        text = tr("Đã in phiếu theo dõi hồ sơ {no} ra {path}.", no=data.case_no, path=args.out)
    cli.emit({"path": str(args.out), "document": document, "case_no": data.case_no}, text)


def run_minutes(cli: Cli, args: argparse.Namespace) -> None:
    path = minutes.print_minutes(
        cli.db, cli.actor, args.meeting_id, args.out, progress=_progress(cli)
    )
    cli.emit(
        {"path": str(path), "document": minutes.DOCUMENT},
        tr("Đã in biên bản cuộc họp ra {path}.", path=path),
    )


def run_stats(cli: Cli, args: argparse.Namespace) -> None:
    period = _period(args)
    written = stats_files.write_report(
        cli.db, cli.actor, period.start, period.end, args.out, unit_code=args.unit_code
    )
    cli.emit(
        {
            "path": str(written.path),
            "document": stats_files.DOCUMENT,
            "format": written.kind,
            "province": written.province,
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
            "period": written.label,
        },
        tr("Đã ghi báo cáo {period} ra {path}.", period=written.label, path=written.path),
    )


def _period(args: argparse.Namespace) -> periods.Period:
    """--from/--to, or --period with --on (today by default); not both, not neither."""
    if args.period and (args.start or args.end):
        raise ValidationError(tr("Chọn --period hoặc --from/--to, không dùng cả hai."))
    if args.period:
        on = periods.parse_day(args.on) if args.on else date.today()
        return periods.period(args.period, on)
    if not (args.start and args.end):
        raise ValidationError(
            tr("Cần --from và --to (hoặc --period, có thể kèm --on) để chọn kỳ báo cáo.")
        )
    return periods.checked(periods.parse_day(args.start), periods.parse_day(args.end))


def _progress(cli: Cli) -> ProgressCallback | None:
    if cli.as_json or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        sys.stderr.write("\r" + tr("Đang dàn trang: {done}/{total} dòng", done=done, total=total))
        if done >= total:
            sys.stderr.write("\n")

    return show
