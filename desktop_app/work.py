"""How a service opens its unit of work: replica facts, the actor, and errors in Vietnamese."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from db.changelog import ChangeContext
from db.models import LocalReplica
from db.uow import Database, NotInitialisedError, UnitOfWork
from desktop_app.actor import Actor
from desktop_app.changes import Changes
from desktop_app.errors import AntqError, DatabaseError, SetupError
from desktop_app.i18n import tr

POST, HUB = "post", "hub"


@dataclass(frozen=True)
class ReplicaInfo:
    replica_id: str
    role: str
    unit_code: str
    province_code: str
    name: str

    @property
    def is_hub(self) -> bool:
        return self.role == HUB


@dataclass
class Work:
    """One open unit of work as a service sees it."""

    session: Session
    replica: ReplicaInfo
    actor: Actor | None
    uow: UnitOfWork

    @property
    def context(self) -> ChangeContext:
        assert self.uow.context is not None, "read-only work has no change context"
        return self.uow.context

    @property
    def tx_id(self) -> str | None:
        return self.uow.context.tx_id if self.uow.context else None

    def changes(self) -> Changes:
        return Changes(self.uow.changed_types)


@contextmanager
def work(db: Database, actor: Actor | None, *, write: bool) -> Iterator[Work]:
    """A unit of work for `actor`; commits only if the block finishes without an error."""
    try:
        with UnitOfWork(db, write=write, officer_id=actor.officer_id if actor else None) as uow:
            replica = replica_info(uow.session)
            yield Work(uow.session, replica, actor, uow)
    except NotInitialisedError:
        raise SetupError(
            tr(
                "Cơ sở dữ liệu chưa được khởi tạo. Hãy chạy 'antq init' (hoặc mở ANTQ Desk để "
                "làm theo trình hướng dẫn cài đặt)."
            )
        ) from None
    except AntqError:
        raise
    except OperationalError as error:
        raise DatabaseError(
            tr(
                "Không ghi/đọc được cơ sở dữ liệu (tệp bị khóa, ổ đĩa đầy hoặc hỏng). "
                "Dữ liệu chưa bị thay đổi."
            ),
            str(error),
        ) from error
    except SQLAlchemyError as error:
        raise DatabaseError(
            tr("Lỗi cơ sở dữ liệu; dữ liệu chưa bị thay đổi."), str(error)
        ) from error


def replica_info(session: Session) -> ReplicaInfo:
    row = session.scalars(select(LocalReplica).limit(1)).first()
    if row is None:
        raise NotInitialisedError("no replica")
    return ReplicaInfo(row.replica_id, row.role, row.unit_code, row.province_code, row.name)
