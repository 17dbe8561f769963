"""Household groups (tổ liên gia / tổ tự quản) and the statutory security teams (Law 30/2023)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Mapped

from db import columns as c
from db.base import Synced

TEAM_RATINGS = ("xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh")


class HouseholdGroup(Synced):
    """A voluntary self-management group of adjacent households; its type is a vocabulary term."""

    __tablename__ = "household_group"

    name: Mapped[str | None] = c.text(200, required=True, search=True)
    number: Mapped[str | None] = c.text(20, search=True)
    group_type: Mapped[str | None] = c.vocab("group_type", required=True)
    area_id: Mapped[str | None] = c.ref("area", required=True)
    officer_in_charge_id: Mapped[str | None] = c.ref("officer")
    founded_on: Mapped[date | None] = c.day()
    decision_no: Mapped[str | None] = c.text(50)
    rules_attachment_id: Mapped[str | None] = c.ref("attachment")
    meeting_schedule: Mapped[str | None] = c.text(200)
    status: Mapped[str | None] = c.choice("active", "dissolved", default="active")
    dissolved_on: Mapped[date | None] = c.day()
    note: Mapped[str | None] = c.text(None)
    sort_key: Mapped[str | None] = c.derived(index=True)


class GroupMember(Synced):
    """One household in a group, or one person leading it; history kept by join/leave dates."""

    __tablename__ = "group_member"

    group_id: Mapped[str | None] = c.ref("household_group", required=True)
    role: Mapped[str | None] = c.choice("leader", "deputy", "member", required=True)
    household_id: Mapped[str | None] = c.ref("household")
    person_id: Mapped[str | None] = c.ref("person")
    joined_on: Mapped[date | None] = c.day()
    left_on: Mapped[date | None] = c.day()
    note: Mapped[str | None] = c.text(200)


class GroupRating(Synced):
    """The yearly rating of a household group."""

    __tablename__ = "group_rating"

    group_id: Mapped[str | None] = c.ref("household_group", required=True)
    year: Mapped[int | None] = c.integer(required=True, minimum=2000)
    rating: Mapped[str | None] = c.vocab("group_rating", required=True)
    note: Mapped[str | None] = c.text(None)


class SecurityTeam(Synced):
    """Tổ bảo vệ ANTT ở cơ sở, founded by decision of the commune chairman."""

    __tablename__ = "security_team"

    name: Mapped[str | None] = c.text(200, required=True, search=True)
    decision_no: Mapped[str | None] = c.text(50)
    decision_date: Mapped[date | None] = c.day()
    decided_by: Mapped[str | None] = c.text(120)
    status: Mapped[str | None] = c.choice("active", "dissolved", default="active")
    dissolution_decision_no: Mapped[str | None] = c.text(50)
    dissolved_on: Mapped[date | None] = c.day()
    note: Mapped[str | None] = c.text(None)
    sort_key: Mapped[str | None] = c.derived(index=True)


class TeamArea(Synced):
    """An area (thôn / tổ dân phố) that a security team covers."""

    __tablename__ = "team_area"

    team_id: Mapped[str | None] = c.ref("security_team", required=True)
    area_id: Mapped[str | None] = c.ref("area", required=True)


class TeamMember(Synced):
    """Tổ trưởng, tổ phó or tổ viên of a security team, with where the member came from."""

    __tablename__ = "team_member"

    team_id: Mapped[str | None] = c.ref("security_team", required=True)
    person_id: Mapped[str | None] = c.ref("person", required=True)
    role: Mapped[str | None] = c.choice("to_truong", "to_pho", "to_vien", required=True)
    source: Mapped[str | None] = c.choice(
        "bao_ve_dan_pho", "cax_ban_chuyen_trach", "dan_phong", "tuyen_moi"
    )
    recognition_decision_no: Mapped[str | None] = c.text(50)
    recognition_date: Mapped[date | None] = c.day()
    joined_on: Mapped[date | None] = c.day()
    left_on: Mapped[date | None] = c.day()
    end_reason: Mapped[str | None] = c.text(200)


class TeamRating(Synced):
    """Yearly rating of a team, or of one member when `member_id` is set.

    `period_year` Y is the movement year 15/11/(Y-1) – 14/11/Y (Hướng dẫn 01/HD-BCA-V05).
    """

    __tablename__ = "team_rating"

    team_id: Mapped[str | None] = c.ref("security_team", required=True)
    member_id: Mapped[str | None] = c.ref("team_member")
    period_year: Mapped[int | None] = c.integer(required=True, minimum=2000)
    level: Mapped[str | None] = c.choice(*TEAM_RATINGS, required=True)
    note: Mapped[str | None] = c.text(None)
