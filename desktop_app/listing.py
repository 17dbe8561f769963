"""What each list shows: its columns, the ordered ids of a search, and display rows for some ids.

Lists are lazy: a view asks for the ids once (cheap: one indexed query), then for the rows
it is about to paint. Rows are tuples of display strings, never ORM objects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.base import SYNCED, table_of
from db.models import (
    CaseClassification,
    GroupMember,
    Household,
    Person,
    TeamMember,
    VocabularyTerm,
)
from db.uow import Database
from desktop_app.actor import Actor
from desktop_app.formatting import birth, format_value
from desktop_app.records.catalog import record_type
from desktop_app.records.view import MINIMAL_CASE_FIELDS
from desktop_app.services import audit
from desktop_app.services.records import reader_view, select_records
from desktop_app.work import work

Row = tuple[str, ...]


@dataclass(frozen=True)
class Column:
    """`path` is a field, a chain through references ("household_id.address"), or "@computed"."""

    title: str
    path: str


def _c(title: str, path: str) -> Column:
    return Column(title, path)


LISTS: dict[str, tuple[Column, ...]] = {
    "person": (
        _c("Họ và tên", "full_name"),
        _c("Ngày sinh", "@birth"),
        _c("Giới tính", "sex"),
        _c("Số định danh", "id_number"),
        _c("Quan hệ với chủ hộ", "relation_to_head"),
        _c("Địa chỉ hộ", "household_id.address"),
        _c("Thôn, tổ dân phố", "household_id.area_id.name"),
    ),
    "household": (
        _c("Số hộ", "number"),
        _c("Chủ hộ", "head_person_id.full_name"),
        _c("Địa chỉ", "address"),
        _c("Thôn, tổ dân phố", "area_id.name"),
        _c("Nhân khẩu", "@members"),
        _c("Điện thoại", "phone"),
    ),
    "household_group": (
        _c("Tên tổ", "name"),
        _c("Loại tổ", "group_type"),
        _c("Thôn, tổ dân phố", "area_id.name"),
        _c("Tổ trưởng", "@leader"),
        _c("Số lượng hộ", "@group_size"),
        _c("Trạng thái", "status"),
    ),
    "security_team": (
        _c("Tên tổ", "name"),
        _c("Số quyết định", "decision_no"),
        _c("Ngày quyết định", "decision_date"),
        _c("Số thành viên", "@team_size"),
        _c("Trạng thái", "status"),
    ),
    "reintegration_case": (
        _c("Số hồ sơ", "case_no"),
        _c("Họ và tên", "person_id.full_name"),
        _c("Năm sinh", "person_id.birth_year"),
        _c("Hình thức", "release_type"),
        _c("Ngày ra trại", "release_date"),
        _c("Phân loại", "@class"),
        _c("Cán bộ phụ trách", "officer_in_charge_id.full_name"),
        _c("Trạng thái", "status"),
    ),
    "meeting": (
        _c("Bắt đầu", "starts_at"),
        _c("Loại cuộc họp", "meeting_type"),
        _c("Chủ đề", "subject"),
        _c("Địa điểm", "place"),
        _c("Trạng thái", "status"),
        _c("Số biên bản", "doc_number"),
    ),
    "group_member": (
        _c("Vai trò", "role"),
        _c("Địa chỉ hộ", "household_id.address"),
        _c("Chủ hộ", "household_id.head_person_id.full_name"),
        _c("Người", "person_id.full_name"),
        _c("Ngày tham gia", "joined_on"),
        _c("Ngày rời", "left_on"),
    ),
    "group_rating": (_c("Năm", "year"), _c("Xếp loại", "rating"), _c("Ghi chú", "note")),
    "team_member": (
        _c("Họ và tên", "person_id.full_name"),
        _c("Vai trò", "role"),
        _c("Nguồn", "source"),
        _c("Ngày tham gia", "joined_on"),
        _c("Ngày rời", "left_on"),
    ),
    "team_area": (_c("Thôn, tổ dân phố", "area_id.name"),),
    "team_rating": (
        _c("Năm đánh giá", "period_year"),
        _c("Mức xếp loại", "level"),
        _c("Thành viên", "member_id.person_id.full_name"),
        _c("Ghi chú", "note"),
    ),
    "case_judgement": (
        _c("Tòa án", "court"),
        _c("Số bản án", "judgement_no"),
        _c("Ngày tuyên án", "judgement_date"),
        _c("Tội danh", "offence"),
        _c("Điều khoản", "article"),
        _c("Hình phạt chính", "main_penalty"),
    ),
    "case_classification": (
        _c("Ngày phân loại", "decided_on"),
        _c("Phân loại", "level"),
        _c("Lý do", "reason"),
        _c("Cán bộ", "officer_id.full_name"),
    ),
    "case_helper": (
        _c("Vai trò", "role"),
        _c("Họ và tên", "name"),
        _c("Cơ quan, tổ chức", "organisation"),
        _c("Số điện thoại", "phone"),
        _c("Ngày phân công", "assigned_on"),
    ),
    "case_contact": (
        _c("Ngày tiếp xúc", "contact_on"),
        _c("Hình thức", "kind"),
        _c("Nội dung", "content"),
        _c("Cán bộ", "officer_id.full_name"),
    ),
    "case_support": (
        _c("Ngày hỗ trợ", "given_on"),
        _c("Hình thức hỗ trợ", "support_type"),
        _c("Đơn vị hỗ trợ", "provider"),
        _c("Kết quả", "outcome"),
    ),
    "case_incident": (
        _c("Ngày xảy ra", "occurred_on"),
        _c("Loại", "kind"),
        _c("Mô tả", "description"),
    ),
    "meeting_attendee": (
        _c("Thành phần", "kind"),
        _c("Họ và tên", "name"),
        _c("Chức vụ, tiêu đề", "title"),
        _c("Có mặt", "present"),
        _c("Lý do vắng", "absent_reason"),
    ),
    "agenda_item": (_c("Thứ tự", "position"), _c("Nội dung", "title"), _c("Diễn biến", "content")),
    "opinion": (
        _c("Người phát biểu", "speaker_name"),
        _c("Nội dung", "content"),
        _c("Lĩnh vực", "category"),
        _c("Hạn giải quyết", "deadline"),
        _c("Trạng thái", "status"),
    ),
    "meeting_addendum": (_c("Ngày đính chính", "made_on"), _c("Nội dung", "content")),
    "area": (
        _c("Tên", "name"),
        _c("Loại", "kind"),
        _c("Mã", "code"),
        _c("Số lượng hộ", "@households"),
    ),
    "officer": (
        _c("Tên đăng nhập", "username"),
        _c("Họ và tên", "full_name"),
        _c("Chức vụ", "title"),
        _c("Vai trò", "role"),
        _c("Đang hoạt động", "active"),
    ),
    "vocabulary_term": (
        _c("Danh mục", "vocabulary"),
        _c("Mã", "code"),
        _c("Tên hiển thị", "label"),
        _c("Đang dùng", "active"),
    ),
}


def columns(type_name: str, actor: Actor) -> tuple[Column, ...]:
    """The columns `actor` may see (the minimal case view hides release and class)."""
    rtype = record_type(type_name)
    found = LISTS.get(type_name) or tuple(_c(f.label, f.name) for f in rtype.fields[:6])
    if reader_view(actor, rtype):
        found = tuple(c for c in found if c.path.split(".")[0] in MINIMAL_CASE_FIELDS)
    return found


@dataclass(frozen=True)
class Opened:
    """A list as it is first shown: its ids in display order (all of them, or the first
    `WHOLE_LIST` of a longer list) and the first page's display rows.

    `count` is None for a longer list: `count_list` tells how long, once the rows are shown.
    `capped`: a search matched more than `SEARCH_ROWS` records; the list holds the first ones.
    """

    ids: tuple[str, ...]
    rows: Mapping[str, Row]
    count: int | None
    capped: bool = False


# A list this long arrives with all its ids; a longer one — a province's million residents —
# shows its first rows at once, is counted next, then read page by page from either end.
# A search shows its first `SEARCH_ROWS` matches.
WHOLE_LIST = 10_000
SEARCH_ROWS = 1_000


def open_list(
    db: Database,
    actor: Actor,
    type_name: str,
    *,
    search: str | None = None,
    filters: Mapping[str, Any] | None = None,
    page: int = 100,
) -> Opened:
    """The start of a list in display order, in one read: what a table shows first."""
    rtype = record_type(type_name)
    reader_view(actor, rtype)
    searching = bool(search and search.strip())
    most = SEARCH_ROWS if searching else WHOLE_LIST
    with work(db, actor, write=rtype.sensitive) as w:
        query = select_records(rtype, search, filters, False, w.session, most + 1)
        query = query.with_only_columns(rtype.model.id).limit(most + 1)
        # In display order, stopping there: neither a search nor a long list is counted here.
        found = list(w.session.connection().execute(query).scalars())
        ids, more = found[:most], len(found) > most
        rows = RowBuilder(w.session, type_name).build(columns(type_name, actor), ids[:page])
        count = None if more and not searching else len(ids)
        if rtype.sensitive:
            audit.append(w, "list", rtype.name, None, {"search": search, "count": len(ids)})
        return Opened(tuple(ids), rows, count, capped=more and searching)


def count_list(
    db: Database,
    actor: Actor,
    type_name: str,
    *,
    filters: Mapping[str, Any] | None = None,
) -> int:
    """How many records a list without a search shows (a whole register from a small index)."""
    rtype = record_type(type_name)
    reader_view(actor, rtype)
    with work(db, actor, write=False) as w:
        table = table_of(rtype.model)
        if not filters and "merged_into" in table.c:
            live = table.c.merged_into.is_(None), table.c.deleted.is_(False)
            counted = select(func.count()).select_from(table).where(*live)
        else:
            query = select_records(rtype, None, filters, False).with_only_columns(table.c.id)
            counted = select(func.count()).select_from(query.order_by(None).subquery())
        return int(w.session.scalar(counted) or 0)


def list_window(
    db: Database,
    actor: Actor,
    type_name: str,
    *,
    search: str | None = None,
    filters: Mapping[str, Any] | None = None,
    offset: int,
    limit: int,
    total: int | None = None,
) -> tuple[tuple[str, ...], dict[str, Row]]:
    """Ids and display rows from row `offset` of a list too long to hold every id.

    Given the list's `total`, a window in its second half is read from the end, so scrolling
    to the last residents of a province skips 100 rows instead of a million.
    """
    rtype = record_type(type_name)
    reader_view(actor, rtype)
    backwards = total is not None and offset > total // 2
    with work(db, actor, write=False) as w:
        query = select_records(rtype, search, filters, False, w.session, backwards=backwards)
        query = query.with_only_columns(rtype.model.id)
        if backwards and total is not None:
            skip = max(0, total - offset - limit)
            query = query.limit(max(0, min(limit, total - offset))).offset(skip)
        else:
            query = query.limit(limit).offset(offset)
        ids = tuple(w.session.connection().execute(query).scalars())
        ids = ids[::-1] if backwards else ids
        return ids, RowBuilder(w.session, type_name).build(columns(type_name, actor), ids)


def list_ids(
    db: Database,
    actor: Actor,
    type_name: str,
    *,
    search: str | None = None,
    filters: Mapping[str, Any] | None = None,
) -> list[str]:
    """Ids of the matching records, in display order (Vietnamese order for people)."""
    rtype = record_type(type_name)
    reader_view(actor, rtype)
    with work(db, actor, write=rtype.sensitive) as w:
        query = select_records(rtype, search, filters, False, w.session)
        query = query.with_only_columns(rtype.model.id)
        ids = list(w.session.connection().execute(query).scalars())
        if rtype.sensitive:
            audit.append(w, "list", rtype.name, None, {"search": search, "count": len(ids)})
        return ids


def list_rows(db: Database, actor: Actor, type_name: str, ids: Sequence[str]) -> dict[str, Row]:
    """Display rows for `ids` (missing or deleted ids are simply absent)."""
    cols = columns(type_name, actor)
    with work(db, actor, write=False) as w:
        return RowBuilder(w.session, type_name).build(cols, ids)


class RowBuilder:
    """Builds rows with one query per record type reached, whatever the number of ids.

    Records are read as plain Core rows (attribute access, no identity map): a page of a
    province's list is painted as often as it is scrolled to.
    """

    def __init__(self, session: Session, type_name: str) -> None:
        self.session = session
        self.type_name = type_name
        self.vocabulary = vocabulary_labels(session)
        self._read: dict[str, dict[str, Any]] = {}  # record type → id → row read so far

    def build(self, cols: tuple[Column, ...], ids: Sequence[str]) -> dict[str, Row]:
        objects = self._records(self.type_name, set(ids))
        values = [self._column(c, objects) for c in cols]
        return {i: tuple(v.get(i, "") for v in values) for i in ids if i in objects}

    def _records(self, type_name: str, ids: set[str]) -> dict[str, Any]:
        known = self._read.setdefault(type_name, {})
        missing = ids.difference(known)
        if missing:
            table = table_of(SYNCED[type_name])
            query = select(table).where(table.c.id.in_(missing))
            known.update((row.id, row) for row in self.session.execute(query))
        return {i: known[i] for i in ids if i in known}

    def _column(self, column: Column, objects: dict[str, Any]) -> dict[str, str]:
        if column.path.startswith("@"):
            return COMPUTED[column.path[1:]](self.session, objects)
        return self._path(self.type_name, column.path.split("."), objects)

    def _path(self, type_name: str, hops: list[str], owners: dict[str, Any]) -> dict[str, str]:
        spec = record_type(type_name).field(hops[0])
        if len(hops) == 1:
            return {
                key: format_value(
                    spec, getattr(obj, spec.name), record_type=type_name, vocabulary=self.vocabulary
                )
                for key, obj in owners.items()
            }
        assert spec.ref, f"{type_name}.{spec.name} is not a reference"
        refs = {key: getattr(obj, spec.name) for key, obj in owners.items()}
        found = self._records(spec.ref, {r for r in refs.values() if r})
        linked = {key: found[ref] for key, ref in refs.items() if ref in found}
        return self._path(spec.ref, hops[1:], linked)


def vocabulary_labels(session: Session) -> dict[tuple[str, str], str]:
    rows = session.execute(
        select(VocabularyTerm.vocabulary, VocabularyTerm.code, VocabularyTerm.label)
    )
    return {(v or "", c or ""): label or "" for v, c, label in rows}


def _count_by(session: Session, column: Any, ids: Any, *conditions: Any) -> dict[str, str]:
    query = select(column, func.count()).where(column.in_(ids), *conditions).group_by(column)
    return {key: str(n) for key, n in session.execute(query)}


def _members(session: Session, objects: dict[str, Any]) -> dict[str, str]:
    return _count_by(session, Person.household_id, objects, Person.deleted.is_(False))


def _households(session: Session, objects: dict[str, Any]) -> dict[str, str]:
    return _count_by(session, Household.area_id, objects, Household.deleted.is_(False))


def _group_size(session: Session, objects: dict[str, Any]) -> dict[str, str]:
    return _count_by(
        session,
        GroupMember.group_id,
        objects,
        GroupMember.role == "member",
        GroupMember.left_on.is_(None),
        GroupMember.deleted.is_(False),
    )


def _team_size(session: Session, objects: dict[str, Any]) -> dict[str, str]:
    return _count_by(
        session,
        TeamMember.team_id,
        objects,
        TeamMember.left_on.is_(None),
        TeamMember.deleted.is_(False),
    )


def _leader(session: Session, objects: dict[str, Any]) -> dict[str, str]:
    query = (
        select(GroupMember.group_id, Person.full_name)
        .join(Person, Person.id == GroupMember.person_id)
        .where(
            GroupMember.group_id.in_(objects),
            GroupMember.role == "leader",
            GroupMember.left_on.is_(None),
            GroupMember.deleted.is_(False),
        )
    )
    return {group or "": name or "" for group, name in session.execute(query)}


def _class(session: Session, objects: dict[str, Any]) -> dict[str, str]:
    """The latest A/B/C/D classification of each case."""
    query = (
        select(CaseClassification.case_id, CaseClassification.level)
        .where(CaseClassification.case_id.in_(objects), CaseClassification.deleted.is_(False))
        .order_by(CaseClassification.decided_on, CaseClassification.created_at)
    )
    return {case or "": level or "" for case, level in session.execute(query)}


def _birth(session: Session, objects: dict[str, Any]) -> dict[str, str]:
    return {
        key: birth(getattr(o, "birth_date", None), getattr(o, "birth_year", None))
        for key, o in objects.items()
    }


COMPUTED: dict[str, Callable[[Session, dict[str, Any]], dict[str, str]]] = {
    "members": _members,
    "households": _households,
    "group_size": _group_size,
    "team_size": _team_size,
    "leader": _leader,
    "class": _class,
    "birth": _birth,
}


_COMPUTED_SOURCES = {
    "members": {"person"},
    "households": {"household"},
    "group_size": {"group_member"},
    "leader": {"group_member", "person"},
    "team_size": {"team_member"},
    "class": {"case_classification"},
    "birth": set(),
}


def dependencies(type_name: str) -> frozenset[str]:
    """Record types whose changes alter this list's rows: itself and what its columns read."""
    found = {type_name}
    for column in LISTS.get(type_name, ()):
        if column.path.startswith("@"):
            found |= _COMPUTED_SOURCES[column.path[1:]]
            continue
        current = type_name
        for hop in column.path.split(".")[:-1]:
            current = record_type(current).field(hop).ref or current
            found.add(current)
    return frozenset(found)
