"""`antq sync …` and `antq conflicts …`: packages on a USB stick, and what they disagreed on."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from desktop_app.cli.context import Cli
from desktop_app.errors import AntqError
from desktop_app.i18n import tr
from desktop_app.services import conflicts
from desktop_app.sync import exporter, importer, status


class PackagesHeldError(AntqError):
    """Some packages were kept aside (newer version, clock ahead, gap, clone)."""

    exit_code = 11


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = sub.add_parser("sync", help="đồng bộ qua USB").add_subparsers(required=True)
    exp = sync.add_parser("export", help="xuất một gói cho đối tác vào thư mục (USB)")
    exp.add_argument("--peer", required=True, help="mã máy của đối tác")
    exp.add_argument("--out", required=True, type=Path, help="thư mục đích, ví dụ ổ USB")
    exp.add_argument("--snapshot", action="store_true", help="gói toàn bộ dữ liệu (máy mới)")
    exp.set_defaults(run=run_export)
    imp = sync.add_parser("import", help="nhập các gói nhận được")
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="kiểm tra, không thay đổi gì")
    imp.set_defaults(run=run_import)
    sync.add_parser("status", help="tình trạng đồng bộ").set_defaults(run=run_status)
    rel = sync.add_parser("release", help="nhập một gói đang giữ do đồng hồ chạy trước")
    rel.add_argument("package_id")
    rel.set_defaults(run=run_release)
    sync.add_parser("reenrol", help="đăng ký lại máy sau khi phục hồi bản sao lưu").set_defaults(
        run=run_reenrol
    )
    conf = sub.add_parser("conflicts", help="xung đột dữ liệu sau đồng bộ").add_subparsers(
        required=True
    )
    lst = conf.add_parser("list", help="các xung đột chưa giải quyết")
    lst.add_argument("--all", action="store_true", help="cả các xung đột đã giải quyết")
    lst.set_defaults(run=run_conflicts)
    res = conf.add_parser("resolve", help="giải quyết một xung đột")
    res.add_argument("conflict_id")
    res.add_argument("choice", choices=(conflicts.KEEP, conflicts.SWAP))
    res.add_argument("--reason", required=True)
    res.set_defaults(run=run_resolve)


def run_export(cli: Cli, args: argparse.Namespace) -> None:
    result = exporter.export_package(cli.db, cli.actor, args.peer, args.out, snapshot=args.snapshot)
    cli.emit(
        {**asdict(result), "path": str(result.path)},
        tr(
            "Đã ghi {path} ({n} thay đổi). Có thể rút USB.", path=str(result.path), n=result.changes
        ),
    )


def run_import(cli: Cli, args: argparse.Namespace) -> None:
    results = importer.import_packages(cli.db, cli.actor, args.files, dry_run=args.dry_run)
    cli.emit([r.to_json() for r in results], "\n".join(_line(r) for r in results))
    held = [f"{r.file}: {r.message}" for r in results if r.status in importer.HELD]
    if held:
        raise PackagesHeldError("\n".join(held))


def _line(result: importer.ImportSummary) -> str:
    prefix = tr("(thử) ") if result.dry_run else ""
    if result.status == importer.APPLIED:
        return prefix + tr(
            "{file}: áp dụng {n} thay đổi, {seen} đã có, {c} xung đột.",
            file=result.file,
            n=result.applied,
            seen=result.already_seen,
            c=result.conflicts,
        )
    return f"{prefix}{result.file}: {result.message}"


def run_status(cli: Cli, args: argparse.Namespace) -> None:
    found = status.status(cli.db, cli.actor)
    data = asdict(found)
    lines = [tr("Máy: {id}, số thay đổi của máy: {n}", id=found.replica_id, n=found.last_seq)]
    lines += [
        f"  {p.direction:8} {p.at:%d/%m/%Y %H:%M} {p.peer_id[:8]} #{p.seq} {p.status}"
        for p in found.history[:10]
    ]
    lines.append(tr("Xung đột chưa giải quyết: {n}", n=found.open_conflicts))
    cli.emit(json.loads(json.dumps(data, default=str)), "\n".join(lines))


def run_release(cli: Cli, args: argparse.Namespace) -> None:
    result = importer.release(cli.db, cli.actor, args.package_id)
    cli.emit(result.to_json(), _line(result))


def run_reenrol(cli: Cli, args: argparse.Namespace) -> None:
    status.reenrol(cli.db, cli.actor)
    cli.emit(
        {"reenrolled": True},
        tr("Đã đăng ký lại máy. Hãy xuất thẻ khóa mới (antq keys card) và trao cho Công an tỉnh."),
    )


def run_conflicts(cli: Cli, args: argparse.Namespace) -> None:
    found = conflicts.list_conflicts(cli.db, cli.actor, include_resolved=args.all)
    lines = [
        f"{c.id}  {c.record_type}.{c.field_label}: {c.winner_value!r} ≠ {c.loser_value!r}"
        for c in found
    ]
    cli.emit(
        json.loads(json.dumps([asdict(c) for c in found], default=str)),
        "\n".join(lines) or tr("Không có xung đột nào."),
    )


def run_resolve(cli: Cli, args: argparse.Namespace) -> None:
    conflicts.resolve(cli.db, cli.actor, args.conflict_id, args.choice, args.reason)
    cli.emit({"id": args.conflict_id, "choice": args.choice}, tr("Đã giải quyết xung đột."))
