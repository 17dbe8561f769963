"""Generic record operations (put, get, list, delete) shared by the CLI and the GUI.

Area modules (households, cases, meetings…) attach their domain rules through
`desktop_app.records.hooks`; every write here is one transaction with its change-log
entries and audit event.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from db.base import SYNCED, Synced, table_of
from db.models import GroupMember, Meeting, Person, ReintegrationCase, VocabularyTerm
from db.models.registry import Household
from db.uow import Database
from desktop_app import indexing, searching
from desktop_app.actor import Actor, require_write
from desktop_app.changes import Changes
from desktop_app.errors import NotFoundError, PermissionDeniedError, ValidationError
from desktop_app.i18n import tr
from desktop_app.records import hooks
from desktop_app.records.catalog import HIDDEN_TYPES, SENSITIVE_TYPES, RecordType, record_type
from desktop_app.records.validation import check_required, validate
from desktop_app.records.view import Record, to_record
from desktop_app.services import audit
from desktop_app.work import Work, work

DEFAULT_LIMIT = 200


@dataclass(frozen=True)
class Saved:
    record: Record
    created: bool
    changes: Changes
    warnings: tuple[str, ...] = ()


class SessionResolver:
    """Answers validation's questions from the open session."""

    def __init__(self, w: Work) -> None:
        self.w = w
        self._vocab: dict[str, set[str]] = {}

    def vocabulary_codes(self, vocabulary: str) -> set[str]:
        if vocabulary not in self._vocab:
            self._vocab[vocabulary] = vocabulary_codes(self.w.session, vocabulary)
        return self._vocab[vocabulary]

    def exists(self, rtype: str, record_id: str) -> bool:
        model = SYNCED.get(rtype)
        if model is None:
            return True  # attachments may belong to any type; checked by their service
        found = self.w.session.get(model, record_id)
        return found is not None and not found.deleted


def vocabulary_codes(session: Session, vocabulary: str) -> set[str]:
    rows = session.scalars(
        select(VocabularyTerm.code).where(
            VocabularyTerm.vocabulary == vocabulary,
            VocabularyTerm.active.is_(True),
            VocabularyTerm.deleted.is_(False),
        )
    )
    return {code for code in rows if code}


def put(db: Database, actor: Actor, type_name: str, data: Mapping[str, Any]) -> Saved:
    """Create a record (no `id`) or update the fields given of an existing one."""
    rtype = _editable(type_name)
    require_write(actor)
    with work(db, actor, write=True) as w:
        obj, created, warnings = save_with_warnings(w, rtype, data)
        return Saved(to_record(rtype, obj), created, w.changes(), tuple(warnings))


def save(w: Work, rtype: RecordType, data: Mapping[str, Any]) -> tuple[Synced, bool]:
    """`put` inside an open unit of work (for services that save several records at once)."""
    obj, created, _warnings = save_with_warnings(w, rtype, data)
    return obj, created


def save_with_warnings(
    w: Work, rtype: RecordType, data: Mapping[str, Any]
) -> tuple[Synced, bool, list[str]]:
    """`save`, also returning what the domain rules warned about (possible duplicates)."""
    existing = _existing(w, rtype, data.get("id"))
    values = validate(rtype, data, SessionResolver(w), creating=existing is None)
    _check_unit(w, values)
    ctx = hooks.SaveContext(w, rtype, existing, values)
    hooks.run_before_save(ctx)
    obj = existing if existing is not None else rtype.model()
    for name, value in ctx.values.items():
        setattr(obj, name, value)
    check_required(rtype, {name: getattr(obj, name) for name in rtype.field_names})
    if existing is None:
        w.session.add(obj)
    w.session.flush()
    hooks.run_after_save(ctx, obj)
    action = "create" if existing is None else "update"
    audit.append(w, action, rtype.name, obj.id, {"fields": sorted(ctx.values)})
    return obj, existing is None, ctx.warnings


def get(db: Database, actor: Actor, type_name: str, record_id: str) -> Record:
    rtype = record_type(type_name)
    minimal = reader_view(actor, rtype)
    with work(db, actor, write=rtype.sensitive) as w:
        obj = w.session.get(rtype.model, record_id)
        if obj is None:
            raise _not_found(rtype, record_id)
        if rtype.sensitive:
            audit.append(w, "view", rtype.name, obj.id, {"minimal": minimal})
        return to_record(rtype, obj, minimal=minimal)


def list_records(
    db: Database,
    actor: Actor,
    type_name: str,
    *,
    search: str | None = None,
    filters: Mapping[str, Any] | None = None,
    include_deleted: bool = False,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[Record]:
    """Records of one type in display order (people by given name), optionally searched."""
    rtype = record_type(type_name)
    minimal = reader_view(actor, rtype)
    with work(db, actor, write=rtype.sensitive) as w:
        wanted = (limit or DEFAULT_LIMIT) + offset
        query = select_records(rtype, search, filters, include_deleted, w.session, wanted)
        query = query.limit(limit).offset(offset)
        rows = list(w.session.scalars(query))
        if rtype.sensitive:
            audit.append(w, "list", rtype.name, None, {"search": search, "count": len(rows)})
        return [to_record(rtype, obj, minimal=minimal) for obj in rows]


def count(
    db: Database,
    actor: Actor,
    type_name: str,
    *,
    search: str | None = None,
    filters: Mapping[str, Any] | None = None,
) -> int:
    rtype = record_type(type_name)
    reader_view(actor, rtype)
    with work(db, actor, write=False) as w:
        inner = select_records(rtype, search, filters, False, w.session).order_by(None).subquery()
        return int(w.session.scalar(select(func.count()).select_from(inner)) or 0)


def delete(db: Database, actor: Actor, type_name: str, record_id: str) -> Changes:
    """Tombstone a record: it stays, marked deleted, so the deletion can sync."""
    rtype = _editable(type_name)
    require_write(actor)
    with work(db, actor, write=True) as w:
        obj = _existing(w, rtype, record_id)
        assert obj is not None
        hooks.run_before_delete(w, obj)
        obj.deleted = True
        w.session.flush()
        audit.append(w, "delete", rtype.name, obj.id, {})
        return w.changes()


def select_records(
    rtype: RecordType,
    search: str | None,
    filters: Mapping[str, Any] | None,
    include_deleted: bool,
    session: Session | None = None,
    wanted: int = DEFAULT_LIMIT,
    backwards: bool = False,
) -> Select[Any]:
    """The records' query in display order (`backwards`: from the end). With `session`, a
    search is planned on the data for a list showing `wanted` rows first
    (`searching.condition`)."""
    model = rtype.model
    query = select(model)
    if not include_deleted:
        query = query.where(model.deleted.is_(False))
        if "merged_into" in rtype.field_names:
            # A record merged into another lives on for its history, not in lists. Written so
            # that no index can answer it: the (merged_into, deleted) index, which counts a
            # province's residents at once, would otherwise tempt SQLite into reading a
            # million rows and sorting them to show the first hundred.
            query = query.where(func.coalesce(table_of(model).c.merged_into, "") == "")
    for name, value in (filters or {}).items():
        via = FILTER_VIA.get((rtype.name, name))
        if via is not None:
            query = query.where(via(value))
            continue
        if name not in rtype.field_names and name != "unit_code":
            raise ValidationError(
                tr(
                    "Không lọc được theo trường '{field}' của {type}.",
                    field=name,
                    type=tr(rtype.label).lower(),
                )
            )
        query = query.where(getattr(model, name) == value)
    if search and search.strip():
        condition = _search(rtype, search, session, wanted)
        if condition is not None:
            query = query.where(condition)
    return _ordered(rtype.name, query, backwards)


def _search(
    rtype: RecordType, text: str, session: Session | None, wanted: int
) -> ColumnElement[bool] | None:
    via = SEARCH_VIA.get(rtype.name)
    if via is not None:
        return via(text)
    if not rtype.search_fields:
        raise ValidationError(tr("{label} không có trường để tìm kiếm.", label=tr(rtype.label)))
    if session is not None:
        return searching.condition(session, rtype.name, rtype.model.id, text, wanted)
    return indexing.search_condition(rtype.name, rtype.model.id, text)


def _people(text: str) -> Any:
    condition = indexing.search_condition("person", Person.id, text)
    return select(Person.id).where(condition) if condition is not None else select(Person.id)


SEARCH_VIA: dict[str, Callable[[str], ColumnElement[bool] | None]] = {
    "household": lambda text: indexing.any_of(
        indexing.search_condition("household", Household.id, text),
        Household.id.in_(select(Person.household_id).where(Person.id.in_(_people(text)))),
    ),
    "reintegration_case": lambda text: indexing.any_of(
        indexing.search_condition("reintegration_case", ReintegrationCase.id, text),
        ReintegrationCase.person_id.in_(_people(text)),
    ),
}


def _current_members(group_id: Any) -> Any:
    return select(GroupMember.household_id).where(
        GroupMember.group_id == group_id,
        GroupMember.left_on.is_(None),
        GroupMember.deleted.is_(False),
    )


# Filters that follow a link: people by their household's area or group, households by group.
FILTER_VIA: dict[tuple[str, str], Callable[[Any], ColumnElement[bool]]] = {
    ("person", "area_id"): lambda v: Person.household_id.in_(
        select(Household.id).where(Household.area_id == v)
    ),
    ("person", "group_id"): lambda v: Person.household_id.in_(_current_members(v)),
    ("household", "group_id"): lambda v: Household.id.in_(_current_members(v)),
}


def _ordered(type_name: str, query: Select[Any], backwards: bool = False) -> Select[Any]:
    """Display order: people and named things in Vietnamese order, meetings newest first.

    `backwards` reverses it, so the end of a long list is read from its end.
    """
    if type_name == "reintegration_case":
        person = Person.__table__.alias("case_person")
        query = query.join(person, person.c.id == ReintegrationCase.person_id)
        keys = [(person.c.sort_key, False), (ReintegrationCase.id, False)]
    elif type_name == "meeting":
        keys = [(Meeting.starts_at, True), (Meeting.id, False)]
    else:
        model = SYNCED[type_name]
        table = table_of(model)
        first = table.c.sort_key if "sort_key" in table.columns else model.created_at
        keys = [(first, False), (model.id, False)]
    return query.order_by(*(c.desc() if down != backwards else c.asc() for c, down in keys))


def _editable(type_name: str) -> RecordType:
    rtype = record_type(type_name)
    if rtype.name in HIDDEN_TYPES:
        raise PermissionDeniedError(
            tr(
                "{label} được quản lý bằng lệnh riêng ('antq officers'), không qua 'records'.",
                label=tr(rtype.label),
            )
        )
    return rtype


def _existing(w: Work, rtype: RecordType, record_id: Any) -> Synced | None:
    if record_id in (None, ""):
        return None
    obj = w.session.get(rtype.model, str(record_id))
    if obj is None:
        raise _not_found(rtype, record_id)
    if obj.deleted:
        raise ValidationError(
            tr(
                "{label} có mã '{id}' đã bị xóa, không sửa được.",
                label=tr(rtype.label),
                id=record_id,
            )
        )
    return obj


def _not_found(rtype: RecordType, record_id: Any) -> NotFoundError:
    return NotFoundError(
        tr(
            "Không tìm thấy {type} có mã '{id}'.",
            type=tr(rtype.label).lower(),
            id=record_id,
        )
    )


def _check_unit(w: Work, values: dict[str, Any]) -> None:
    code = values.get("unit_code")
    if code is None:
        values.pop("unit_code", None)
        return
    if w.replica.is_hub:
        if not _in_province(code, w.replica.province_code):
            raise ValidationError(
                tr("Mã đơn vị '{code}' không thuộc tỉnh của trung tâm.", code=code)
            )
    elif code != w.replica.unit_code:
        raise ValidationError(
            tr(
                "Công an xã chỉ nhập hồ sơ của đơn vị mình (mã {own}), không nhập cho mã '{code}'.",
                own=w.replica.unit_code,
                code=code,
            )
        )


def _in_province(code: str, province_code: str) -> bool:
    from desktop_app import admin_units

    try:
        return admin_units.commune(code).province_code == province_code or code == province_code
    except NotFoundError:
        return False


def reader_view(actor: Actor, rtype: RecordType) -> bool:
    """True when `actor` may only see the minimal view of this type; refuses what they can't see."""
    if rtype.name not in SENSITIVE_TYPES or actor.sees_case_details:
        return False
    if rtype.name == "reintegration_case":
        return True
    raise PermissionDeniedError(
        tr(
            "Tài khoản '{username}' không được xem chi tiết hồ sơ tái hòa nhập.",
            username=actor.username,
        )
    )
