"""Reading changes written by an older schema: each upcaster turns a change of version v into
one of version v + 1 (a renamed field, a recoded value). Expand/contract migrations keep these
rare; they exist so an older post's package is upgraded, never refused."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from db.schema import SCHEMA_VERSION

Change = dict[str, Any]
# UPCASTERS[v] upgrades a change of schema v to schema v + 1. Schemas 1–4 changed only local
# tables, so synced changes read the same; a future rename adds its step here.
UPCASTERS: dict[int, Callable[[Change], Change]] = {}


def upcast(change: Mapping[str, Any]) -> Change:
    """`change` as this schema writes it."""
    current = dict(change)
    version = int(current.get("schema_version") or SCHEMA_VERSION)
    while version < SCHEMA_VERSION:
        step = UPCASTERS.get(version)
        if step is not None:
            current = step(current)
        version += 1
        current["schema_version"] = version
    return current


def rename_field(table: str, old: str, new: str) -> Callable[[Change], Change]:
    """An upcaster for a field renamed in `table` (a field entry or inside a creation entry)."""

    def step(change: Change) -> Change:
        if change.get("tbl") != table:
            return change
        if change.get("field") == old:
            return {**change, "field": new}
        if change.get("field") == "*" and change.get("value"):
            fields = json.loads(change["value"])
            if old in fields:
                fields[new] = fields.pop(old)
                return {**change, "value": json.dumps(fields, ensure_ascii=False, sort_keys=True)}
        return change

    return step
