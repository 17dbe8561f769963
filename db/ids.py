"""Record ids: UUIDv7 text, time-ordered, made on whichever machine creates the row."""

from __future__ import annotations

from typing import NewType

from uuid6 import uuid7

RecordId = NewType("RecordId", str)
ReplicaId = NewType("ReplicaId", str)


def new_id() -> str:
    """A fresh UUIDv7 as 36-character text; never an autoincrement (rows are made offline)."""
    return str(uuid7())
