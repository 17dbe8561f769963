"""`antq meetings open-opinions|pull-opinions`: following up what residents asked."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from desktop_app.cli.context import Cli
from desktop_app.formatting import format_date
from desktop_app.i18n import tr
from desktop_app.services import meetings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("meetings", help="cuộc họp và ý kiến của Nhân dân").add_subparsers(
        required=True
    )
    listing = group.add_parser("open-opinions", help="ý kiến chưa giải quyết, theo hạn")
    listing.add_argument("--area", help="mã thôn, tổ dân phố")
    listing.set_defaults(run=run_open)
    pull = group.add_parser("pull-opinions", help="đưa ý kiến chưa giải quyết vào cuộc họp này")
    pull.add_argument("meeting_id")
    pull.set_defaults(run=run_pull)


def run_open(cli: Cli, args: argparse.Namespace) -> None:
    found = meetings.open_opinions(cli.db, cli.actor, args.area)
    lines = [
        f"{format_date(o.deadline) or '—':10}  {o.speaker}: {o.content}  ({o.meeting_subject})"
        for o in found
    ]
    cli.emit([asdict(o) for o in found], "\n".join(lines) or tr("Không có ý kiến nào đang chờ."))


def run_pull(cli: Cli, args: argparse.Namespace) -> None:
    meetings.pull_open_opinions(cli.db, cli.actor, args.meeting_id)
    cli.emit({"meeting_id": args.meeting_id}, tr("Đã đưa các ý kiến chưa giải quyết vào cuộc họp."))
