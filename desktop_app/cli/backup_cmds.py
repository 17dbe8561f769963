"""`antq backup`, `antq backups list`, `antq restore`: copies of the SQLite file (docs/backups.md).

`restore` needs no login: the database it would log in to may be the damaged one, and it only
ever creates a new file (it refuses a target that holds data), so it cannot destroy anything.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app import backups
from desktop_app.cli.context import Cli
from desktop_app.errors import BackupError
from desktop_app.formatting import format_time
from desktop_app.i18n import tr


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    make = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu ngay (Trưởng Công an)")
    make.add_argument("--out", type=Path, help="thư mục đích (mặc định: thư mục sao lưu)")
    make.set_defaults(run=run_backup)
    listing = sub.add_parser("backups", help="các bản sao lưu").add_subparsers(required=True)
    lst = listing.add_parser("list", help="các bản sao lưu của cơ sở dữ liệu này, mới nhất trước")
    lst.add_argument("--all", action="store_true", help="của mọi cơ sở dữ liệu trong thư mục")
    lst.set_defaults(run=run_list)
    back = sub.add_parser("restore", help="phục hồi một bản sao lưu vào một tệp mới")
    back.add_argument("file", type=Path, help="tệp sao lưu (.sqlite3)")
    back.add_argument("--to", type=Path, help="tệp đích chưa có dữ liệu (mặc định: --db)")
    back.set_defaults(run=run_restore)


def run_backup(cli: Cli, args: argparse.Namespace) -> None:
    backups.sqlite_file(cli.db_target)  # PostgreSQL: say so before connecting to it
    info = backups.manual_backup(cli.db, cli.actor, args.out)
    cli.emit(info.to_json(), str(info.path))
    if not info.ok:
        raise BackupError(
            tr(
                "Đã sao lưu vào {path}, nhưng bản sao không qua kiểm tra toàn vẹn: cơ sở dữ liệu "
                "có thể đang hỏng ({problem}).",
                path=str(info.path),
                problem=info.problem,
            )
        )


def run_list(cli: Cli, args: argparse.Namespace) -> None:
    source = None if args.all else backups.sqlite_file(cli.db_target)
    found = backups.list_backups(source)
    cli.emit(
        [b.to_json() for b in found],
        "\n".join(_line(b) for b in found) or tr("Chưa có bản sao lưu nào."),
    )


def _line(info: backups.BackupInfo) -> str:
    state = {True: tr("tốt"), False: tr("HỎNG"), None: tr("chưa kiểm tra")}[info.ok]
    size = backups.format_size(info.size)
    return f"{format_time(info.made_at)}  {info.kind:16}  {size:>9}  {state:12}  {info.path}"


def run_restore(cli: Cli, args: argparse.Namespace) -> None:
    target = args.to.resolve() if args.to else backups.sqlite_file(cli.db_target)
    result = backups.restore(args.file, target)
    lines = [
        tr(
            "Đã phục hồi {file} vào {target} (đơn vị: {unit}).",
            file=str(args.file),
            target=str(result.target),
            unit=result.unit_name or tr("chưa khởi tạo"),
        )
    ]
    if result.had_synced:
        lines.append(backups.reenrol_note())
    cli.emit(
        {
            "backup": str(result.backup),
            "target": str(result.target),
            "replica_id": result.replica_id,
            "unit_name": result.unit_name,
            "reenrol_needed": result.had_synced,
        },
        "\n".join(lines),
    )
