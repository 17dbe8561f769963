"""The table `make bench` prints: figure, ours, floor, ratio, goal."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    ours: float
    floor: float
    unit: str
    goal: str  # e.g. "ratio ≤ 2"
    max_ratio: float | None = None  # a time: ours may take at most this many floors
    max_value: float | None = None  # an absolute limit on ours, in `unit` ("≤ 100 ms")
    min_ratio: float | None = None  # a rate (higher is better): at least this many floors
    min_value: float | None = None  # an absolute lower limit on ours, in `unit`

    @property
    def ratio(self) -> float:
        return self.ours / self.floor if self.floor else float("inf")

    @property
    def verdict(self) -> str:
        """ "ok" when every limit given holds, "MISS" when one does not, "" when none given."""
        checks = [
            (self.max_ratio, lambda limit: self.ratio <= limit),
            (self.max_value, lambda limit: self.ours <= limit),
            (self.min_ratio, lambda limit: self.ratio >= limit),
            (self.min_value, lambda limit: self.ours >= limit),
        ]
        held = [check(limit) for limit, check in checks if limit is not None]
        if not held:
            return ""
        return "ok" if all(held) else "MISS"


def timed(action: Callable[[], object], repeat: int = 1) -> float:
    """Median wall time of `action` in seconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def print_table(figures: list[Figure]) -> None:
    header = f"{'figure':48} {'ours':>12} {'floor':>12} {'ratio':>7}  goal"
    print(header)
    print("-" * len(header))
    for f in figures:
        print(
            f"{f.name:48} {f.ours:>10.3g}{f.unit:>2} {f.floor:>10.3g}{f.unit:>2} "
            f"{f.ratio:>7.2f}  {f.goal} {f.verdict}"
        )
