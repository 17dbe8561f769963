"""Declarative base, the columns every synced row carries, and the registry of synced tables."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import Boolean, Date, DateTime, Index, MetaData, String, Table, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from db.ids import new_id

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID_LENGTH = 36
UNIT_CODE_LENGTH = 10


class UtcDateTime(TypeDecorator[datetime]):
    """An instant, stored as naive UTC and returned aware, the same on SQLite and PostgreSQL."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def utc_now() -> datetime:
    """Now, in UTC, to the millisecond (what both engines store alike)."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        date: Date(),
    }


SYNCED: dict[str, type[Synced]] = {}


class Synced(Base):
    """A row that replicates: UUIDv7 id, origin, clock, tombstone and owning commune.

    Fields marked `info={"sync": False}` are local bookkeeping and never enter the change
    log; every other column does, one change-log entry per changed field.
    """

    __abstract__ = True
    # Record type shown to users and the CLI; equals the table name.
    __record_type__: ClassVar[str]

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True, default=new_id)
    origin_replica: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), info={"sync": False})
    hlc: Mapped[str | None] = mapped_column(String(21), info={"sync": False})
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    unit_code: Mapped[str | None] = mapped_column(String(UNIT_CODE_LENGTH))

    # Extra indexes of a subclass, as tuples of column names.
    __indexes__: ClassVar[tuple[tuple[str, ...], ...]] = ()

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        name = cls.__tablename__
        extra = (Index(f"ix_{name}_{'_'.join(cols)}", *cols) for cols in cls.__indexes__)
        return (Index(f"ix_{name}_unit_code", "unit_code"), *extra)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__tablename__" in cls.__dict__:
            cls.__record_type__ = cls.__tablename__
            SYNCED[cls.__tablename__] = cls


def synced_columns(model: type[Synced]) -> list[str]:
    """The columns of `model` that the change log carries, in table order."""
    return [c.key for c in model.__table__.columns if c.info.get("sync", True)]


def table_of(model: type[Base]) -> Table:
    """The Core table of a mapped class (typed, unlike `Model.__table__`)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table
