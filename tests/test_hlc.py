"""The hybrid logical clock: monotonic whatever the PC clock does, and a total order."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from db.hlc import MAX_COUNTER, Hlc, HybridClock

walls = st.integers(min_value=0, max_value=2**45)


class FakeWall:
    def __init__(self, values: list[int]) -> None:
        self.values = iter(values)
        self.last = 0

    def __call__(self) -> int:
        self.last = next(self.values, self.last)
        return self.last


@given(st.lists(walls, min_size=1, max_size=200))
def test_ticks_strictly_increase_even_when_the_wall_clock_jumps_back(readings: list[int]) -> None:
    clock = HybridClock(now_ms=FakeWall(readings))
    stamps = [clock.tick() for _ in readings]
    assert all(a < b for a, b in itertools.pairwise(stamps))


@given(st.lists(st.tuples(st.booleans(), walls, walls, st.integers(0, 50)), max_size=100))
def test_receive_and_tick_never_go_backwards(steps: list[tuple[bool, int, int, int]]) -> None:
    wall = FakeWall([w for _, w, _, _ in steps])
    clock = HybridClock(now_ms=wall)
    seen = Hlc(0, 0)
    for is_receive, _, remote_wall, remote_counter in steps:
        if is_receive:
            remote = Hlc(remote_wall, remote_counter)
            stamp = clock.receive(remote)
            assert stamp > remote
        else:
            stamp = clock.tick()
        assert stamp > seen
        seen = stamp


@given(walls, st.integers(0, MAX_COUNTER))
def test_encoding_round_trips_and_sorts_like_the_clock(wall: int, counter: int) -> None:
    stamp = Hlc(wall, counter)
    assert Hlc.parse(stamp.encode()) == stamp
    assert len(stamp.encode()) == 21


@given(walls, st.integers(0, MAX_COUNTER), walls, st.integers(0, MAX_COUNTER))
def test_text_order_equals_clock_order(w1: int, c1: int, w2: int, c2: int) -> None:
    a, b = Hlc(w1, c1), Hlc(w2, c2)
    assert (a < b) == (a.encode() < b.encode())


def test_counter_overflow_borrows_the_next_millisecond() -> None:
    clock = HybridClock(last=Hlc(1000, MAX_COUNTER), now_ms=lambda: 1000)
    assert clock.tick() == Hlc(1001, 0)


def test_clock_behind_is_reported() -> None:
    clock = HybridClock(last=Hlc(10_000, 0), now_ms=lambda: 4_000)
    stamp = clock.tick()
    assert stamp == Hlc(10_000, 1)
    assert clock.went_backwards_ms == 6_000


def test_seven_hours_ahead_is_measured_as_drift() -> None:
    clock = HybridClock(now_ms=lambda: 0)
    assert clock.drift_ms(Hlc(7 * 3600 * 1000)) == 7 * 3600 * 1000
