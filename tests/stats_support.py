"""Shared by the statistics tests: a commune's quarter built through the services, and the
PDF's text read back (the figures it should give are counted in tests/stats_expected.py)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from desktop_app.services import records

Q1_START, Q1_END = date(2026, 1, 1), date(2026, 3, 31)
TODAY = date(2026, 4, 20)  # the report is made after the quarter
HONG_HA, BA_DINH, HANOI = "00097", "00004", "01"


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def given(text: str) -> date:
    """A date the test always gave."""
    return date.fromisoformat(text)


@dataclass
class World:
    """The records a test created through the services, as it created them."""

    db: Any
    actor: Any
    unit_code: str | None = None
    rows: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def put(self, type_name: str, **values: Any) -> str:
        if self.unit_code:
            values["unit_code"] = self.unit_code
        record_id = records.put(self.db, self.actor, type_name, values).record.id
        self.rows.setdefault(type_name, {})[record_id] = {**values, "deleted": False}
        return record_id

    def update(self, type_name: str, record_id: str, **values: Any) -> None:
        records.put(self.db, self.actor, type_name, {"id": record_id, **values})
        self.rows[type_name][record_id].update(values)

    def delete(self, type_name: str, record_id: str) -> None:
        records.delete(self.db, self.actor, type_name, record_id)
        self.rows[type_name][record_id]["deleted"] = True

    def live(self, type_name: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.rows.get(type_name, {}).items() if not v["deleted"]}


def build_commune(w: World, tag: str = "") -> dict[str, str]:
    """A commune's quarter: register, groups, teams, cases, meetings and opinions, with the
    awkward cases (deleted rows, leavers, a dissolved group, drafts, late answers)."""
    ids: dict[str, str] = {}
    east = w.put("area", name=f"Đồng Tâm{tag}", kind="thon")
    south = w.put("area", name=f"Tổ dân phố 2{tag}", kind="to_dan_pho")
    w.put("area", name=f"Thôn Mới{tag}", kind="thon")  # no households yet
    gone_area = w.put("area", name=f"Thôn Cũ{tag}", kind="thon")
    homes = [w.put("household", address=f"Số {i}{tag}", area_id=east) for i in range(1, 6)]
    homes += [w.put("household", address=f"Số {i}{tag}", area_id=south) for i in range(6, 9)]
    w.delete("area", gone_area)
    groups = {
        "g1": w.put(
            "household_group",
            name="Tổ 1",
            group_type="to_lien_gia",
            area_id=east,
            founded_on="2026-02-10",
        ),
        "g2": w.put(
            "household_group",
            name="Tổ 2",
            group_type="to_tu_quan",
            area_id=south,
            founded_on="2025-05-01",
        ),
        "g3": w.put(
            "household_group",
            name="Tổ 3",
            group_type="to_tu_quan",
            area_id=east,
            founded_on="2026-03-01",
        ),
        "g4": w.put(
            "household_group",
            name="Tổ 4",
            group_type="to_tu_quan",
            area_id=east,
            founded_on="2024-03-01",
            status="dissolved",
            dissolved_on="2026-01-20",
        ),
        "g5": w.put(
            "household_group",
            name="Tổ 5",
            group_type="to_tu_quan",
            area_id=south,
            founded_on="2026-04-10",
        ),  # after the quarter
    }
    member = [
        (homes[0], "g1", "2026-02-10", None),  # covered
        (homes[1], "g1", "2026-04-05", None),  # joined after the quarter
        (homes[2], "g2", "2025-05-01", "2026-03-01"),  # left during it
        (homes[3], "g4", "2024-03-01", None),  # its group was dissolved
        (homes[4], "g1", "2026-02-10", None),  # a deleted household
        (homes[5], "g2", "2025-05-01", None),  # covered
        (homes[6], "g2", None, None),  # covered, no dates
        (homes[7], "g3", "2026-03-01", None),  # its group was deleted
        (homes[0], "g2", "2025-06-01", None),  # covered twice: counts once
    ]
    for home, group, joined, left in member:
        w.put(
            "group_member",
            group_id=groups[group],
            role="member",
            household_id=home,
            joined_on=joined,
            left_on=left,
        )
    gone = w.put("group_member", group_id=groups["g2"], role="member", household_id=homes[7])
    w.delete("group_member", gone)
    w.delete("household", homes[4])  # tombstoned: counts nowhere
    w.delete("household_group", groups["g3"])
    w.put("group_rating", group_id=groups["g2"], year=2025, rating="tot")
    w.put("group_rating", group_id=groups["g1"], year=2026, rating="xuat_sac")
    teams = {
        "t1": w.put("security_team", name="Tổ BV 1", decision_date="2026-03-01"),
        "t2": w.put("security_team", name="Tổ BV 2", decision_date="2024-06-01"),
        "t3": w.put(
            "security_team",
            name="Tổ BV 3",
            decision_date="2023-06-01",
            status="dissolved",
            dissolved_on="2025-12-31",
        ),
    }
    w.put("team_rating", team_id=teams["t2"], period_year=2025, level="hoan_thanh")
    ids.update(groups)
    ids.update(teams)
    ids.update(_cases(w, homes, tag))
    ids.update(_meetings(w, east, tag))
    return ids


def _cases(w: World, homes: list[str], tag: str) -> dict[str, str]:
    people = [
        w.put("person", full_name=f"Người {i}{tag}", birth_year=1980 + i, household_id=homes[0])
        for i in range(1, 9)
    ]

    def case(n: int, **values: Any) -> str:
        return w.put("reintegration_case", person_id=people[n - 1], release_type="served", **values)

    def classify(case_id: str, level: str, on: str) -> None:
        w.put("case_classification", case_id=case_id, level=level, decided_on=on, reason="Đánh giá")

    def contact(case_id: str, on: str) -> None:
        w.put("case_contact", case_id=case_id, contact_on=on, kind="visit", content="Đến nhà")

    c1 = case(1, release_date="2025-10-01", reported_on="2025-10-03")
    classify(c1, "B", "2025-10-05")
    for on in ("2025-11-01", "2026-01-15", "2026-03-20"):
        contact(c1, on)
    w.put(
        "case_incident",
        case_id=c1,
        occurred_on="2026-02-10",
        kind="reoffence",
        description="Trộm cắp tài sản",
    )
    w.put(
        "case_incident",
        case_id=c1,
        occurred_on="2026-02-11",
        kind="violation",
        description="Gây rối",
    )
    c2 = case(2, release_date="2026-02-01")
    classify(c2, "A", "2026-02-05")
    classify(c2, "C", "2026-03-10")
    contact(c2, "2026-02-20")
    c3 = case(
        3,
        release_date="2025-01-01",
        status="closed",
        closure_reason="expunged",
        closed_on="2026-03-15",
    )
    c4 = case(4, release_date="2026-01-10")
    w.delete("reintegration_case", c4)
    c5 = case(
        5,
        release_date="2025-06-01",
        status="closed",
        closure_reason="moved",
        closed_on="2025-12-01",
    )
    w.put(
        "case_incident",
        case_id=c5,
        occurred_on="2026-01-05",
        kind="reoffence",
        description="Sau khi đã chuyển đi",
    )  # not under management any more
    c6 = case(6, release_date="2025-09-01")
    classify(c6, "D", "2025-09-01")
    c7 = case(7, release_date="2025-12-01")
    classify(c7, "D", "2025-12-01")
    classify(c7, "B", "2026-02-01")
    c8 = case(8, release_date="2026-04-02")  # after the quarter
    deleted_contact = w.put(
        "case_contact", case_id=c2, contact_on="2026-03-01", kind="phone", content="Gọi điện"
    )
    w.delete("case_contact", deleted_contact)
    return {"c1": c1, "c2": c2, "c3": c3, "c5": c5, "c6": c6, "c7": c7, "c8": c8}


def _meetings(w: World, area: str, tag: str) -> dict[str, str]:
    def meeting(kind: str, when: str, **values: Any) -> str:
        return w.put(
            "meeting",
            meeting_type=kind,
            subject=f"Họp {when}{tag}",
            starts_at=when,
            area_id=area,
            **values,
        )

    m1 = meeting("hop_dan", "2026-01-10 19:00", present_count=30, absent_count=5)
    m2 = meeting("lang_nghe", "2026-02-15 08:00")
    for name, present in (("Ông A", True), ("Bà B", True), ("Ông C", False)):
        w.put("meeting_attendee", meeting_id=m2, kind="person", name=name, present=present)
    opinions = [
        ("answered", "2026-02-20", "2026-03-01"),  # answered in time
        ("open", None, "2026-03-01"),  # overdue at the quarter's end
        ("referred", None, "2026-05-01"),  # pending, not yet due
        ("answered", "2026-04-10", "2026-03-10"),  # answered only after the quarter: overdue
        ("closed", None, None),  # answered, no date
    ]
    for i, (status, replied, deadline) in enumerate(opinions, start=1):
        w.put(
            "opinion",
            meeting_id=m2,
            position=i,
            speaker_name=f"Người nói {i}",
            content="Ý kiến",
            status=status,
            replied_on=replied,
            deadline=deadline,
        )
    m3 = meeting("hop_dan", "2026-03-01 19:00")  # still a draft: not counted
    w.put("opinion", meeting_id=m3, speaker_name="Không tính", content="Ý kiến")
    m4 = meeting("so_ket", "2026-04-02 08:00")  # after the quarter
    m5 = meeting("hop_dan", "2026-03-05 19:00")
    m6 = meeting("hop_dan", "2026-03-31 20:30", present_count=12, absent_count=0)
    w.delete("meeting", m5)
    for held in (m1, m2, m4, m6):
        w.update("meeting", held, status="held")
    w.update("meeting", m2, status="closed")
    return {"m1": m1, "m2": m2, "m3": m3, "m4": m4, "m6": m6}


# --- reading the paper back -------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert unicodedata.is_normalized("NFC", text)
    return " ".join(text.split())
