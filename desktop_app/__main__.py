"""The GUI entry point (`antq-desk`, `python -m desktop_app`); Qt is imported only here, lazily."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="antq-desk", description="ANTQ Desk")
    parser.add_argument("--db", help="tệp SQLite hoặc URL PostgreSQL")
    parser.add_argument("--demo", action="store_true", help="mở (hoặc tạo) cơ sở dữ liệu mẫu")
    parser.add_argument("--screenshot", type=Path, help="chụp cửa sổ chính ra PNG rồi thoát")
    parser.add_argument("--page", help="trang cần chụp")
    parser.add_argument("--dialog", default="", help="hộp thoại cần chụp (cùng --screenshot)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="tự kiểm tra trên dữ liệu tạm (in biên bản, mở cửa sổ), in 'ok' rồi thoát",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
