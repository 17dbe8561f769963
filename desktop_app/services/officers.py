"""Officers (users): accounts, roles, passwords (argon2id) and logging in."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.base import utc_now
from db.models import LoginAttempt, Officer
from db.uow import Database
from desktop_app.actor import ADMIN, OFFICER, VIEWER, Actor, require_admin
from desktop_app.changes import Changes
from desktop_app.errors import (
    AuthenticationError,
    DuplicateError,
    NotFoundError,
    ValidationError,
)
from desktop_app.i18n import tr
from desktop_app.services import audit
from desktop_app.text import clean
from desktop_app.work import Work, work

ROLES = (ADMIN, OFFICER, VIEWER)
MIN_PASSWORD = 8
MAX_FAILURES = 5
LOCK_MINUTES = 5
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory profile (~120 ms here)


@dataclass(frozen=True)
class OfficerView:
    id: str
    username: str
    full_name: str
    title: str | None
    role: str
    active: bool


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(tr("Mật khẩu phải có ít nhất {n} ký tự.", n=MIN_PASSWORD))


def hash_password(password: str) -> str:
    check_password(password)
    return _hasher.hash(password)


def login(db: Database, username: str, password: str, *, now: datetime | None = None) -> Actor:
    """The officer whose password this is; one message for every failure, so none leaks.

    After MAX_FAILURES wrong passwords in a row the username is locked for LOCK_MINUTES,
    whatever password comes next; the count lives on this machine only.
    """
    moment = now or utc_now()
    name = (clean(username) or "").casefold()
    with work(db, None, write=True) as w:
        attempt = w.session.get(LoginAttempt, name) or LoginAttempt(username=name, failures=0)
        locked = _locked_minutes(attempt, moment)
        officer = None if locked else _matching(w.session, name, password)
        if officer is not None:
            attempt.failures, attempt.locked_until = 0, None
            w.session.merge(attempt)
            actor = _actor(officer)
            audit.append(Work(w.session, w.replica, actor, w.uow), "login", "officer", officer.id)
            return actor
        if not locked:
            locked = _count_failure(attempt, moment)
            w.session.merge(attempt)
    if locked:
        raise AuthenticationError(
            tr(
                "Tài khoản '{username}' tạm khóa do nhập sai mật khẩu {failures} lần; "
                "thử lại sau {minutes} phút.",
                username=name,
                failures=MAX_FAILURES,
                minutes=locked,
            )
        )
    raise AuthenticationError(tr("Sai tên đăng nhập hoặc mật khẩu."))


def _locked_minutes(attempt: LoginAttempt, now: datetime) -> int:
    if attempt.locked_until is None or attempt.locked_until <= now:
        return 0
    return max(1, math.ceil((attempt.locked_until - now).total_seconds() / 60))


def _count_failure(attempt: LoginAttempt, now: datetime) -> int:
    """Record one wrong password; the minutes of lock it earns (0 if none yet)."""
    attempt.failures = (attempt.failures or 0) + 1
    if attempt.failures < MAX_FAILURES:
        return 0
    attempt.failures, attempt.locked_until = 0, now + timedelta(minutes=LOCK_MINUTES)
    return LOCK_MINUTES


def add(
    db: Database,
    actor: Actor,
    username: str,
    password: str,
    *,
    full_name: str | None = None,
    role: str = OFFICER,
    title: str | None = None,
) -> tuple[OfficerView, Changes]:
    require_admin(actor)
    with work(db, actor, write=True) as w:
        officer = create(w, username, password, full_name=full_name, role=role, title=title)
        return _view(officer), w.changes()


def create(
    w: Work,
    username: str,
    password: str,
    *,
    full_name: str | None,
    role: str,
    title: str | None = None,
) -> Officer:
    """Add an officer inside an open unit of work (also used by `init` for the post chief)."""
    name = _check_username(username)
    _check_role(role)
    if _by_username(w.session, name) is not None:
        raise DuplicateError(tr("Tên đăng nhập '{username}' đã có người dùng.", username=name))
    officer = Officer(
        username=name,
        full_name=clean(full_name) or name,
        title=clean(title),
        role=role,
        password_hash=hash_password(password),
        active=True,
        unit_code=w.replica.unit_code,
    )
    w.session.add(officer)
    w.session.flush()
    audit.append(w, "officer_add", "officer", officer.id, {"username": name, "role": role})
    return officer


def list_officers(db: Database, actor: Actor) -> list[OfficerView]:
    with work(db, actor, write=False) as w:
        rows = w.session.scalars(
            select(Officer).where(Officer.deleted.is_(False)).order_by(Officer.sort_key)
        )
        return [_view(o) for o in rows]


def set_role(db: Database, actor: Actor, username: str, role: str) -> Changes:
    require_admin(actor)
    _check_role(role)
    with work(db, actor, write=True) as w:
        officer = _existing(w.session, username)
        if officer.id == actor.officer_id and role != ADMIN:
            raise ValidationError(tr("Không thể tự bỏ quyền quản trị của chính mình."))
        officer.role = role
        audit.append(w, "officer_role", "officer", officer.id, {"role": role})
        return w.changes()


def disable(db: Database, actor: Actor, username: str) -> Changes:
    require_admin(actor)
    with work(db, actor, write=True) as w:
        officer = _existing(w.session, username)
        if officer.id == actor.officer_id:
            raise ValidationError(tr("Không thể tự khóa tài khoản của chính mình."))
        officer.active = False
        audit.append(w, "officer_disable", "officer", officer.id, {})
        return w.changes()


def change_password(db: Database, actor: Actor, old: str, new: str) -> Changes:
    """The logged-in officer changes their own password, proving the old one first."""
    check_password(new)
    with work(db, actor, write=True) as w:
        officer = w.session.get(Officer, actor.officer_id)
        if officer is None or not _verify(officer, old):
            raise AuthenticationError(tr("Mật khẩu hiện tại không đúng."))
        if old == new:
            raise ValidationError(tr("Mật khẩu mới phải khác mật khẩu hiện tại."))
        officer.password_hash = hash_password(new)
        audit.append(w, "password_change", "officer", officer.id, {})
        return w.changes()


def reset_password(db: Database, actor: Actor, username: str, new: str) -> Changes:
    """The post chief sets a new password for an officer who forgot theirs (and unlocks it)."""
    require_admin(actor)
    check_password(new)
    with work(db, actor, write=True) as w:
        officer = _existing(w.session, username)
        officer.password_hash = hash_password(new)
        attempt = w.session.get(LoginAttempt, officer.username)
        if attempt is not None:
            attempt.failures, attempt.locked_until = 0, None
        audit.append(w, "password_reset", "officer", officer.id, {})
        return w.changes()


def _verify(officer: Officer, password: str) -> bool:
    try:
        return _hasher.verify(officer.password_hash or "", password)
    except (VerificationError, InvalidHashError):
        return False


def _matching(session: Session, username: str, password: str) -> Officer | None:
    """The active officer with this username whose password this is. Machines of one post
    sync their officers, so two accounts may share a username (each with its own password)."""
    candidates = session.scalars(
        select(Officer).where(Officer.username == username, Officer.deleted.is_(False))
    )
    return next((o for o in candidates if o.active and _verify(o, password)), None)


def _by_username(session: Session, username: str) -> Officer | None:
    name = (clean(username) or "").casefold()
    return session.scalars(
        select(Officer).where(Officer.username == name, Officer.deleted.is_(False))
    ).first()


def _existing(session: Session, username: str) -> Officer:
    officer = _by_username(session, username)
    if officer is None:
        raise NotFoundError(
            tr("Không có cán bộ với tên đăng nhập '{username}'.", username=username)
        )
    return officer


def _check_username(username: str) -> str:
    name = (clean(username) or "").casefold()
    if not _USERNAME.match(name):
        raise ValidationError(
            tr("Tên đăng nhập chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch nối; 2–60 ký tự.")
        )
    return name


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValidationError(
            tr("Vai trò '{role}' không hợp lệ; chọn admin, officer hoặc viewer.", role=role)
        )


def _actor(officer: Officer) -> Actor:
    return Actor(
        officer.id, officer.username or "", officer.full_name or "", officer.role or VIEWER
    )


def _view(officer: Officer) -> OfficerView:
    return OfficerView(
        officer.id,
        officer.username or "",
        officer.full_name or "",
        officer.title,
        officer.role or VIEWER,
        officer.active,
    )
