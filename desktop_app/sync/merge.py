"""Applying changes made elsewhere: per field, the version with the greater (hlc, origin) wins.

Commutative, associative and idempotent, so the order and number of deliveries do not matter.
A change made without seeing the value it overwrites (its base differs from ours) and carrying
another value is a conflict: the winner still applies, and both values are kept for review.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import inserts, upsert
from db.base import SYNCED, Synced, table_of, utc_now
from db.changelog import ROW_FIELD
from db.hlc import Hlc
from db.ids import new_id
from db.models import SyncChange, SyncClock, SyncConflict
from db.values import encode, from_jsonable
from desktop_app.errors import AntqError
from desktop_app.i18n import tr
from desktop_app.sync import creations
from desktop_app.sync.changelog_io import COLUMNS

CHUNK = 500
# Set on every replica independently at creation; concurrent "values" are not conflicts.
NOT_CONFLICTS = frozenset({"created_at", "origin_replica"})
Version = tuple[str, str]  # (hlc, origin): compared as a tuple, the total order of changes


class CloneError(AntqError):
    """The same (origin, seq) with different content: a restored backup or a cloned disk."""

    exit_code = 12


@dataclass
class MergeResult:
    applied: int = 0
    already_seen: int = 0
    conflicts: int = 0
    max_hlc: str = ""
    touched: set[str] = field(default_factory=set)


class Merger:
    """Applies a batch of change dicts inside the caller's transaction (ORM for the rows, so
    derived columns and the search index follow; Core for the log and the clock index)."""

    def __init__(self, session: Session, me: str) -> None:
        self.session = session
        self.me = me
        self.clocks: dict[tuple[str, str, str], Version] = {}
        self.dirty_clocks: set[tuple[str, str, str]] = set()
        self.rows: dict[tuple[str, str], Synced] = {}
        self.conflicts: list[dict[str, Any]] = []

    def apply(self, changes: Sequence[Mapping[str, Any]]) -> MergeResult:
        result = MergeResult()
        unseen = self._unseen(changes)
        result.already_seen = len(changes) - len(unseen)
        if not unseen:
            return result
        self._insert_log(unseen)
        self._load(unseen)
        created, rest = self._split_created(unseen)
        self._create(created, result)
        for change in sorted(rest, key=lambda c: (c["hlc"], c["origin"], c["seq"])):
            self._apply_change(change, result)
        self._write_clocks()
        self._write_conflicts(result)
        self.session.flush()
        result.applied = len(unseen)
        result.max_hlc = max(c["hlc"] for c in unseen)
        return result

    # --- what is new ---

    def _unseen(self, changes: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        """Changes not yet in the log; the same (origin, seq) under another id is refused."""
        by_key = {(c["origin"], int(c["seq"])): c for c in changes}
        known: dict[tuple[str, int], str] = {}
        for origin in {o for o, _ in by_key}:
            seqs = [s for o, s in by_key if o == origin]
            # One range read per origin: a package carries runs of seqs, and the log's
            # (origin, seq) index answers a range at once where an IN list is bound per id.
            query = select(SyncChange.seq, SyncChange.change_id).where(
                SyncChange.origin == origin, SyncChange.seq.between(min(seqs), max(seqs))
            )
            for seq, cid in self.session.execute(query):
                if (origin, seq) in by_key:
                    known[(origin, seq)] = cid
        for key, cid in known.items():
            if by_key[key]["change_id"] != cid:
                raise CloneError(_clone_message(key[0], self.me))
        unseen = [c for key, c in by_key.items() if key not in known]
        if any(c["origin"] == self.me for c in unseen):
            raise CloneError(_clone_message(self.me, self.me))
        return unseen

    def _insert_log(self, changes: Sequence[Mapping[str, Any]]) -> None:
        """Append the changes; a change id the log holds at another (origin, seq) means
        another history (a cloned disk): refused, with nothing written."""
        rows = [{**{k: c.get(k) for k in COLUMNS}, "applied": True} for c in changes]
        try:
            with self.session.begin_nested():
                inserts.many(self.session.connection(), table_of(SyncChange).insert(), rows)
        except IntegrityError as error:
            raise CloneError(_clone_message(self._holder(changes), self.me)) from error

    def _holder(self, changes: Sequence[Mapping[str, Any]]) -> str:
        """The origin under which the log already holds one of these change ids."""
        ids = sorted(c["change_id"] for c in changes)
        for start in range(0, len(ids), CHUNK):
            query = select(SyncChange.origin).where(
                SyncChange.change_id.in_(ids[start : start + CHUNK])
            )
            origin = self.session.scalars(query.limit(1)).first()
            if origin is not None:
                return origin
        return ""

    # --- rows new to this replica ---

    def _split_created(
        self, changes: Sequence[Mapping[str, Any]]
    ) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
        """(creations of rows absent here and alone in the batch, every other change).

        A row with no value, no clock and no other change in the batch cannot conflict, so
        its creation is inserted as sent (`creations`), not merged field by field.
        """
        per_row = Counter((c["tbl"], c["row_id"]) for c in changes)
        clocked = {(tbl, row_id) for tbl, row_id, _ in self.clocks}
        created: list[Mapping[str, Any]] = []
        rest: list[Mapping[str, Any]] = []
        for change in changes:
            key = (change["tbl"], change["row_id"])
            new = (
                change["field"] == ROW_FIELD
                and change["tbl"] in SYNCED
                and per_row[key] == 1
                and key not in self.rows
                and key not in clocked
            )
            (created if new else rest).append(change)
        return created, rest

    def _create(self, changes: Sequence[Mapping[str, Any]], result: MergeResult) -> None:
        if not changes:
            return
        self.session.flush()  # rows the session holds go first, as a flush would order them
        creations.insert_created(self.session.connection(), changes)
        for change in changes:
            key = (change["tbl"], change["row_id"], ROW_FIELD)
            self.clocks[key] = (change["hlc"], change["origin"])
            self.dirty_clocks.add(key)
            result.touched.add(change["tbl"])

    # --- loading state ---

    def _load(self, changes: Sequence[Mapping[str, Any]]) -> None:
        by_table: dict[str, set[str]] = {}
        for c in changes:
            if c["tbl"] in SYNCED:
                by_table.setdefault(c["tbl"], set()).add(c["row_id"])
        for tbl, ids in by_table.items():
            ordered = sorted(ids)
            for start in range(0, len(ordered), CHUNK):
                self._load_chunk(tbl, ordered[start : start + CHUNK])

    def _load_chunk(self, tbl: str, ids: Sequence[str]) -> None:
        model = SYNCED[tbl]
        for obj in self.session.scalars(select(model).where(model.id.in_(ids))):
            self.rows[(tbl, obj.id)] = obj
        query = select(SyncClock.row_id, SyncClock.field, SyncClock.hlc, SyncClock.origin).where(
            SyncClock.tbl == tbl, SyncClock.row_id.in_(ids)
        )
        for row_id, name, hlc, origin in self.session.execute(query):
            self.clocks[(tbl, row_id, name)] = (hlc, origin)

    # --- the rule ---

    def _apply_change(self, change: Mapping[str, Any], result: MergeResult) -> None:
        tbl = change["tbl"]
        if tbl not in SYNCED:
            return  # a table of a newer schema: kept in the log, applied after an upgrade
        values = _field_values(change)
        incoming: Version = (change["hlc"], change["origin"])
        base = (change["base_hlc"], change["base_origin"]) if change.get("base_hlc") else None
        for name, raw in values.items():
            self._apply_field(tbl, change["row_id"], name, raw, incoming, base)
        result.touched.add(tbl)

    def _apply_field(
        self, tbl: str, row_id: str, name: str, raw: Any, incoming: Version, base: Version | None
    ) -> None:
        column = table_of(SYNCED[tbl]).c.get(name)
        if column is None or name == "id":
            return  # a field of a newer schema
        value = from_jsonable(column.type, raw)
        current = self.clocks.get((tbl, row_id, name)) or self.clocks.get((tbl, row_id, ROW_FIELD))
        obj = self.rows.get((tbl, row_id))
        local = getattr(obj, name) if obj is not None else None
        concurrent = current is not None and base != current and name not in NOT_CONFLICTS
        if concurrent and encode(local) != encode(value):
            assert current is not None
            self._conflict(tbl, row_id, name, (value, incoming), (local, current))
        if current is not None and incoming <= current:
            return
        self._set(tbl, row_id, name, value, incoming)

    def _set(self, tbl: str, row_id: str, name: str, value: Any, version: Version) -> None:
        obj = self.rows.get((tbl, row_id))
        if obj is None:
            obj = SYNCED[tbl](id=row_id)
            obj.deleted = False
            self.session.add(obj)
            self.rows[(tbl, row_id)] = obj
        setattr(obj, name, value)
        hlc = version[0]
        if obj.hlc is None or hlc > obj.hlc:
            obj.hlc = hlc
            obj.updated_at = _instant(hlc)
        self.clocks[(tbl, row_id, name)] = version
        self.dirty_clocks.add((tbl, row_id, name))

    def _conflict(
        self,
        tbl: str,
        row_id: str,
        name: str,
        theirs: tuple[Any, Version],
        ours: tuple[Any, Version],
    ) -> None:
        winner, loser = (theirs, ours) if theirs[1] > ours[1] else (ours, theirs)
        self.conflicts.append(
            {
                "id": new_id(),
                "tbl": tbl,
                "row_id": row_id,
                "field": name,
                "winner_value": encode(winner[0]),
                "winner_hlc": winner[1][0],
                "winner_origin": winner[1][1],
                "loser_value": encode(loser[0]),
                "loser_hlc": loser[1][0],
                "loser_origin": loser[1][1],
                "detected_at": utc_now(),
            }
        )

    # --- writing ---

    def _write_clocks(self) -> None:
        rows = [
            {
                "tbl": t,
                "row_id": r,
                "field": f,
                "hlc": self.clocks[(t, r, f)][0],
                "origin": self.clocks[(t, r, f)][1],
            }
            for t, r, f in sorted(self.dirty_clocks)
        ]
        conn = self.session.connection()
        for start in range(0, len(rows), CHUNK):
            upsert.rows(
                conn,
                table_of(SyncClock),
                rows[start : start + CHUNK],
                keys=("tbl", "row_id", "field"),
            )

    def _write_conflicts(self, result: MergeResult) -> None:
        if self.conflicts:
            self.session.execute(table_of(SyncConflict).insert(), self.conflicts)
        result.conflicts = len(self.conflicts)


def _field_values(change: Mapping[str, Any]) -> dict[str, Any]:
    decoded = json.loads(change["value"]) if change.get("value") is not None else None
    if change["field"] == ROW_FIELD:
        return dict(decoded or {})
    return {change["field"]: decoded}


def _instant(hlc: str) -> datetime:
    return datetime.fromtimestamp(Hlc.parse(hlc).wall_ms / 1000, tz=UTC)


def _clone_message(origin: str, me: str) -> str:
    if origin == me:
        return tr(
            "Gói chứa thay đổi của chính máy này mà máy không còn giữ: máy đã được phục hồi từ "
            "bản sao lưu cũ hoặc sao chép ổ đĩa. Hãy đăng ký lại máy (antq sync reenrol) rồi "
            "trao thẻ khóa mới cho Công an tỉnh."
        )
    return tr(
        "Gói chứa thay đổi trùng số thứ tự nhưng khác nội dung với dữ liệu đã có (máy {origin}): "
        "máy đó có thể đã được phục hồi từ bản sao lưu. Gói được cách ly; máy đó cần đăng ký lại.",
        origin=origin[:8],
    )


def touched_types(changes: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    return frozenset(c["tbl"] for c in changes)
