"""`antq report roster|team|case|minutes … --out FILE.pdf`: print a group roster, a security team
list, a reintegration case sheet (the officer's, or with --helper the helper's task sheet), or
the minutes (Biên bản) of a meeting."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.cli.context import Cli
from desktop_app.i18n import tr
from desktop_app.reports.case_sheets import HelperSheet
from desktop_app.reports.decree30 import ProgressCallback
from desktop_app.services import case_sheets, minutes, rosters


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


def _progress(cli: Cli) -> ProgressCallback | None:
    if cli.as_json or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        sys.stderr.write("\r" + tr("Đang dàn trang: {done}/{total} dòng", done=done, total=total))
        if done >= total:
            sys.stderr.write("\n")

    return show
