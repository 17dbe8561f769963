"""The register pages: households and residents, groups and teams, cases, meetings, minutes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from ui.pages.base import ListsPage


class HouseholdsPage(ListsPage):
    name = "households"
    title = "Hộ gia đình và nhân khẩu"
    icon_name = "house"
    lists = (("household", "Hộ gia đình"), ("person", "Nhân khẩu"))


class GroupsPage(ListsPage):
    name = "groups"
    title = "Tổ tự quản và Tổ bảo vệ ANTT ở cơ sở"
    icon_name = "users"
    lists = (("household_group", "Tổ tự quản"), ("security_team", "Tổ bảo vệ ANTT"))


class CasesPage(ListsPage):
    name = "cases"
    title = "Quản lý, giúp đỡ người chấp hành xong án phạt tù"
    icon_name = "user-round-check"
    lists = (("reintegration_case", "Hồ sơ tái hòa nhập"),)


class MeetingsPage(ListsPage):
    name = "meetings"
    title = "Cuộc họp và biên bản"
    icon_name = "calendar-days"
    lists = (("meeting", "Cuộc họp"),)


class ReportsPage(ListsPage):
    """The register of signed minutes; periodic statistics join it with the reports issue."""

    name = "reports"
    title = "Báo cáo và sổ biên bản"
    icon_name = "file-bar-chart"
    lists = (("meeting", "Sổ biên bản đã khóa"),)
    filters: ClassVar[Mapping[str, Mapping[str, str]]] = {"meeting": {"status": "closed"}}
