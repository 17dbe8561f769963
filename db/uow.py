"""The unit of work: one user action is one session and one transaction.

Threading: a `Database` may be shared between threads (it only holds the engine); a
`UnitOfWork` belongs to the thread that opened it, for the length of the `with` block.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from db.changelog import CONTEXT_KEY, ChangeContext
from db.engine import WRITE_OPTION
from db.hlc import Hlc, HybridClock, wall_clock_ms
from db.models.local import LocalReplica
from db.session import AntqSession


class NotInitialisedError(RuntimeError):
    """The database has no replica identity yet (`antq init` has not run)."""


class Database:
    """An opened, migrated database: the engine and a session factory."""

    def __init__(self, engine: Engine, *, now_ms: Callable[[], int] = wall_clock_ms) -> None:
        self.engine = engine
        self.now_ms = now_ms
        self._read = sessionmaker(engine, class_=AntqSession, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(**{WRITE_OPTION: True}),
            class_=AntqSession,
            expire_on_commit=False,
        )

    def session(self, *, write: bool) -> AntqSession:
        return (self._write if write else self._read)()

    def dispose(self) -> None:
        self.engine.dispose()


class UnitOfWork:
    """`with UnitOfWork(db, write=True, officer_id=…) as uow:` … commits on success only."""

    def __init__(
        self,
        database: Database,
        *,
        write: bool = False,
        officer_id: str | None = None,
        require_replica: bool = True,
    ) -> None:
        self.database = database
        self.write = write
        self.officer_id = officer_id
        self.require_replica = require_replica
        self.session: AntqSession = database.session(write=write)
        self.context: ChangeContext | None = None

    def __enter__(self) -> UnitOfWork:
        if self.write:
            replica = self._load_replica()
            if replica is not None:
                self.attach(replica)
            elif self.require_replica:
                self.session.close()
                raise NotInitialisedError("database has no replica")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None and self.write:
                self.session.commit()
            elif self.write:
                self.session.rollback()
        finally:
            # close() ends any transaction without expiring what was read, so the rows
            # stay readable after the block (reads never need an explicit rollback).
            self.session.close()

    def attach(self, replica: LocalReplica) -> ChangeContext:
        """Record this unit's writes as changes made by `replica` (used by `init` too)."""
        clock = HybridClock(last=Hlc.parse(replica.last_hlc), now_ms=self.database.now_ms)
        self.context = ChangeContext(
            replica_id=replica.replica_id,
            unit_code=replica.unit_code,
            clock=clock,
            officer_id=self.officer_id,
        )
        self.session.info[CONTEXT_KEY] = self.context
        return self.context

    @property
    def changed_types(self) -> frozenset[str]:
        return frozenset(self.context.changed_types) if self.context else frozenset()

    def _load_replica(self) -> LocalReplica | None:
        query = select(LocalReplica).limit(1)
        if self.database.engine.dialect.name == "postgresql":
            query = query.with_for_update()
        return self.session.scalars(query).first()
