"""Typed errors of the core: a Vietnamese message for the officer, detail for the log."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path


class AntqError(Exception):
    """Base of every error the core raises on purpose; `message` is shown to the officer."""

    exit_code = 1

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class ValidationError(AntqError):
    """Input the officer can correct; `fields` maps a field name to what is wrong with it."""

    exit_code = 2

    def __init__(self, message: str, fields: Mapping[str, str] | None = None) -> None:
        self.fields: dict[str, str] = dict(fields or {})
        if self.fields:
            lines = "; ".join(self.fields.values())
            message = f"{message} {lines}"
        super().__init__(message)


class NotFoundError(AntqError):
    exit_code = 3


class DuplicateError(AntqError):
    """A record that this database already holds (e.g. the same số định danh)."""

    exit_code = 4


class PermissionDeniedError(AntqError):
    exit_code = 5


class AuthenticationError(AntqError):
    exit_code = 6


class SetupError(AntqError):
    """The database or replica is missing, not initialised, or initialised twice."""

    exit_code = 7


class DatabaseError(AntqError):
    """The database file cannot be opened, read or upgraded."""

    exit_code = 8


class CorruptDatabaseError(DatabaseError):
    """The SQLite file fails its integrity check (or is not a database at all). `path` is the
    damaged file; `backup` the newest copy of it that passed its check, if there is one, so the
    GUI can offer to restore it."""

    exit_code = 14

    def __init__(
        self,
        message: str,
        detail: str = "",
        *,
        path: Path,
        backup: Path | None = None,
        backup_made_at: datetime | None = None,
    ) -> None:
        super().__init__(message, detail)
        self.path = path
        self.backup = backup
        self.backup_made_at = backup_made_at


class BackupError(AntqError):
    """A backup cannot be made here (PostgreSQL, disk full), or a file cannot be restored
    (damaged, foreign, from a newer version, or the target already holds data)."""

    exit_code = 15
