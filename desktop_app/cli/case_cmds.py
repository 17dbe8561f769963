"""`antq cases due`, `antq cases transfer`: the reintegration work from the command line."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date

from desktop_app.cli.context import Cli
from desktop_app.formatting import format_date
from desktop_app.i18n import tr
from desktop_app.services import cases, retention
from desktop_app.services.case_schedule import DEFAULT_HORIZON_DAYS, cases_due


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("cases", help="hồ sơ tái hòa nhập").add_subparsers(required=True)
    due = group.add_parser("due", help="việc đến hạn và quá hạn (tiếp xúc, xác nhận, trình diện…)")
    due.add_argument(
        "--on", type=date.fromisoformat, help="tính đến ngày YYYY-MM-DD (mặc định hôm nay)"
    )
    due.add_argument("--days", type=int, default=DEFAULT_HORIZON_DAYS, help="số ngày sắp tới")
    due.set_defaults(run=run_due)
    transfer = group.add_parser("transfer", help="chuyển hồ sơ cho Công an xã khác")
    transfer.add_argument("case_id")
    transfer.add_argument("--to", required=True, help="mã xã/phường nhận hồ sơ")
    transfer.set_defaults(run=run_transfer)
    keep = group.add_parser(
        "retention", help="hồ sơ đã kết thúc quá thời hạn lưu giữ, để xem xét xóa (quản trị)"
    )
    keep.add_argument("--on", type=date.fromisoformat, help="tính đến ngày YYYY-MM-DD")
    keep.set_defaults(run=run_retention)


def run_due(cli: Cli, args: argparse.Namespace) -> None:
    items = cases_due(cli.db, cli.actor, on=args.on, horizon_days=args.days)
    lines = [f"{format_date(i.due)}  {_when(i.overdue)}  {tr(i.title)}  {i.detail}" for i in items]
    cli.emit([asdict(i) for i in items], "\n".join(lines) or tr("Không có việc đến hạn."))


def _when(overdue: bool) -> str:
    return tr("QUÁ HẠN") if overdue else tr("sắp đến")


def run_transfer(cli: Cli, args: argparse.Namespace) -> None:
    cases.transfer(cli.db, cli.actor, args.case_id, args.to)
    cli.emit(
        {"id": args.case_id, "to": args.to},
        tr("Đã chuyển hồ sơ; hồ sơ sẽ đi theo gói đồng bộ tiếp theo."),
    )


def run_retention(cli: Cli, args: argparse.Namespace) -> None:
    items = retention.past_retention(cli.db, cli.actor, on=args.on)
    lines = [
        f"{i.case_id}  {i.case_no or '':12} {i.person:30} "
        + tr(
            "kết thúc {closed}, giữ đến {until}",
            closed=format_date(i.closed_on),
            until=format_date(i.keep_until),
        )
        for i in items
    ]
    cli.emit([asdict(i) for i in items], "\n".join(lines) or tr("Không có hồ sơ quá hạn lưu giữ."))
