"""Filling a fresh database with invented but realistic data: one commune at a post, a
province's communes at a hub, each commune in one transaction."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from faker import Faker
from sqlalchemy import func, select

from db.engine import analyze
from db.models import Area, Household, Meeting, Person, ReintegrationCase
from db.uow import Database
from desktop_app import admin_units
from desktop_app.actor import Actor, require_write
from desktop_app.admin_units import Commune
from desktop_app.changes import Changes
from desktop_app.demo import Demo, SessionSink, Sink, cases, meetings, register
from desktop_app.demo.bulk import BulkSink
from desktop_app.demo.names import IdNumbers
from desktop_app.errors import ValidationError
from desktop_app.i18n import language, tr
from desktop_app.services import audit
from desktop_app.work import ReplicaInfo, Work, work

SCALES = {"commune": 6000}
PROVINCE_HOUSEHOLDS = 300_000  # ~1 M residents (DESIGN.md §6)
PROVINCE_COMMUNES = 100
PROVINCE_RESIDENTS_PER_CASE = 50  # ~20 k cases at a hub, against a post's few dozen
MAX_HOUSEHOLDS = 20_000  # per commune: a large ward
BATCH = 250  # households per flush: bounds memory and paces `progress`
SEED_CACHE_KIB = 65_536

Progress = Callable[[int, int], None]
# "bulk" writes set-based (db/bulk.py); "orm" through the session, the reference it matches.
Writer = Literal["bulk", "orm"]


@dataclass(frozen=True)
class SeedResult:
    counts: Mapping[str, int]  # record type (table name) → rows created
    changes: Changes


@dataclass(frozen=True)
class Plan:
    """Which communes to fill, with how many households each."""

    communes: tuple[Commune, ...]
    households: int
    hub: bool

    @property
    def total(self) -> int:
        return len(self.communes) * self.households


def seed(
    db: Database,
    actor: Actor,
    *,
    households: int | None = None,
    scale: str | None = None,
    communes: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
    writer: Writer = "bulk",
) -> SeedResult:
    """Create areas, households, residents, groups, teams, cases and meetings.

    A post: exactly one of `households` or `scale="commune"` (6,000 households). A hub:
    `scale="province"` (300,000 households over the province's first 100 communes) or
    `households` per commune; `communes` seeds only the first that many. The same `seed`
    gives the same data. `progress(done, total)` is called with households done, on this
    thread and inside an open transaction, so it must not use the database.
    """
    require_write(actor)
    with work(db, actor, write=False) as w:
        plan = plan_seed(w.replica, households, scale, communes)
    counts: Counter[str] = Counter()
    changes = Changes()
    faker = Faker("vi_VN")
    for index in range(len(plan.communes)):
        done = index * plan.households
        report = _offset(progress or _quiet, done, plan.total)
        with work(db, actor, write=True) as w:
            if index == 0:
                _require_empty(w)
            d = _demo(w, actor, plan, index, _sink(w, writer), faker, seed)
            with _page_cache(w):
                _commune(d, plan.households, report)
            audit.append(w, "demo_seed", detail=_detail(d, plan, seed))
            counts.update(d.counts)
            changes |= w.changes()
    _refresh_statistics(db, actor)
    return SeedResult(MappingProxyType(dict(sorted(counts.items()))), changes)


def _refresh_statistics(db: Database, actor: Actor) -> None:
    """Give the query planner the shape of what was just loaded (ANALYZE).

    Without statistics SQLite takes `merged_into IS NULL` for a rare value and sorts a
    province's million residents to show the first hundred.
    """
    with work(db, actor, write=True) as w:
        analyze(w.session.connection())


def plan_seed(
    replica: ReplicaInfo, households: int | None, scale: str | None, communes: int | None
) -> Plan:
    """What `seed` will make here; refuses what this replica cannot hold."""
    if (households is None) == (scale is None):
        raise ValidationError(
            tr("Hãy chọn đúng một trong hai: số hộ hoặc quy mô (commune, province).")
        )
    if scale is not None and scale not in (*SCALES, "province"):
        raise ValidationError(
            tr("Quy mô '{scale}' không hợp lệ; chọn 'commune' hoặc 'province'.", scale=scale)
        )
    plan = _hub_plan(replica, households, scale, communes) if replica.is_hub else None
    plan = plan or _post_plan(replica, households, scale, communes)
    if not 1 <= plan.households <= MAX_HOUSEHOLDS:
        limit = f"{MAX_HOUSEHOLDS:,}"
        if language() == "vi":
            limit = limit.replace(",", ".")  # 20.000 in Vietnamese, 20,000 in English
        raise ValidationError(tr("Số hộ phải từ 1 đến {max}.", max=limit))
    return plan


def _post_plan(
    replica: ReplicaInfo, households: int | None, scale: str | None, communes: int | None
) -> Plan:
    if scale == "province" or communes is not None:
        raise ValidationError(
            tr(
                "Dữ liệu mẫu cả tỉnh (quy mô 'province', nhiều xã) chỉ tạo ở máy trung tâm "
                "tỉnh; máy Công an xã dùng quy mô 'commune' hoặc số hộ."
            )
        )
    count = SCALES[scale] if scale is not None else households or 0
    return Plan((admin_units.commune(replica.unit_code),), count, hub=False)


def _hub_plan(
    replica: ReplicaInfo, households: int | None, scale: str | None, communes: int | None
) -> Plan:
    if scale == "commune":
        raise ValidationError(
            tr(
                "Trung tâm tỉnh tạo dữ liệu mẫu cho nhiều xã: dùng quy mô 'province' "
                "hoặc số hộ mỗi xã."
            )
        )
    pool = admin_units.communes(replica.province_code)[:PROVINCE_COMMUNES]
    if communes is not None and not 1 <= communes <= len(pool):
        raise ValidationError(tr("Số xã phải từ 1 đến {max}.", max=len(pool)))
    per_commune = households if households is not None else PROVINCE_HOUSEHOLDS // len(pool)
    return Plan(tuple(pool[: communes or len(pool)]), per_commune, hub=True)


def _sink(w: Work, writer: Writer) -> Sink:
    if writer == "orm":
        return SessionSink(w.session)
    return BulkSink(w.session.connection(), w.context)


@contextmanager
def _page_cache(w: Work) -> Iterator[None]:
    """A 64 MB SQLite page cache while a commune is written, the default again after.

    The province's indexes on names, sort keys and search words take inserts all over their
    B-trees; the default 2 MB cache would re-read (and spill to the WAL) pages all the time.
    The setting belongs to the pooled connection, which the app goes on using.
    """
    conn = w.session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{SEED_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before or 0)}")


def _demo(w: Work, actor: Actor, plan: Plan, index: int, sink: Sink, faker: Any, seed: int) -> Demo:
    """The context of one commune: a post's from `seed` alone, a hub's per commune too."""
    commune = plan.communes[index]
    province = admin_units.province(commune.province_code)
    own = f"{seed}:{commune.code}" if plan.hub else seed
    rng = random.Random(own)
    faker.seed_instance(own)
    # A hub's communes draw id numbers from disjoint slots: unique across the province.
    slot = (index, len(plan.communes)) if plan.hub else (0, 1)
    ids = IdNumbers(rng, f"0{province.code}", slot)
    d = Demo(sink, rng, faker, ids, date.today(), actor.officer_id, commune, province)
    if plan.hub:
        d.residents_per_case = PROVINCE_RESIDENTS_PER_CASE
    d.staff = _staff(d, None if plan.hub else actor)
    return d


def _require_empty(w: Work) -> None:
    """Demo rows must never mix with real ones: only a database without records is seeded."""
    for model in (Area, Household, Person, ReintegrationCase, Meeting):
        live = select(func.count()).select_from(model).where(model.deleted.is_(False))
        if w.session.scalar(live):
            raise ValidationError(
                tr("Cơ sở dữ liệu đã có dữ liệu; chỉ tạo dữ liệu mẫu trên cơ sở dữ liệu mới.")
            )


def _staff(d: Demo, actor: Actor | None) -> list[tuple[str, str]]:
    """The post's officers as minutes name them; the chief is the actor at a post, if named."""
    word = d.unit_word
    named = actor is not None and " " in actor.full_name
    chief = actor.full_name if actor is not None and named else d.person_name("nam", 1978).full
    titles = [f"Phó Trưởng Công an {word}"] * 2 + [f"Cán bộ Công an {word}"] * 3
    born = (1980, 1985, 1990, 1994, 1997)
    staff = [(chief, f"Trưởng Công an {word}")]
    for year, title in zip(born, titles, strict=True):
        staff.append((d.person_name("nam" if d.chance(0.8) else "nu", year).full, title))
    return staff


def _commune(d: Demo, total: int, progress: Progress) -> None:
    reg = register.areas(d, total)
    places = register.plan(d, reg, total)
    for start in range(0, total, BATCH):
        register.households(d, reg, places[start : start + BATCH], start)
        d.flush()
        progress(min(start + BATCH, total), total)
    register.groups(d, reg)
    register.teams(d, reg)
    d.flush()
    cases.build(d, reg)
    meetings.build(d, reg)


def _detail(d: Demo, plan: Plan, seed: int) -> dict[str, Any]:
    detail: dict[str, Any] = {"households": plan.households, "seed": seed}
    if plan.hub:
        detail["unit_code"] = d.commune.code
    return {**detail, "counts": dict(sorted(d.counts.items()))}


def _offset(progress: Progress, done: int, total: int) -> Progress:
    """`progress` of the whole run, fed by one commune's (done, total) calls."""
    return lambda commune_done, _commune_total: progress(done + commune_done, total)


def _quiet(_done: int, _total: int) -> None:
    return None
