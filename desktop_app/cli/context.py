"""What every command gets: the opened database, the logged-in officer, and output helpers."""

from __future__ import annotations

import getpass
import json
import os
import sys
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TextIO

from db.uow import Database
from desktop_app.actor import Actor
from desktop_app.database import open_database
from desktop_app.errors import AuthenticationError
from desktop_app.services import officers

PASSWORD_ENV = "ANTQ_PASSWORD"
USER_ENV = "ANTQ_USER"
NEW_PASSWORD_ENV = "ANTQ_NEW_PASSWORD"


@dataclass
class Cli:
    db_target: str | None
    user: str | None
    as_json: bool
    out: TextIO = field(default_factory=lambda: sys.stdout)

    @cached_property
    def db(self) -> Database:
        return open_database(self.db_target)

    @cached_property
    def actor(self) -> Actor:
        """The officer of --user (or $ANTQ_USER), logged in with $ANTQ_PASSWORD or a prompt."""
        username = self.user or os.environ.get(USER_ENV)
        if not username:
            raise AuthenticationError(
                "Cần đăng nhập: thêm --user TÊN (mật khẩu lấy từ biến ANTQ_PASSWORD hoặc nhập)."
            )
        return officers.login(
            self.db, username, password(PASSWORD_ENV, f"Mật khẩu của {username}: ")
        )

    def emit(self, data: Any, text: str | None = None) -> None:
        """Print `data` as JSON with --json, else `text` (or a readable form of `data`)."""
        if self.as_json:
            self.out.write(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n")
        else:
            self.out.write((text if text is not None else _plain(data)) + "\n")


def password(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise AuthenticationError(
            f"Không có mật khẩu: đặt biến môi trường {env} hoặc chạy trong cửa sổ lệnh."
        )
    return getpass.getpass(prompt)


def _plain(data: Any) -> str:
    if isinstance(data, list):
        return "\n".join(_plain(item) for item in data)
    if isinstance(data, dict):
        return "  ".join(f"{k}={v}" for k, v in data.items() if v not in (None, ""))
    return str(data)
