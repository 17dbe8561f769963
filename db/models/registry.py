"""The register: areas (thôn / tổ dân phố), households and residents."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Mapped

from db import columns as c
from db.base import Synced


class Area(Synced):
    """A thôn, tổ dân phố, ấp, bản… of the commune: local data each post enters."""

    __tablename__ = "area"

    name: Mapped[str | None] = c.text(120, required=True, search=True)
    kind: Mapped[str | None] = c.vocab("area_kind", required=True)
    code: Mapped[str | None] = c.text(20)
    note: Mapped[str | None] = c.text(None)
    sort_key: Mapped[str | None] = c.derived(index=True)


class Household(Synced):
    """A hộ gia đình: its head, address and area; members are persons pointing here."""

    __tablename__ = "household"
    # Lists page through (sort_key, id) without touching rows, and count live ones from the
    # small (merged_into, deleted) index: a province's lists open at once (docs/performance.md).
    __indexes__ = (("sort_key", "id", "deleted", "merged_into"), ("merged_into", "deleted"))

    number: Mapped[str | None] = c.text(30, search=True)
    head_person_id: Mapped[str | None] = c.ref("person")
    address: Mapped[str | None] = c.text(300, required=True, search=True)
    area_id: Mapped[str | None] = c.ref("area", required=True)
    phone: Mapped[str | None] = c.text(20, kind="phone", search=True)
    note: Mapped[str | None] = c.text(None)
    merged_into: Mapped[str | None] = c.ref("household", index=False)
    sort_key: Mapped[str | None] = c.derived()


class Person(Synced):
    """A resident. Số định danh is indexed but not unique: replicas create people offline."""

    __tablename__ = "person"
    # The list index carries the folded name too: a search scanning the list in order turns
    # most residents down from the index alone (desktop_app/searching.py).
    __indexes__ = (
        ("sort_key", "id", "deleted", "merged_into", "name_fold"),
        ("merged_into", "deleted"),
    )

    full_name: Mapped[str | None] = c.text(120, required=True, search=True)
    # Set when the given name is not the last word (e.g. "Y Bih Niê"): drives sorting.
    given_name: Mapped[str | None] = c.text(60)
    birth_date: Mapped[date | None] = c.day()
    birth_year: Mapped[int | None] = c.integer(minimum=1900)
    sex: Mapped[str | None] = c.choice("nam", "nu", "khac")
    id_number: Mapped[str | None] = c.text(12, kind="id_number", search=True, index=True)
    phone: Mapped[str | None] = c.text(20, kind="phone", search=True)
    household_id: Mapped[str | None] = c.ref("household")
    relation_to_head: Mapped[str | None] = c.vocab("relation")
    ethnicity: Mapped[str | None] = c.text(40)
    religion: Mapped[str | None] = c.text(40)
    occupation: Mapped[str | None] = c.text(120)
    hometown: Mapped[str | None] = c.text(300)
    address: Mapped[str | None] = c.text(300)
    note: Mapped[str | None] = c.text(None)
    # Whether the person still lives here: the register keeps people who died or moved away.
    residence_status: Mapped[str | None] = c.choice(
        "present", "temporarily_absent", "moved_out", "deceased", default="present"
    )
    status_changed_on: Mapped[date | None] = c.day()
    merged_into: Mapped[str | None] = c.ref("person", index=False)
    name_fold: Mapped[str | None] = c.derived(index=True)
    sort_key: Mapped[str | None] = c.derived()
