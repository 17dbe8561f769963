"""`antq dump`: every synced record as canonical JSON, identical on converged replicas."""

from __future__ import annotations

import json
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.base import SYNCED, synced_columns, table_of
from db.schema import SCHEMA_VERSION
from db.uow import Database
from db.values import to_jsonable
from desktop_app.actor import Actor, require_admin
from desktop_app.services import audit
from desktop_app.work import work

# Secrets stay out of dumps even though they replicate.
OMITTED = {"officer": frozenset({"password_hash"})}
BATCH = 2000


def write_dump(db: Database, actor: Actor, out: TextIO, *, unit_code: str | None = None) -> int:
    """Write the dump to `out`; returns the number of records. Sorted keys, types, ids."""
    require_admin(actor)
    total = 0
    with work(db, actor, write=True) as w:
        out.write('{"records":{')
        for index, name in enumerate(sorted(SYNCED)):
            out.write(("," if index else "") + json.dumps(name) + ":[")
            total += _write_type(w.session, name, out, unit_code)
            out.write("]")
        out.write(f'}},"schema_version":{SCHEMA_VERSION}}}\n')
        audit.append(w, "dump", None, None, {"unit_code": unit_code, "records": total})
    return total


def _write_type(session: Session, name: str, out: TextIO, unit_code: str | None) -> int:
    model = SYNCED[name]
    table = table_of(model)
    columns = [c for c in synced_columns(model) if c not in OMITTED.get(name, ())]
    query = select(*(table.c[c] for c in columns)).order_by(table.c.id)
    if unit_code:
        query = query.where(table.c.unit_code == unit_code)
    count = 0
    for row in session.execute(query.execution_options(yield_per=BATCH)):
        record = {c: to_jsonable(v) for c, v in zip(columns, row, strict=True)}
        out.write(
            ("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False, sort_keys=True)
        )
        count += 1
    return count
