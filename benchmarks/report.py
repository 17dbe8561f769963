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
    max_ratio: float | None = None

    @property
    def ratio(self) -> float:
        return self.ours / self.floor if self.floor else float("inf")

    @property
    def verdict(self) -> str:
        if self.max_ratio is None:
            return ""
        return "ok" if self.ratio <= self.max_ratio else "MISS"


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
