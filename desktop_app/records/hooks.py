"""Domain rules that area services attach to the generic record operations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from db.base import Synced
from desktop_app.records.catalog import RecordType
from desktop_app.work import Work


@dataclass
class SaveContext:
    """A record about to be written: `values` are validated input, rules may adjust them."""

    work: Work
    rtype: RecordType
    existing: Synced | None
    values: dict[str, Any]
    # Things the officer should know that do not stop the save (a possible duplicate).
    warnings: list[str] = field(default_factory=list)

    @property
    def creating(self) -> bool:
        return self.existing is None

    def current(self, name: str) -> Any:
        """The value the record will have: the new one if given, else the stored one."""
        if name in self.values:
            return self.values[name]
        return getattr(self.existing, name) if self.existing is not None else None


SaveRule = Callable[[SaveContext], None]
DeleteRule = Callable[[Work, Synced], None]

_before_save: dict[str, list[SaveRule]] = defaultdict(list)
_after_save: dict[str, list[Callable[[Work, Synced, SaveContext], None]]] = defaultdict(list)
_before_delete: dict[str, list[DeleteRule]] = defaultdict(list)


def before_save(*types: str) -> Callable[[SaveRule], SaveRule]:
    def register(rule: SaveRule) -> SaveRule:
        for name in types:
            _before_save[name].append(rule)
        return rule

    return register


def after_save(
    *types: str,
) -> Callable[
    [Callable[[Work, Synced, SaveContext], None]], Callable[[Work, Synced, SaveContext], None]
]:
    def register(
        rule: Callable[[Work, Synced, SaveContext], None],
    ) -> Callable[[Work, Synced, SaveContext], None]:
        for name in types:
            _after_save[name].append(rule)
        return rule

    return register


def before_delete(*types: str) -> Callable[[DeleteRule], DeleteRule]:
    def register(rule: DeleteRule) -> DeleteRule:
        for name in types:
            _before_delete[name].append(rule)
        return rule

    return register


def run_before_save(ctx: SaveContext) -> None:
    for rule in _before_save[ctx.rtype.name]:
        rule(ctx)


def run_after_save(ctx: SaveContext, obj: Synced) -> None:
    for rule in _after_save[ctx.rtype.name]:
        rule(ctx.work, obj, ctx)


def run_before_delete(w: Work, obj: Synced) -> None:
    for rule in _before_delete[obj.__tablename__]:
        rule(w, obj)
