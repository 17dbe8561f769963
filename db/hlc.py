"""Hybrid logical clock: wall milliseconds plus a counter; never goes back with the PC clock."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

_MS_DIGITS = 15
_COUNTER_DIGITS = 5
MAX_COUNTER = 10**_COUNTER_DIGITS - 1


@dataclass(frozen=True, order=True)
class Hlc:
    """One timestamp; ordered by (wall_ms, counter). Ties between replicas break on origin id."""

    wall_ms: int
    counter: int = 0

    def encode(self) -> str:
        """Fixed-width text that sorts like the clock: '001732345678901.00000'."""
        return f"{self.wall_ms:0{_MS_DIGITS}d}.{self.counter:0{_COUNTER_DIGITS}d}"

    @classmethod
    def parse(cls, text: str) -> Hlc:
        wall, _, counter = text.partition(".")
        if len(wall) != _MS_DIGITS or len(counter) != _COUNTER_DIGITS:
            raise ValueError(f"not an hlc: {text!r}")
        return cls(int(wall), int(counter))


ZERO = Hlc(0, 0)


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass
class HybridClock:
    """The replica's clock. Not thread-safe: one unit of work owns it at a time.

    `last` is persisted with every change so a restart resumes after it.
    """

    last: Hlc = ZERO
    now_ms: Callable[[], int] = wall_clock_ms
    went_backwards_ms: int = 0  # how far the PC clock was behind `last` at the latest tick

    def tick(self) -> Hlc:
        """A timestamp for a local change, strictly after every one seen so far."""
        wall = self.now_ms()
        self.went_backwards_ms = max(0, self.last.wall_ms - wall)
        self.last = self._after(max(wall, self.last.wall_ms))
        return self.last

    def receive(self, remote: Hlc) -> Hlc:
        """Merge a timestamp from another replica; later local ticks sort after it."""
        wall = self.now_ms()
        top = max(wall, self.last.wall_ms, remote.wall_ms)
        if top == wall and top > max(self.last.wall_ms, remote.wall_ms):
            self.last = Hlc(wall, 0)
        else:
            counter = max(
                self.last.counter if self.last.wall_ms == top else -1,
                remote.counter if remote.wall_ms == top else -1,
            )
            self.last = _bump(top, counter)
        return self.last

    def drift_ms(self, remote: Hlc) -> int:
        """How far `remote` runs ahead of this PC's wall clock (negative when behind)."""
        return remote.wall_ms - self.now_ms()

    def _after(self, wall: int) -> Hlc:
        if wall > self.last.wall_ms:
            return Hlc(wall, 0)
        return _bump(wall, self.last.counter)


def _bump(wall: int, counter: int) -> Hlc:
    # A counter overflow borrows the next millisecond rather than wrapping around.
    if counter >= MAX_COUNTER:
        return Hlc(wall + 1, 0)
    return Hlc(wall, counter + 1)
