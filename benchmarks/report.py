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
        """ "ok" when every limit given holds, "MISS by N×" (the worst miss) when one does
        not, "" when none is given."""
        misses = [  # how many times over (or under) its limit each figure is
            (self.ratio / self.max_ratio) if self.max_ratio else 0.0,
            (self.ours / self.max_value) if self.max_value else 0.0,
            (self.min_ratio / self.ratio) if self.min_ratio and self.ratio else 0.0,
            (self.min_value / self.ours) if self.min_value and self.ours else 0.0,
        ]
        limits = (self.max_ratio, self.max_value, self.min_ratio, self.min_value)
        if all(limit is None for limit in limits):
            return ""
        worst = max(misses)
        return "ok" if worst <= 1.0 else f"MISS by {worst:.1f}×"


def timed(action: Callable[[], object], repeat: int = 1) -> float:
    """Median wall time of `action` in seconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def print_table(figures: list[Figure]) -> None:
    width = max([48, *(len(f.name) for f in figures)])
    header = f"{'figure':{width}} {'ours':>12} {'floor':>12} {'ratio':>7}  goal"
    print(header)
    print("-" * len(header))
    for f in figures:
        print(
            f"{f.name:{width}} {f.ours:>10.3g}{f.unit:>2} {f.floor:>10.3g}{f.unit:>2} "
            f"{f.ratio:>7.2f}  {f.goal} {f.verdict}"
        )
