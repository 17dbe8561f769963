"""The register pages: households and residents, groups and teams, cases, meetings, minutes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop_app.i18n import tr
from ui.context import AppContext
from ui.duplicates_dialog import open_duplicates
from ui.forms.ref_picker import RefFilter
from ui.import_wizard import export_households_as, open_import_wizard
from ui.pages.base import ListsPage
from ui.printing import print_record, show_status
from ui.signals import app_signals


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
        self.tools = RegisterTools(self)
        if self.tabs is not None:  # beside the tabs: the tools concern both lists
            self.tabs.setCornerWidget(self.tools, Qt.Corner.TopRightCorner)
        self.retranslate_ui()

    def import_spreadsheet(self) -> bool:
        """Nhập từ Excel (the button, or the window's Ctrl+I); False for those who may not."""
        return open_import_wizard(self, self.ctx) is not None

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "tools"):  # the base class translates before the tools exist
            self.tools.retranslate_ui()


class RegisterTools(QWidget):
    """Nhập từ Excel…, Xuất Excel…, Kiểm tra trùng…; viewers see only the export."""

    def __init__(self, page: HouseholdsPage) -> None:
        super().__init__()
        self.ctx = page.ctx
        self.import_button = self._button(page.import_spreadsheet)
        self.export_button = self._button(lambda: export_households_as(page, page.ctx))
        self.duplicates_button = self._button(lambda: open_duplicates(page, page.ctx))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 3)
        for button in (self.import_button, self.export_button, self.duplicates_button):
            row.addWidget(button)
        app_signals().screen_unlocked.connect(self.update_access)  # maybe another officer
        self.update_access()

    def update_access(self) -> None:
        self.import_button.setVisible(self.ctx.actor.can_write)
        self.duplicates_button.setVisible(self.ctx.actor.can_write)

    def retranslate_ui(self) -> None:
        self.import_button.setText(tr("Nhập từ Excel…"))
        self.import_button.setToolTip(tr("Nhập danh sách hộ, nhân khẩu từ bảng tính (Ctrl+I)"))
        self.export_button.setText(tr("Xuất Excel…"))
        self.export_button.setToolTip(tr("Xuất mọi hộ và nhân khẩu ra bảng tính .xlsx"))
        self.duplicates_button.setText(tr("Kiểm tra trùng…"))
        self.duplicates_button.setToolTip(tr("Tìm nhân khẩu bị nhập hai lần và gộp lại"))

    def _button(self, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton()
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button


class GroupsPage(ListsPage):
    name = "groups"
    title = "Tổ tự quản và Tổ bảo vệ ANTT ở cơ sở"
    icon_name = "users"
    lists = (("household_group", "Tổ tự quản"), ("security_team", "Tổ bảo vệ ANTT"))
    editable = frozenset({"household_group", "security_team"})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.print_buttons = [
            record_list.add_tool(self.print_current, "printer", needs_row=True)
            for record_list in self.record_lists
        ]
        self.retranslate_ui()

    def print_current(self) -> bool:
        """In danh sách… (and Ctrl+P): the selected group's roster or team's list, as a PDF."""
        record_list = self.current_list()
        record_id = record_list.selected_id()
        if record_id is None:
            show_status(self, tr("Chọn một tổ trong danh sách để in."))
        else:
            print_record(self, self.ctx, record_list.record_type, record_id)
        return True

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        for button in getattr(self, "print_buttons", ()):
            button.setText(tr("In danh sách…"))
            button.setToolTip(tr("In danh sách của tổ đang chọn ra tệp PDF (Ctrl+P)"))


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
