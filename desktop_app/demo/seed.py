"""Filling a post's fresh database with an invented but realistic commune, in one transaction."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from faker import Faker
from sqlalchemy import func, select

from db.models import Area, Household, Meeting, Person, ReintegrationCase
from db.uow import Database
from desktop_app import admin_units
from desktop_app.actor import Actor, require_write
from desktop_app.changes import Changes
from desktop_app.demo import Demo, cases, meetings, register
from desktop_app.demo.names import IdNumbers
from desktop_app.errors import ValidationError
from desktop_app.i18n import language, tr
from desktop_app.services import audit
from desktop_app.work import Work, work

SCALES = {"commune": 6000}
MAX_HOUSEHOLDS = 20_000  # beyond this the ORM path is too slow; "province" needs bulk writes
BATCH = 250  # households per flush: bounds the session's memory and paces `progress`

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SeedResult:
    counts: Mapping[str, int]  # record type (table name) → rows created
    changes: Changes


def seed(
    db: Database,
    actor: Actor,
    *,
    households: int | None = None,
    scale: str | None = None,
    seed: int = 0,
    progress: Progress | None = None,
) -> SeedResult:
    """Create areas, households, residents, groups, teams, cases and meetings for this post.

    Give exactly one of `households` or `scale` ("commune" = 6,000 households). The same
    `seed` gives the same data. `progress(done, total)` is called with households done,
    on this thread and inside the open transaction, so it must not use the database.
    """
    require_write(actor)
    total = household_count(households, scale)
    with work(db, actor, write=True) as w:
        d = _demo(w, actor, seed)
        reg = _register(d, total, progress or _quiet)
        cases.build(d, reg)
        meetings.build(d, reg)
        w.session.flush()
        counts = dict(sorted(d.counts.items()))
        audit.append(w, "demo_seed", detail={"households": total, "seed": seed, "counts": counts})
        return SeedResult(MappingProxyType(counts), w.changes())


def household_count(households: int | None, scale: str | None) -> int:
    """How many households to make; refuses what this generator cannot do."""
    if (households is None) == (scale is None):
        raise ValidationError(tr("Hãy chọn đúng một trong hai: số hộ hoặc quy mô (commune)."))
    if scale == "province":
        raise ValidationError(
            tr(
                "Quy mô 'province' (khoảng 1 triệu nhân khẩu) chưa hỗ trợ; "
                "hãy dùng 'commune' hoặc số hộ."
            )
        )
    if scale is not None and scale not in SCALES:
        raise ValidationError(tr("Quy mô '{scale}' không hợp lệ; chọn 'commune'.", scale=scale))
    count = SCALES[scale] if scale is not None else households or 0
    if not 1 <= count <= MAX_HOUSEHOLDS:
        limit = f"{MAX_HOUSEHOLDS:,}"
        if language() == "vi":
            limit = limit.replace(",", ".")  # 20.000 in Vietnamese, 20,000 in English
        raise ValidationError(tr("Số hộ phải từ 1 đến {max}.", max=limit))
    return count


def _demo(w: Work, actor: Actor, seed: int) -> Demo:
    if w.replica.is_hub:
        raise ValidationError(
            tr("Dữ liệu mẫu chỉ tạo ở máy Công an xã, không tạo ở trung tâm tỉnh.")
        )
    _require_empty(w)
    commune = admin_units.commune(w.replica.unit_code)
    province = admin_units.province(commune.province_code)
    rng = random.Random(seed)
    fake = Faker("vi_VN")
    fake.seed_instance(seed)
    ids = IdNumbers(rng, f"0{province.code}")
    d = Demo(w, rng, fake, ids, date.today(), actor.officer_id, commune, province)
    d.staff = _staff(d, actor)
    return d


def _require_empty(w: Work) -> None:
    """Demo rows must never mix with real ones: only a database without records is seeded."""
    for model in (Area, Household, Person, ReintegrationCase, Meeting):
        live = select(func.count()).select_from(model).where(model.deleted.is_(False))
        if w.session.scalar(live):
            raise ValidationError(
                tr("Cơ sở dữ liệu đã có dữ liệu; chỉ tạo dữ liệu mẫu trên cơ sở dữ liệu mới.")
            )


def _staff(d: Demo, actor: Actor) -> list[tuple[str, str]]:
    """The post's officers as minutes name them; the chief is the actor when named properly."""
    word = d.unit_word
    chief = actor.full_name if " " in actor.full_name else d.person_name("nam", 1978).full
    titles = [f"Phó Trưởng Công an {word}"] * 2 + [f"Cán bộ Công an {word}"] * 3
    born = (1980, 1985, 1990, 1994, 1997)
    staff = [(chief, f"Trưởng Công an {word}")]
    for year, title in zip(born, titles, strict=True):
        staff.append((d.person_name("nam" if d.chance(0.8) else "nu", year).full, title))
    return staff


def _register(d: Demo, total: int, progress: Progress) -> register.Register:
    reg = register.areas(d, total)
    places = register.plan(d, reg, total)
    for start in range(0, total, BATCH):
        register.households(d, reg, places[start : start + BATCH], start)
        d.w.session.flush()
        progress(min(start + BATCH, total), total)
    register.groups(d, reg)
    register.teams(d, reg)
    d.w.session.flush()
    return reg


def _quiet(_done: int, _total: int) -> None:
    return None
