"""`antq init`, `antq keys card`, `antq peers …`: making a replica and introducing its peers."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from desktop_app.cli.context import PASSWORD_ENV, Cli, password
from desktop_app.errors import ValidationError
from desktop_app.services import peers, setup


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = sub.add_parser(
        "init", help="khởi tạo cơ sở dữ liệu cho Công an xã (post) hoặc tỉnh (hub)"
    )
    init.add_argument("--role", choices=setup.ROLES, required=True)
    init.add_argument("--unit-code", required=True, help="mã xã/phường (post) hoặc mã tỉnh (hub)")
    init.add_argument("--name", required=True, help="tên đơn vị như in trên văn bản")
    init.add_argument("--admin-user", required=True, help="tên đăng nhập của Trưởng Công an")
    init.add_argument("--admin-name", help="họ tên của Trưởng Công an")
    init.set_defaults(run=run_init)

    keys = sub.add_parser("keys", help="thẻ khóa công khai của máy này").add_subparsers(
        required=True
    )
    card = keys.add_parser("card", help="xuất thẻ khóa (JSON) để trao cho đối tác")
    card.add_argument("--out", type=Path)
    card.set_defaults(run=run_card)

    peer = sub.add_parser("peers", help="đối tác đồng bộ").add_subparsers(required=True)
    add = peer.add_parser("add", help="thêm đối tác từ thẻ khóa")
    add.add_argument("file", type=Path)
    add.set_defaults(run=run_peer_add)
    peer.add_parser("list", help="liệt kê đối tác").set_defaults(run=run_peer_list)
    revoke = peer.add_parser("revoke", help="thu hồi đối tác")
    revoke.add_argument("replica_id")
    revoke.set_defaults(run=run_peer_revoke)


def run_init(cli: Cli, args: argparse.Namespace) -> None:
    secret = password(PASSWORD_ENV, "Mật khẩu cho Trưởng Công an: ")
    result = setup.init_replica(
        cli.db,
        role=args.role,
        unit_code=args.unit_code,
        name=args.name,
        admin_user=args.admin_user,
        admin_password=secret,
        admin_full_name=args.admin_name,
    )
    cli.emit(
        {"replica": asdict(result.replica), "admin": result.admin.username},
        f"Đã khởi tạo {result.replica.name} (mã máy {result.replica.replica_id}).",
    )


def run_card(cli: Cli, args: argparse.Namespace) -> None:
    card = peers.key_card(cli.db, cli.actor).to_json()
    text = json.dumps(card, ensure_ascii=False, indent=1)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
        cli.emit(
            {"file": str(args.out), **card},
            f"Đã ghi thẻ khóa vào {args.out}. Dấu vân tay: {card['fingerprint']}",
        )
    else:
        cli.out.write(text + "\n")


def run_peer_add(cli: Cli, args: argparse.Namespace) -> None:
    try:
        card = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValidationError(f"Không đọc được thẻ khóa '{args.file}': {error}") from error
    if not isinstance(card, dict):
        raise ValidationError(f"Tệp '{args.file}' không phải thẻ khóa ANTQ Desk.")
    view = peers.add_peer(cli.db, cli.actor, card)
    cli.emit(
        asdict(view),
        f"Đã thêm đối tác {view.name} ({view.unit_code}). Dấu vân tay: {view.fingerprint}",
    )


def run_peer_list(cli: Cli, args: argparse.Namespace) -> None:
    views = peers.list_peers(cli.db, cli.actor)
    cli.emit(
        [asdict(v) for v in views],
        "\n".join(
            f"{v.replica_id}  {v.role:4}  {v.unit_code:6}  {v.name}  [{v.fingerprint}]"
            + ("  (đã thu hồi)" if v.revoked_at else "")
            for v in views
        )
        or "Chưa có đối tác nào.",
    )


def run_peer_revoke(cli: Cli, args: argparse.Namespace) -> None:
    view = peers.revoke_peer(cli.db, cli.actor, args.replica_id)
    cli.emit(asdict(view), f"Đã thu hồi đối tác {view.name}.")
