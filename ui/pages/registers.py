"""The register pages: households and residents, groups and teams, cases, meetings, minutes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from ui.context import AppContext
from ui.forms.ref_picker import RefFilter
from ui.pages.base import ListsPage


class HouseholdsPage(ListsPage):
    name = "households"
    title = "Hộ gia đình và nhân khẩu"
    icon_name = "house"
    lists = (("household", "Hộ gia đình"), ("person", "Nhân khẩu"))
    editable = frozenset({"household", "person"})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        # Both lists narrow by area and by group (people through their household).
        for record_list in self.record_lists:
            record_list.add_filter(RefFilter(ctx, "area_id", "area"))
            record_list.add_filter(RefFilter(ctx, "group_id", "household_group"))


class GroupsPage(ListsPage):
    name = "groups"
    title = "Tổ tự quản và Tổ bảo vệ ANTT ở cơ sở"
    icon_name = "users"
    lists = (("household_group", "Tổ tự quản"), ("security_team", "Tổ bảo vệ ANTT"))
    editable = frozenset({"household_group", "security_team"})


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
