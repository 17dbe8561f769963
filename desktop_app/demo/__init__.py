"""Demo data for a commune police post: the context and plain values the generators share.

The entry point is `desktop_app.demo.seed.seed`. Every choice is drawn from one seeded
`random.Random` (and one seeded Faker) in a fixed order, so a seed always yields the same
people, cases and meetings; only dates move with `date.today()`.

The generators hand each new row to `Demo.add` and call `Demo.flush` where the rows are
complete; a `Sink` decides how they reach the database: through the ORM session
(`SessionSink`, whose flushes write the change log) or set-based (`demo.bulk.BulkSink`).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from db.base import Synced
from db.ids import new_id
from desktop_app.admin_units import Commune, Province
from desktop_app.demo.names import IdNumbers, Name, full_name, phone

_Row = TypeVar("_Row", bound=Synced)


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    code: str
    streets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Home:
    id: str
    place: Place
    head_id: str
    head_name: str


@dataclass(frozen=True, slots=True)
class Resident:
    id: str
    name: str
    sex: str
    born: int
    home: Home
    phone: str | None


@dataclass(frozen=True, slots=True)
class Unit:
    """A household group or security team, as meetings need it: who leads, who belongs."""

    id: str
    name: str
    leader: str
    place: Place | None
    homes: tuple[Home, ...] = ()
    people: tuple[Resident, ...] = ()


@dataclass
class Register:
    """What later generators pick from: plain values, so flushed ORM rows can be let go."""

    places: list[Place]
    homes: list[Home] = field(default_factory=list)
    residents: list[Resident] = field(default_factory=list)
    groups: list[Unit] = field(default_factory=list)
    teams: list[Unit] = field(default_factory=list)
    numbers: Counter[str] = field(default_factory=Counter)


class Sink(Protocol):
    """Where new rows go. A row may still change until the next `flush`, never after it."""

    def add(self, row: Synced) -> None: ...

    def flush(self) -> None: ...


class SessionSink:
    """The ORM path: rows join the unit of work's session; its flushes write the change log."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: Synced) -> None:
        self.session.add(row)

    def flush(self) -> None:
        self.session.flush()


@dataclass
class Demo:
    """One commune being seeded: where rows go, the random sources and what was created."""

    sink: Sink
    rng: random.Random
    fake: Any  # faker.Faker, untyped
    ids: IdNumbers
    today: date
    officer_id: str
    commune: Commune
    province: Province
    staff: list[tuple[str, str]] = field(default_factory=list)  # (name, title) of the post
    residents_per_case: int = 400  # a commune's few dozen cases; a province holds more
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, row: _Row) -> _Row:
        """Hand `row` to the sink with an id of its own (so others can point at it now).

        The row belongs to the commune being seeded, which a hub's many communes need said.
        """
        if row.id is None:
            row.id = new_id()
        if row.unit_code is None:
            row.unit_code = self.commune.code
        self.sink.add(row)
        self.counts[row.__tablename__] += 1
        return row

    def flush(self) -> None:
        """The rows added so far are complete: write them."""
        self.sink.flush()

    @property
    def unit_word(self) -> str:
        """'xã', 'phường' or 'đặc khu', as in "Trưởng Công an phường"."""
        return self.commune.kind.lower()

    @property
    def police(self) -> str:
        """The post's own name, e.g. 'Công an phường Hồng Hà'."""
        return f"Công an {self.unit_word} {self.commune.short_name}"

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def day_between(self, first: date, last: date) -> date:
        """A random day in [first, last]; `first` when the range is empty.

        Always one `random()` draw, whatever the span: spans that move with today's date
        must not shift the stream, or a seed would give other names on another day.
        """
        span = max(0, (last - first).days)
        return first + timedelta(days=min(span, int(self.rng.random() * (span + 1))))

    def days_ago(self, most: int, least: int = 0) -> date:
        return self.today - timedelta(days=self.rng.randint(least, most))

    def person_name(self, sex: str | None = None, born: int | None = None) -> Name:
        sex = sex or self.rng.choice(("nam", "nu"))
        return full_name(self.rng, sex, born or self.rng.randint(1960, 1995))

    def phone(self) -> str:
        return phone(self.rng)
