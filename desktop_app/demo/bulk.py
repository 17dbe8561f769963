"""The set-based sink of demo rows: what a session flush writes, in one `executemany` per table.

Per flush (a batch of households, or the cases, or the meetings): derived columns
(`indexing.derive`), then `db.bulk.insert_new` (the change log exactly as the ORM capture
writes it, the per-field clocks, the seq range and version vector, the rows), then the search
tokens. `tests/test_demo_bulk.py` proves it writes what the ORM path writes.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from db import bulk, inserts
from db.base import Synced, table_of
from db.changelog import ChangeContext
from db.models import SearchToken
from desktop_app import indexing


class BulkSink:
    """Collects a commune's new rows and writes them set-based at each `flush`.

    Rows are let go once written, so memory follows one batch, not the province.
    """

    def __init__(self, conn: Connection, ctx: ChangeContext) -> None:
        self.conn = conn
        self.ctx = ctx
        self.pending: list[Synced] = []
        self.written = 0

    def add(self, row: Synced) -> None:
        self.pending.append(row)

    def flush(self) -> None:
        rows, self.pending = self.pending, []
        if not rows:
            return
        for row in rows:
            indexing.derive(row)
        bulk.insert_new(self.conn, self.ctx, rows)
        tokens = indexing.index_rows(rows)
        if tokens:
            inserts.many(self.conn, table_of(SearchToken).insert(), tokens)
        self.written += len(rows)
