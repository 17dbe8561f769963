"""Periodic statistics of the movement: one commune's figures for a period (`period_stats`),
the province's table of communes at a hub (`province_stats`), and which posts reported
(`reporting_posts`). docs/reports.md says what each figure counts.

Read-only and Qt-free: frozen data out (desktop_app.services.stats_model), one unit of work
per call. Writing the PDF and XLSX, with the audit event, is desktop_app.services.stats_files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    Area,
    Household,
    HouseholdGroup,
    InboxPackage,
    Meeting,
    Peer,
    ReintegrationCase,
    SecurityTeam,
)
from db.uow import Database
from desktop_app import admin_units
from desktop_app.actor import Actor
from desktop_app.errors import NotFoundError, ValidationError
from desktop_app.i18n import tr
from desktop_app.listing import vocabulary_labels
from desktop_app.periods import checked
from desktop_app.services.stats_cases import case_stats
from desktop_app.services.stats_meetings import meeting_ids, meeting_stats, opinion_stats
from desktop_app.services.stats_model import (
    CommuneRow,
    PeriodStats,
    PostReport,
    ProvinceStats,
    Scope,
    total,
)
from desktop_app.services.stats_register import coverage, groups
from desktop_app.sync.importer import APPLIED
from desktop_app.work import POST, ReplicaInfo, Work, work

# Tables whose unit codes name the communes a hub holds records of.
UNIT_TABLES = (Area, Household, HouseholdGroup, SecurityTeam, ReintegrationCase, Meeting)


def period_stats(
    db: Database,
    actor: Actor,
    start: date,
    end: date,
    unit_code: str | None = None,
    *,
    today: date | None = None,
) -> PeriodStats:
    """The figures of a commune for the period `start`–`end` (both days included).

    At a post the commune is the post's own (`unit_code` may only name it); at a hub,
    `unit_code` picks a commune and None takes every unit of the database, the province.
    Deadlines (overdue opinions) are judged on `end`, or on `today` when that is sooner.
    """
    period = checked(start, end)
    with work(db, actor, write=False) as w:
        scope = _scope(w.replica, unit_code)
        as_of = min(end, today or date.today())
        return _stats(w, scope, period.start, period.end, period.label, as_of)


def _scope(replica: ReplicaInfo, unit_code: str | None) -> Scope:
    if replica.role == POST:
        if unit_code not in (None, replica.unit_code):
            raise ValidationError(
                tr(
                    "Công an xã chỉ xem số liệu của đơn vị mình (mã {own}), không xem mã '{code}'.",
                    own=replica.unit_code,
                    code=unit_code,
                )
            )
        return Scope(replica.unit_code)
    return Scope(unit_code)


def _stats(w: Work, scope: Scope, start: date, end: date, label: str, as_of: date) -> PeriodStats:
    session = w.session
    labels = vocabulary_labels(session)
    register = coverage(session, scope, end, labels)
    details = w.actor.sees_case_details if w.actor else False
    return PeriodStats(
        start=start,
        end=end,
        label=label,
        unit_code=scope.unit_code,
        unit_name=_unit_name(w.replica, scope.unit_code),
        as_of=as_of,
        areas=register.areas,
        households=register.households,
        covered=register.covered,
        coverage=register.coverage,
        groups=groups(session, scope, start, end, labels),
        cases=case_stats(session, scope, start, end, details=details),
        meetings=meeting_stats(session, scope, start, end, labels),
        opinions=opinion_stats(session, meeting_ids(session, scope, start, end), end, as_of),
    )


def _unit_name(replica: ReplicaInfo, unit_code: str | None) -> str:
    """The name of the post as the report prints it ("Công an phường Hồng Hà")."""
    code = unit_code or replica.unit_code
    if code == replica.unit_code and replica.name:
        return replica.name
    return post_name(code)


def post_name(code: str) -> str:
    """ "Công an phường Hồng Hà" for a commune code, "Công an thành phố Hà Nội" for a province."""
    try:
        unit: admin_units.Commune | admin_units.Province = admin_units.commune(code)
    except NotFoundError:
        unit = admin_units.province(code)
    name, kind = unit.name, unit.kind
    if kind and name.startswith(kind) and any(ch.isalpha() for ch in name[len(kind) :]):
        name = kind.lower() + name[len(kind) :]
    return f"Công an {name}"


def unit_title(code: str) -> str:
    """The commune's official name ("Phường Hồng Hà"), else the code."""
    try:
        return admin_units.commune(code).name
    except NotFoundError:
        try:
            return admin_units.province(code).name
        except NotFoundError:
            return code


# --- the province ---------------------------------------------------------------------------


def province_stats(
    db: Database, actor: Actor, start: date, end: date, *, today: date | None = None
) -> ProvinceStats:
    """One row per commune the hub holds records of (or hears from), and their totals."""
    period = checked(start, end)
    with work(db, actor, write=False) as w:
        if w.replica.role == POST:
            raise ValidationError(
                tr("Báo cáo toàn tỉnh chỉ lập được ở máy trung tâm của Công an tỉnh.")
            )
        as_of = min(end, today or date.today())
        rows = tuple(
            CommuneRow(
                code, unit_title(code), _stats(w, Scope(code), start, end, "", as_of).summary()
            )
            for code in _units(w.session)
        )
        posts = _posts(w.session, start, end)
        return ProvinceStats(
            start=period.start,
            end=period.end,
            label=period.label,
            province_code=w.replica.province_code,
            unit_name=_unit_name(w.replica, None),
            rows=rows,
            total=total(r.summary for r in rows),
            posts=posts,
        )


def _units(session: Session) -> list[str]:
    """Every unit code the records carry, and the posts' codes (a silent post shows as zeros)."""
    codes: set[str] = set()
    for model in UNIT_TABLES:
        codes |= {c for c in session.scalars(select(model.unit_code).distinct()) if c}
    codes |= {
        p.unit_code for p in session.scalars(select(Peer).where(Peer.role == POST)) if p.unit_code
    }
    return sorted(codes)


def reporting_posts(
    db: Database, actor: Actor, start: date | None = None, end: date | None = None
) -> list[PostReport]:
    """Each post the hub trusts, its last package applied here and that package's app version;
    `packages_in_period` counts those received between `start` and `end` (local days)."""
    with work(db, actor, write=False) as w:
        return list(_posts(w.session, start, end))


def _posts(session: Session, start: date | None, end: date | None) -> tuple[PostReport, ...]:
    peers = session.scalars(
        select(Peer)
        .where(Peer.role == POST, Peer.revoked_at.is_(None))
        .order_by(Peer.unit_code, Peer.name)
    ).all()
    received = _received(session)
    return tuple(_post(p, received.get(p.replica_id, []), start, end) for p in peers)


def _received(session: Session) -> dict[str, list[tuple[datetime, str | None]]]:
    query = (
        select(InboxPackage.sender, InboxPackage.received_at, InboxPackage.app_version)
        .where(InboxPackage.status == APPLIED)
        .order_by(InboxPackage.received_at)
    )
    found: dict[str, list[tuple[datetime, str | None]]] = defaultdict(list)
    for sender, at, version in session.execute(query):
        found[sender].append((at, version))
    return found


def _post(
    peer: Peer, packages: list[tuple[datetime, str | None]], start: date | None, end: date | None
) -> PostReport:
    last = packages[-1] if packages else None
    return PostReport(
        replica_id=peer.replica_id,
        unit_code=peer.unit_code,
        unit_name=unit_title(peer.unit_code),
        name=peer.name,
        last_received=last[0] if last else None,
        app_version=last[1] if last else None,
        packages_in_period=_within((at.astimezone().date() for at, _ in packages), start, end),
    )


def _within(days: Iterable[date], start: date | None, end: date | None) -> int:
    return sum(1 for d in days if (start is None or d >= start) and (end is None or d <= end))
