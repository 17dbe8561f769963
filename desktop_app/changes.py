"""What a write changed, so each view refreshes only what concerns it (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """The record types (table names) a service call changed; empty for reads."""

    types: frozenset[str] = frozenset()

    def touches(self, *types: str) -> bool:
        return bool(self.types.intersection(types))

    def __bool__(self) -> bool:
        return bool(self.types)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.types | other.types)


NO_CHANGES = Changes()
