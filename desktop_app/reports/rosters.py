"""Rosters on paper: the households of a self-management group, the members of a security team.

Pure writers: frozen data in, a Decree 30 PDF out (`write_group_roster`, `write_team_list`),
no database. The services in desktop_app/services/rosters.py gather the data. The text of
the document is Vietnamese whatever the UI language: it is an official paper.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop_app.reports.decree30 import (
    Column,
    Letterhead,
    ProgressCallback,
    Signature,
    build,
    closing,
    letterhead,
    markup,
    register_table,
    rich,
    styles,
    title_block,
)

GROUP_TITLE = "DANH SÁCH HỘ GIA ĐÌNH"
TEAM_TITLE = "DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ"

GROUP_COLUMNS = (
    Column("STT", 12, "CENTER"),
    Column("Họ và tên chủ hộ", 37),
    Column("Năm sinh", 15, "CENTER"),
    Column("Địa chỉ", 40),
    Column("Số nhân khẩu", 16, "CENTER"),
    Column("Số điện thoại", 25, "CENTER"),
    Column("Ghi chú", 20),
)
TEAM_COLUMNS = (
    Column("STT", 12, "CENTER"),
    Column("Họ và tên", 34),
    Column("Năm sinh", 15, "CENTER"),
    Column("Chức danh", 20, "CENTER"),
    Column("Nguồn", 26),
    Column("Nơi cư trú", 34),
    Column("Số điện thoại", 24, "CENTER"),
)
TEAM_ROLES = {"to_truong": "Tổ trưởng", "to_pho": "Tổ phó", "to_vien": "Tổ viên"}


@dataclass(frozen=True)
class RosterHousehold:
    """One row of a group roster: a member household as its head represents it."""

    head_name: str
    birth_year: str
    address: str
    members: int  # nhân khẩu still living in the household
    phone: str = ""
    note: str = ""


@dataclass(frozen=True)
class GroupRoster:
    letterhead: Letterhead
    group_name: str  # "Tổ liên gia tự quản số 3, Thôn Đồng Tâm"
    group_type: str  # the type's label, "Tổ liên gia an toàn tự quản về ANTT"
    leader: str
    deputies: tuple[str, ...]
    households: tuple[RosterHousehold, ...]  # in the order printed
    recipients: tuple[str, ...] = ()  # "Nơi nhận" items; none printed when empty

    @property
    def people(self) -> int:
        return sum(h.members for h in self.households)


@dataclass(frozen=True)
class TeamMemberRow:
    full_name: str
    birth_year: str
    role: str  # to_truong, to_pho or to_vien
    source: str  # label: "Kiện toàn từ Bảo vệ dân phố"…
    residence: str
    phone: str = ""


@dataclass(frozen=True)
class TeamList:
    letterhead: Letterhead
    team_name: str
    decision_no: str
    decision_date: date | None
    decided_by: str  # "Chủ tịch UBND phường Hồng Hà"
    areas: tuple[str, ...]
    members: tuple[TeamMemberRow, ...]  # in the order printed
    signer_title: tuple[str, ...]  # ("TRƯỞNG CÔNG AN PHƯỜNG HỒNG HÀ",)
    signer_name: str  # "" leaves the name to be written by hand
    recipients: tuple[str, ...] = ()


def write_group_roster(
    data: GroupRoster, path: Path | str, progress: ProgressCallback | None = None
) -> None:
    """The roster of a household group: header, leaders, one row per household, totals."""
    rows = [
        (
            str(i),
            h.head_name,
            h.birth_year,
            h.address,
            str(h.members),
            h.phone,
            h.note,
        )
        for i, h in enumerate(data.households, start=1)
    ]
    info = [("Loại tổ", data.group_type), ("Tổ trưởng", data.leader)]
    if data.deputies:
        info.append(("Tổ phó", ", ".join(data.deputies)))
    total = f"Tổng số: {_count(len(data.households))} hộ, {_count(data.people)} nhân khẩu"
    story = [
        *letterhead(data.letterhead),
        *title_block(GROUP_TITLE, data.group_name),
        *_labelled(info),
        register_table(GROUP_COLUMNS, rows, progress=progress),
        *_ending(total, closing(Signature(("TỔ TRƯỞNG",), data.leader), data.recipients)),
    ]
    build(path, story, title=f"{GROUP_TITLE} - {data.group_name}", author=data.letterhead.issuer)


def write_team_list(
    data: TeamList, path: Path | str, progress: ProgressCallback | None = None
) -> None:
    """The member list of a security team (Law 30/2023), signed by the head of the post."""
    rows = [
        (
            str(i),
            m.full_name,
            m.birth_year,
            TEAM_ROLES.get(m.role, m.role),
            m.source,
            m.residence,
            m.phone,
        )
        for i, m in enumerate(data.members, start=1)
    ]
    info = []
    if data.decision_no or data.decision_date:
        info.append(("Quyết định thành lập", _decision(data)))
    if data.areas:
        info.append(("Địa bàn hoạt động", ", ".join(data.areas)))
    signature = Signature(data.signer_title, data.signer_name)
    story = [
        *letterhead(data.letterhead),
        *title_block(TEAM_TITLE, data.team_name),
        *_labelled(info),
        register_table(TEAM_COLUMNS, rows, progress=progress),
        *_ending(_team_total(data.members), closing(signature, data.recipients)),
    ]
    build(path, story, title=f"{TEAM_TITLE} - {data.team_name}", author=data.letterhead.issuer)


def _labelled(lines: list[tuple[str, str]]) -> list[Flowable]:
    """Label lines above the table ("Tổ trưởng: Nguyễn Văn A"); a blank value prints "…"."""
    s = styles()
    story: list[Flowable] = [
        rich(f"{markup(label)}: {markup(value or '…')}", s.text) for label, value in lines
    ]
    return [*story, Spacer(1, 6)]


def _ending(total: str, signed: Flowable) -> list[Flowable]:
    # The totals line never ends up alone at the top of a page above the signature.
    return [KeepTogether([Spacer(1, 8), rich(markup(total), styles().text), signed])]


def _decision(data: TeamList) -> str:
    parts = [f"số {data.decision_no}" if data.decision_no else ""]
    if data.decision_date:
        parts.append(f"ngày {data.decision_date:%d/%m/%Y}")
    if data.decided_by:
        parts.append(f"của {data.decided_by}")
    return " ".join(p for p in parts if p)


def _team_total(members: tuple[TeamMemberRow, ...]) -> str:
    counts = Counter(m.role for m in members)
    parts = [f"{counts[role]} {label.lower()}" for role, label in TEAM_ROLES.items()]
    return f"Tổng số: {_count(len(members))} thành viên ({', '.join(parts)})"


def _count(n: int) -> str:
    """A count as Vietnamese writes it: "10.500" (a dot between thousands)."""
    return f"{n:,}".replace(",", ".")
