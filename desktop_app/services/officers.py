"""Officers (users): accounts, roles, passwords (argon2id) and logging in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Officer
from db.uow import Database
from desktop_app.actor import ADMIN, OFFICER, VIEWER, Actor, require_admin
from desktop_app.changes import Changes
from desktop_app.errors import (
    AuthenticationError,
    DuplicateError,
    NotFoundError,
    ValidationError,
)
from desktop_app.services import audit
from desktop_app.text import clean
from desktop_app.work import Work, work

ROLES = (ADMIN, OFFICER, VIEWER)
MIN_PASSWORD = 8
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
        raise ValidationError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.")


def hash_password(password: str) -> str:
    check_password(password)
    return _hasher.hash(password)


def login(db: Database, username: str, password: str) -> Actor:
    """The officer whose password this is; one message for every failure, so none leaks."""
    with work(db, None, write=False) as w:
        officer = _by_username(w.session, username)
        if officer is None or not officer.active or not _verify(officer, password):
            raise AuthenticationError("Sai tên đăng nhập hoặc mật khẩu.")
        return _actor(officer)


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
        raise DuplicateError(f"Tên đăng nhập '{name}' đã có người dùng.")
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
            raise ValidationError("Không thể tự bỏ quyền quản trị của chính mình.")
        officer.role = role
        audit.append(w, "officer_role", "officer", officer.id, {"role": role})
        return w.changes()


def disable(db: Database, actor: Actor, username: str) -> Changes:
    require_admin(actor)
    with work(db, actor, write=True) as w:
        officer = _existing(w.session, username)
        if officer.id == actor.officer_id:
            raise ValidationError("Không thể tự khóa tài khoản của chính mình.")
        officer.active = False
        audit.append(w, "officer_disable", "officer", officer.id, {})
        return w.changes()


def _verify(officer: Officer, password: str) -> bool:
    try:
        return _hasher.verify(officer.password_hash or "", password)
    except (VerificationError, InvalidHashError):
        return False


def _by_username(session: Session, username: str) -> Officer | None:
    name = (clean(username) or "").casefold()
    return session.scalars(
        select(Officer).where(Officer.username == name, Officer.deleted.is_(False))
    ).first()


def _existing(session: Session, username: str) -> Officer:
    officer = _by_username(session, username)
    if officer is None:
        raise NotFoundError(f"Không có cán bộ với tên đăng nhập '{username}'.")
    return officer


def _check_username(username: str) -> str:
    name = (clean(username) or "").casefold()
    if not _USERNAME.match(name):
        raise ValidationError(
            "Tên đăng nhập chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch nối; 2–60 ký tự."
        )
    return name


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValidationError(f"Vai trò '{role}' không hợp lệ; chọn admin, officer hoặc viewer.")


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
