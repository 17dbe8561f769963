"""`antq attachments add|list|get`: scans and photos attached to records."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli.context import Cli
from desktop_app.i18n import tr
from desktop_app.services import attachments


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("attachments", help="tệp đính kèm (bản chụp, ảnh)").add_subparsers(
        required=True
    )
    add = group.add_parser("add", help="đính kèm một tệp vào hồ sơ")
    add.add_argument("type")
    add.add_argument("id")
    add.add_argument("file", type=Path)
    add.add_argument("--note", default="")
    add.set_defaults(run=run_add)
    lst = group.add_parser("list", help="các tệp đính kèm của một hồ sơ")
    lst.add_argument("type")
    lst.add_argument("id")
    lst.set_defaults(run=run_list)
    get = group.add_parser("get", help="lấy tệp đính kèm ra một tệp")
    get.add_argument("attachment_id")
    get.add_argument("--out", type=Path, required=True)
    get.set_defaults(run=run_get)


def run_add(cli: Cli, args: argparse.Namespace) -> None:
    record = attachments.add(cli.db, cli.actor, args.type, args.id, args.file, args.note)
    cli.emit(record.to_json(), record.id)


def run_list(cli: Cli, args: argparse.Namespace) -> None:
    found = attachments.list_for(cli.db, cli.actor, args.type, args.id)
    lines = [f"{r.id}  {r.get('file_name')}  {r.get('size')}" for r in found]
    cli.emit([r.to_json() for r in found], "\n".join(lines) or tr("Không có tệp đính kèm."))


def run_get(cli: Cli, args: argparse.Namespace) -> None:
    path = attachments.export(cli.db, cli.actor, args.attachment_id, args.out)
    cli.emit({"file": str(path)}, tr("Đã lưu tệp ra {path}.", path=str(path)))
