"""`antq officers …`, `antq audit list`, `antq demo seed`: administration from the command line."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from datetime import date

from desktop_app.cli.context import NEW_PASSWORD_ENV, PASSWORD_ENV, Cli, password
from desktop_app.services import audit, officers


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    off = sub.add_parser("officers", help="cán bộ sử dụng phần mềm").add_subparsers(required=True)
    add = off.add_parser("add", help="thêm cán bộ (mật khẩu từ ANTQ_NEW_PASSWORD hoặc nhập)")
    add.add_argument("username")
    add.add_argument("--role", choices=officers.ROLES, default="officer")
    add.add_argument("--full-name")
    add.add_argument("--title")
    add.set_defaults(run=run_officer_add)
    off.add_parser("list", help="danh sách cán bộ").set_defaults(run=run_officer_list)
    role = off.add_parser("set-role", help="đổi vai trò")
    role.add_argument("username")
    role.add_argument("role", choices=officers.ROLES)
    role.set_defaults(run=run_officer_role)
    disable = off.add_parser("disable", help="khóa tài khoản")
    disable.add_argument("username")
    disable.set_defaults(run=run_officer_disable)
    passwd = off.add_parser(
        "passwd", help="đổi mật khẩu của mình, hoặc đặt lại mật khẩu cho USERNAME (quản trị)"
    )
    passwd.add_argument("username", nargs="?")
    passwd.set_defaults(run=run_officer_passwd)

    aud = sub.add_parser("audit", help="nhật ký thao tác").add_subparsers(required=True)
    lst = aud.add_parser("list", help="xem nhật ký, mới nhất trước")
    lst.add_argument("--officer")
    lst.add_argument("--record")
    lst.add_argument("--since", type=date.fromisoformat)
    lst.add_argument("--until", type=date.fromisoformat)
    lst.add_argument("--limit", type=int, default=200)
    lst.set_defaults(run=run_audit_list)
    aud.add_parser(
        "verify", help="kiểm tra chuỗi nhật ký: phát hiện sự kiện bị xóa, sửa, đổi thứ tự"
    ).set_defaults(run=run_audit_verify)

    demo = sub.add_parser("demo", help="dữ liệu mẫu").add_subparsers(required=True)
    sd = demo.add_parser("seed", help="tạo dữ liệu mẫu thực tế")
    size = sd.add_mutually_exclusive_group(required=True)
    size.add_argument("--households", type=int)
    size.add_argument("--scale", choices=("commune", "province"))
    sd.add_argument("--communes", type=int, help="trung tâm tỉnh: chỉ tạo cho N xã đầu tiên")
    sd.add_argument("--seed", type=int, default=0)
    sd.set_defaults(run=run_demo_seed)


def run_officer_add(cli: Cli, args: argparse.Namespace) -> None:
    secret = password(NEW_PASSWORD_ENV, f"Mật khẩu mới cho {args.username}: ")
    view, _ = officers.add(
        cli.db,
        cli.actor,
        args.username,
        secret,
        full_name=args.full_name,
        role=args.role,
        title=args.title,
    )
    cli.emit(asdict(view), f"Đã thêm cán bộ {view.username} ({view.role}).")


def run_officer_list(cli: Cli, args: argparse.Namespace) -> None:
    views = officers.list_officers(cli.db, cli.actor)
    cli.emit(
        [asdict(v) for v in views],
        "\n".join(
            f"{v.username:20} {v.role:8} {v.full_name}" + ("" if v.active else "  (đã khóa)")
            for v in views
        ),
    )


def run_officer_role(cli: Cli, args: argparse.Namespace) -> None:
    officers.set_role(cli.db, cli.actor, args.username, args.role)
    cli.emit({"username": args.username, "role": args.role}, f"Đã đổi vai trò của {args.username}.")


def run_officer_disable(cli: Cli, args: argparse.Namespace) -> None:
    officers.disable(cli.db, cli.actor, args.username)
    cli.emit({"username": args.username, "active": False}, f"Đã khóa tài khoản {args.username}.")


def run_officer_passwd(cli: Cli, args: argparse.Namespace) -> None:
    new = password(NEW_PASSWORD_ENV, "Mật khẩu mới: ")
    if args.username and args.username != cli.actor.username:
        officers.reset_password(cli.db, cli.actor, args.username, new)
        done = f"Đã đặt lại mật khẩu cho {args.username}."
    else:
        old = password(PASSWORD_ENV, "Mật khẩu hiện tại: ")
        officers.change_password(cli.db, cli.actor, old, new)
        done = "Đã đổi mật khẩu."
    cli.emit({"username": args.username or cli.actor.username, "changed": True}, done)


def run_audit_verify(cli: Cli, args: argparse.Namespace) -> None:
    reports = audit.verify(cli.db, cli.actor)
    lines = [
        f"{r.replica_id[-8:]}  {r.events} sự kiện  "
        + ("nguyên vẹn" if r.problem is None else r.problem.message)
        for r in reports
    ]
    cli.emit([asdict(r) | {"ok": r.ok} for r in reports], "\n".join(lines))
    broken = [r.problem for r in reports if r.problem is not None]
    if broken:
        raise audit.ChainBrokenError(broken[0].message)


def run_audit_list(cli: Cli, args: argparse.Namespace) -> None:
    entries = audit.list_events(
        cli.db,
        cli.actor,
        officer=args.officer,
        record_id=args.record,
        since=args.since,
        until=args.until,
        limit=args.limit,
    )
    cli.emit(
        [asdict(e) for e in entries],
        "\n".join(
            f"{e.at:%Y-%m-%d %H:%M:%S}  {e.officer or '-':12} {e.action:12} "
            f"{e.record_type or ''} {e.record_id or ''}"
            for e in entries
        ),
    )


def run_demo_seed(cli: Cli, args: argparse.Namespace) -> None:
    from desktop_app.demo.seed import seed  # Faker loads only for this command

    def progress(done: int, total: int) -> None:
        if not cli.as_json and sys.stderr.isatty():
            sys.stderr.write(f"\rĐang tạo dữ liệu mẫu: {done}/{total} hộ")

    result = seed(
        cli.db,
        cli.actor,
        households=args.households,
        scale=args.scale,
        communes=args.communes,
        seed=args.seed,
        progress=progress,
    )
    counts = dict(result.counts)
    cli.emit(counts, "Đã tạo: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
