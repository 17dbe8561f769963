"""Creating a replica: schema is ready, now its identity, keys, vocabularies and first officer."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from db.base import utc_now
from db.hlc import ZERO
from db.ids import new_id
from db.models import LocalReplica
from db.uow import Database, UnitOfWork
from desktop_app import admin_units
from desktop_app.actor import ADMIN, Actor
from desktop_app.errors import NotFoundError, SetupError, ValidationError
from desktop_app.i18n import tr
from desktop_app.services import audit, officers, vocabularies
from desktop_app.sync import keys
from desktop_app.text import clean
from desktop_app.work import HUB, POST, ReplicaInfo, Work

ROLES = (POST, HUB)


@dataclass(frozen=True)
class SetupResult:
    replica: ReplicaInfo
    admin: Actor


def is_initialised(db: Database) -> bool:
    with UnitOfWork(db) as uow:
        return uow.session.scalars(select(LocalReplica.replica_id).limit(1)).first() is not None


def init_replica(
    db: Database,
    *,
    role: str,
    unit_code: str,
    name: str,
    admin_user: str,
    admin_password: str,
    admin_full_name: str | None = None,
) -> SetupResult:
    """Make this database a replica: post of one commune, or the hub of one province."""
    province_code = _check_unit(role, unit_code)
    unit_name = clean(name)
    if not unit_name:
        raise ValidationError(
            tr("Phải nhập tên đơn vị như in trên văn bản (ví dụ: Công an xã Tân Tiến).")
        )
    officers.check_password(admin_password)
    with UnitOfWork(db, write=True, require_replica=False) as uow:
        if uow.session.scalars(select(LocalReplica).limit(1)).first() is not None:
            raise SetupError(tr("Cơ sở dữ liệu này đã được khởi tạo; không khởi tạo lại."))
        replica = _new_replica(role, unit_code, province_code, unit_name)
        uow.session.add(replica)
        uow.session.flush()
        uow.attach(replica)
        info = ReplicaInfo(replica.replica_id, role, unit_code, province_code, unit_name)
        w = Work(uow.session, info, None, uow)
        vocabularies.seed_defaults(w)
        chief = officers.create(
            w,
            admin_user,
            admin_password,
            full_name=admin_full_name,
            role=ADMIN,
            title="Trưởng Công an" if role == POST else None,
        )
        actor = Actor(chief.id, chief.username or "", chief.full_name or "", ADMIN)
        audit.append(Work(uow.session, info, actor, uow), "init", None, None, {"role": role})
    return SetupResult(info, actor)


def _check_unit(role: str, unit_code: str) -> str:
    """The province code of the unit, after checking it against the official 2025 list."""
    if role not in ROLES:
        raise ValidationError(
            tr("Vai trò '{role}' không hợp lệ; chọn 'post' (Công an xã) hoặc 'hub'.", role=role)
        )
    try:
        if role == POST:
            return admin_units.commune(unit_code).province_code
        return admin_units.province(unit_code).code
    except NotFoundError:
        if role == POST:
            message = tr(
                "Mã '{code}' không phải mã xã/phường/đặc khu trong danh mục đơn vị hành chính "
                "2025.",
                code=unit_code,
            )
        else:
            message = tr(
                "Mã '{code}' không phải mã tỉnh/thành phố trong danh mục đơn vị hành chính 2025.",
                code=unit_code,
            )
        raise ValidationError(message) from None


def _new_replica(role: str, unit_code: str, province_code: str, name: str) -> LocalReplica:
    pair = keys.generate()
    return LocalReplica(
        replica_id=new_id(),
        role=role,
        unit_code=unit_code,
        province_code=province_code,
        name=name,
        last_seq=0,
        last_hlc=ZERO.encode(),
        age_identity=pair.age_identity,
        age_recipient=pair.age_recipient,
        sign_private=pair.sign_private,
        sign_public=pair.sign_public,
        created_at=utc_now(),
    )
