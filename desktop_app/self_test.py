"""`antq-desk --self-test`, the half without Qt: a throwaway post, a short meeting, its minutes.

It proves that what a bundle carries is there and works: the Alembic scripts (migrations), the
administrative-units list, argon2 and the replica's keys (cryptography, pyrage), the holiday
calendar (the `holidays` country module and its translations), the English catalogue, and
ReportLab with the shipped Liberation Serif. ui/self_test.py adds the Qt half.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from desktop_app import calendar
from desktop_app.actor import Actor
from desktop_app.database import Database, open_database
from desktop_app.demo.conference import conference
from desktop_app.errors import AntqError
from desktop_app.i18n import N_, SOURCE_LANGUAGE, set_language, tr
from desktop_app.services import minutes, setup

UNIT = "00097"  # Phường Hồng Hà, Hà Nội
UNIT_NAME = "Công an phường Hồng Hà"
ADMIN = "tu-kiem-tra"
PASSWORD = "tu-kiem-tra-2026"  # the database is thrown away with its temp folder
NATIONAL_DAY = date(2026, 9, 2)  # a Wednesday, and a public holiday
MIN_PDF_BYTES = 4_000  # an empty one-page PDF is ~1 kB; ours embeds fonts and runs two pages

DATABASE_STEP = N_("tạo cơ sở dữ liệu thử")
CALENDAR_STEP = N_("lịch ngày nghỉ lễ")
LANGUAGE_STEP = N_("bản dịch tiếng Anh")
MINUTES_STEP = N_("in biên bản cuộc họp")

T = TypeVar("T")


class SelfTestError(Exception):
    """A check failed; the message names the step, in the current language."""


@dataclass(frozen=True)
class Sample:
    """What the Qt half needs: the open test database, its officer, the minutes printed."""

    db: Database
    actor: Actor
    minutes_pdf: bytes


def step(title: str, check: Callable[[], T]) -> T:
    """Run one check; whatever goes wrong becomes a SelfTestError naming the step."""
    try:
        return check()
    except Exception as error:  # the self-test reports every failure, whatever its kind
        raise SelfTestError(
            tr(
                "Tự kiểm tra không đạt ở bước “{step}”: {error}",
                step=tr(title),
                error=describe(error),
            )
        ) from error


def describe(error: BaseException) -> str:
    if isinstance(error, AntqError) and error.detail:
        return f"{error.message} ({error.detail})"
    return str(error) or type(error).__name__


def make_sample(folder: Path) -> Sample:
    """A fresh post in `folder`, checked step by step; the database is left open."""
    db, actor = step(DATABASE_STEP, lambda: _new_post(folder / "tu-kiem-tra.sqlite3"))
    step(CALENDAR_STEP, _check_calendar)
    step(LANGUAGE_STEP, _check_english)
    pdf = step(MINUTES_STEP, lambda: _print_minutes(db, actor, folder / "bien-ban.pdf"))
    return Sample(db, actor, pdf)


def check_pdf(data: bytes) -> None:
    if not data.startswith(b"%PDF-") or len(data) < MIN_PDF_BYTES:
        raise SelfTestError(tr("Tệp PDF không hợp lệ ({size} byte).", size=len(data)))


def _new_post(path: Path) -> tuple[Database, Actor]:
    db = open_database(path)
    result = setup.init_replica(
        db, role="post", unit_code=UNIT, name=UNIT_NAME, admin_user=ADMIN, admin_password=PASSWORD
    )
    return db, result.admin


def _check_calendar() -> None:
    if calendar.is_working_day(NATIONAL_DAY):
        raise SelfTestError(tr("Ngày Quốc khánh 02/9 lại được tính là ngày làm việc."))


def _check_english() -> None:
    set_language("en")
    try:
        translated = tr(DATABASE_STEP)
    finally:
        set_language(SOURCE_LANGUAGE)
    if translated == DATABASE_STEP:
        raise SelfTestError(tr("Không thấy bản dịch tiếng Anh (resources/i18n/en.json)."))


def _print_minutes(db: Database, actor: Actor, path: Path) -> bytes:
    meeting = conference(db, actor)
    data = minutes.print_minutes(db, actor, meeting, path).read_bytes()
    check_pdf(data)
    return data
