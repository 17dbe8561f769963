"""The `antq` command line: the same services as the GUI, for scripts, tests and administrators."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from desktop_app import __version__, logs
from desktop_app.cli import (
    admin_cmds,
    attachment_cmds,
    backup_cmds,
    case_cmds,
    meeting_cmds,
    records_cmds,
    report_cmds,
    setup_cmds,
    spreadsheet_cmds,
    sync_cmds,
)
from desktop_app.cli.context import Cli
from desktop_app.errors import AntqError

UNEXPECTED_EXIT = 70
log = logging.getLogger("antq.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="antq",
        description="ANTQ Desk — dòng lệnh (cùng dịch vụ với giao diện).",
    )
    parser.add_argument("--db", help="đường dẫn tệp SQLite hoặc URL postgresql+psycopg://…")
    parser.add_argument("--user", help="tên đăng nhập (mật khẩu từ ANTQ_PASSWORD)")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    setup_cmds.register(sub)
    records_cmds.register(sub)
    admin_cmds.register(sub)
    case_cmds.register(sub)
    attachment_cmds.register(sub)
    meeting_cmds.register(sub)
    sync_cmds.register(sub)
    report_cmds.register(sub)
    spreadsheet_cmds.register(sub)
    backup_cmds.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_streams()
    args = build_parser().parse_args(argv)
    logs.configure()
    cli = Cli(db_target=args.db, user=args.user, as_json=args.json)
    try:
        args.run(cli, args)
    except AntqError as error:
        log.info("command failed: %s (%s)", error.message, error.detail)
        sys.stderr.write(f"Lỗi: {error.message}\n")
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("Đã hủy.\n")
        return 130
    except Exception:
        log.exception("unexpected error in %s", args.command)
        sys.stderr.write(
            f"Lỗi không mong muốn; dữ liệu chưa bị thay đổi. Chi tiết ghi trong {logs.log_path()}\n"
        )
        return UNEXPECTED_EXIT
    finally:
        if "db" in cli.__dict__:
            cli.db.dispose()
    return 0


def _utf8_streams() -> None:
    # A Windows console may default to a legacy code page that cannot print Vietnamese.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
