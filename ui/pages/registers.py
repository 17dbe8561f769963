"""The register pages: households and residents, groups and teams, cases, meetings, minutes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import listing
from desktop_app.changes import Changes
from desktop_app.formatting import format_date
from desktop_app.i18n import tr
from desktop_app.records.labels import choice_label
from desktop_app.services import meetings
from ui.context import AppContext
from ui.duplicates_dialog import open_duplicates
from ui.forms import form_for
from ui.forms.case_quick import ClassForm, ContactForm, TransferDialog, current_class
from ui.forms.guards import alive
from ui.forms.meeting_form import MeetingForm
from ui.forms.record_form import RecordForm
from ui.forms.ref_picker import RefFilter, title_of
from ui.import_wizard import export_households_as, open_import_wizard
from ui.ops import QueryOp
from ui.pages.base import ListsPage, Page
from ui.print_preview import preview_minutes
from ui.printing import print_case, print_record, show_status
from ui.record_list import RecordList
from ui.signals import app_signals
from ui.stats_dialogs import ReportPanel


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
    """The cases, with what an officer does to one most days: Ghi tiếp xúc (Ctrl+T), Đổi phân
    loại (Ctrl+L), Chuyển hồ sơ…, In phiếu… (Ctrl+P: the officer's sheet; a viewer's Ctrl+P
    prints the helper's sheet, the only one they may print)."""

    name = "cases"
    title = "Quản lý, giúp đỡ người chấp hành xong án phạt tù"
    icon_name = "user-round-check"
    lists = (("reintegration_case", "Hồ sơ tái hòa nhập"),)
    editable = frozenset({"reintegration_case"})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.cases = self.record_lists[0]
        self.dialog: QDialog | None = None  # the last quick dialog opened
        self._keep: str | None = None  # the case chosen, chosen again after a refresh
        add = self.cases.add_tool
        self.contact_button = add(self.record_contact, "check", needs_row=True)
        self.class_button = add(self.change_class, "refresh-cw", needs_row=True)
        self.transfer_button = add(self.transfer, "chevron-right", needs_row=True)
        self.print_button = add(lambda: None, "printer", needs_row=True)
        self.print_menu = QMenu(self.print_button)
        self.officer_sheet = self.print_menu.addAction("")
        self.officer_sheet.triggered.connect(lambda: self.print_sheet(helper=False))
        self.helper_sheet = self.print_menu.addAction("")
        self.helper_sheet.triggered.connect(lambda: self.print_sheet(helper=True))
        self.print_button.setMenu(self.print_menu)
        for keys, slot in (("Ctrl+T", self.record_contact), ("Ctrl+L", self.change_class)):
            QShortcut(QKeySequence(keys), self, slot).setContext(Qt.ShortcutContext.WindowShortcut)
        self.cases.table.selectionModel().selectionChanged.connect(self._remember)
        self.cases.model.modelReset.connect(self._reselect)
        app_signals().screen_unlocked.connect(self.update_access)  # maybe another officer
        self.update_access()
        self.retranslate_ui()

    def update_access(self) -> None:
        """Viewers: no write action at all, and only the helper's sheet to print."""
        for button in (self.contact_button, self.class_button, self.transfer_button):
            button.setVisible(self.ctx.actor.can_write)
        self.officer_sheet.setVisible(self.ctx.actor.sees_case_details)

    def record_contact(self) -> None:
        """Ghi tiếp xúc (Ctrl+T): today, a home visit, by this officer; type what was said."""
        case_id = self._chosen()
        if case_id is not None and self.ctx.actor.can_write:
            title = self._title(case_id)
            self._open(ContactForm(self.ctx, case_id, case_title=title, parent=self.window()))

    def change_class(self) -> None:
        """Đổi phân loại (Ctrl+L): A/B/C/D with the current class chosen, and the reason."""
        case_id = self._chosen()
        if case_id is None or not self.ctx.actor.can_write:
            return
        ctx, title = self.ctx, self._title(case_id)

        def open_form(level: str | None) -> None:
            form = ClassForm(ctx, case_id, current=level, case_title=title, parent=self.window())
            self._open(form)

        QueryOp(self, lambda: current_class(ctx, case_id)).success(alive(self, open_form)).run()

    def transfer(self) -> None:
        """Chuyển hồ sơ…: hand the case to the commune the person moved to."""
        case_id = self._chosen()
        if case_id is not None and self.ctx.actor.can_write:
            self._open(TransferDialog(self.ctx, case_id, self._title(case_id), self.window()))

    def print_sheet(self, *, helper: bool) -> None:
        case_id = self._chosen()
        if case_id is not None:
            print_case(self, self.ctx, case_id, helper=helper)

    def print_current(self) -> bool:
        """Ctrl+P: the officer's sheet of the chosen case (the helper's sheet for a viewer)."""
        if self.cases.selected_id() is None:
            show_status(self, tr("Chọn một hồ sơ trong danh sách để in."))
        else:
            self.print_sheet(helper=not self.ctx.actor.sees_case_details)
        return True

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not hasattr(self, "print_menu"):  # the base class translates before the tools exist
            return
        self.contact_button.setText(tr("Ghi tiếp xúc"))
        self.contact_button.setToolTip(tr("Ghi một lần tiếp xúc, làm việc hôm nay (Ctrl+T)"))
        self.class_button.setText(tr("Đổi phân loại"))
        self.class_button.setToolTip(tr("Phân loại lại A, B, C, D, có lý do (Ctrl+L)"))
        self.transfer_button.setText(tr("Chuyển hồ sơ…"))
        self.transfer_button.setToolTip(tr("Chuyển hồ sơ cho xã, phường nơi người này đến ở"))
        self.print_button.setText(tr("In phiếu…"))
        self.print_button.setToolTip(tr("In phiếu của hồ sơ đang chọn ra tệp PDF (Ctrl+P)"))
        self.officer_sheet.setText(tr("Phiếu theo dõi (cán bộ)…"))
        self.helper_sheet.setText(tr("Phiếu cho người giúp đỡ…"))

    def _chosen(self) -> str | None:
        case_id = self.cases.selected_id()
        if case_id is None:
            show_status(self, tr("Chọn một hồ sơ trong danh sách trước."))
        return case_id

    def _title(self, case_id: str) -> str:
        model = self.cases.model
        row = model.row_of(case_id)
        cells = [str(model.data(model.index(row, c)) or "") for c in range(model.columnCount())]
        columns = listing.columns("reintegration_case", self.ctx.actor)
        return title_of("reintegration_case", columns, cells) or case_id

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        dialog.open()

    def _remember(self) -> None:
        chosen = self.cases.selected_id()
        if chosen is not None:
            self._keep = chosen

    def _reselect(self) -> None:
        """A saved contact or class reloads the list: the same case stays chosen."""
        row = self.cases.model.row_of(self._keep) if self._keep else -1
        if row >= 0:
            self.cases.table.selectRow(row)


class OpenOpinions(QWidget):
    """The opinions still waiting for an answer or referred up, across meetings, by deadline;
    those past their deadline in red. Enter or a double-click opens the opinion's meeting."""

    OVERDUE = QColor("#b03a2e")

    def __init__(self, ctx: AppContext, open_meeting: Callable[[str, str], object]) -> None:
        super().__init__()
        self.ctx = ctx
        self.open_meeting = open_meeting
        self.rows: list[meetings.OpenOpinion] = []
        self.summary = QLabel()
        self.table = QTableWidget(0, 6)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda index: self._open(index.row()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def load(self) -> None:
        ctx = self.ctx
        QueryOp(self, lambda: meetings.open_opinions(ctx.db, ctx.actor)).success(
            alive(self, self._show)
        ).run()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("opinion", "meeting"):
            self.load()

    def selected(self) -> meetings.OpenOpinion | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def retranslate_ui(self) -> None:
        headers = (
            tr("Hạn giải quyết"),
            tr("Người phát biểu"),
            tr("Nội dung"),
            tr("Trạng thái"),
            tr("Người chịu trách nhiệm"),
            tr("Cuộc họp"),
        )
        self.table.setHorizontalHeaderLabels(list(headers))
        self._show(self.rows)

    def _show(self, rows: list[meetings.OpenOpinion]) -> None:
        self.rows = list(rows)
        today = date.today()
        late = sum(1 for r in self.rows if r.deadline is not None and r.deadline < today)
        self.summary.setText(
            tr("{n} ý kiến chưa giải quyết, {late} ý kiến quá hạn.", n=len(self.rows), late=late)
        )
        self.table.setRowCount(len(self.rows))
        for line, row in enumerate(self.rows):
            overdue = row.deadline is not None and row.deadline < today
            meeting = " · ".join(
                p for p in (format_date(row.meeting_date), row.meeting_subject) if p
            )
            cells = (
                format_date(row.deadline),
                row.speaker,
                row.content,
                tr(choice_label(row.status, "opinion", "status")),
                row.responsible or "",
                meeting,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the content and the meeting are cut in the column
                if overdue:
                    item.setForeground(self.OVERDUE)
                    item.setToolTip(f"{text}\n{tr('Quá hạn giải quyết')}" if text else "")
                self.table.setItem(line, column, item)
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 12, 320))

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.open_meeting(self.rows[row].meeting_id, self.rows[row].id)


class MeetingsPage(ListsPage):
    """Meetings and their minutes: Thêm / Sửa open the meeting form, In biên bản… (Ctrl+P) the
    print preview; a second tab lists the opinions still waiting for an answer."""

    name = "meetings"
    title = "Cuộc họp và biên bản"
    icon_name = "calendar-days"
    lists = (("meeting", "Cuộc họp"),)
    editable = frozenset({"meeting"})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.meetings = self.record_lists[0]
        self.form: RecordForm | None = None  # the last meeting opened from the opinions
        self.print_button = self.meetings.add_tool(self.print_current, "printer", needs_row=True)
        self.opinions = OpenOpinions(ctx, self.open_opinion)
        self.body.removeWidget(self.meetings)  # the list and the opinions become two tabs
        self.tabs = QTabWidget()
        self.tabs.addTab(self.meetings, "")
        self.tabs.addTab(self.opinions, "")
        self.body.addWidget(self.tabs, 1)
        self.retranslate_ui()

    def load(self) -> None:
        super().load()
        self.opinions.load()

    def on_changes(self, changes: Changes) -> None:
        super().on_changes(changes)
        self.opinions.on_changes(changes)

    def print_current(self) -> bool:
        """In biên bản… (Ctrl+P): the preview of the chosen meeting's minutes."""
        if self.tabs is not None and self.tabs.currentWidget() is self.opinions:
            opinion = self.opinions.selected()  # the meeting where it was raised
            meeting_id = opinion.meeting_id if opinion is not None else None
        else:
            meeting_id = self.meetings.selected_id()
        if meeting_id is None:
            show_status(self, tr("Chọn một cuộc họp trong danh sách để in biên bản."))
        else:
            preview_minutes(self, self.ctx, meeting_id)
        return True

    def open_opinion(self, meeting_id: str, opinion_id: str) -> None:
        """The opinion's meeting, on its Ý kiến tab (for viewers: the meeting's detail)."""
        if not self.ctx.actor.can_write:
            if self.tabs is not None:
                self.tabs.setCurrentWidget(self.meetings)
            self.meetings.detail.show_record("meeting", meeting_id)
            return
        form = form_for(self.ctx, "meeting", meeting_id, self.window())
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.setWindowModality(Qt.WindowModality.WindowModal)
        self.form = form
        form.open()
        if isinstance(form, MeetingForm):
            form.reveal_opinion(opinion_id)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not hasattr(self, "opinions"):  # the base class translates before the tab exists
            return
        assert self.tabs is not None
        self.tabs.setTabText(1, tr("Ý kiến chưa giải quyết"))
        self.opinions.retranslate_ui()
        self.print_button.setText(tr("In biên bản…"))
        self.print_button.setToolTip(tr("Xem trước và in biên bản của cuộc họp đang chọn (Ctrl+P)"))


class ReportsPage(ListsPage):
    """Báo cáo định kỳ (the periodic report, as PDF or Excel, and at a hub who has reported)
    and, on a second tab, the register of signed minutes."""

    name = "reports"
    title = "Báo cáo và sổ biên bản"
    icon_name = "file-bar-chart"
    lists = (("meeting", "Sổ biên bản đã khóa"),)
    filters: ClassVar[Mapping[str, Mapping[str, str]]] = {"meeting": {"status": "closed"}}

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.minutes = self.record_lists[0]
        self.panel = ReportPanel(ctx, self.open_record)
        self.body.removeWidget(self.minutes)  # the report first, the register on a second tab
        self.tabs = QTabWidget()
        self.tabs.addTab(self.panel, "")
        self.tabs.addTab(self.minutes, "")
        self.body.addWidget(self.tabs, 1)
        self.retranslate_ui()

    def load(self) -> None:
        super().load()
        self.panel.load()

    def on_changes(self, changes: Changes) -> None:
        super().on_changes(changes)
        self.panel.on_changes()

    def open_record(self, record_type: str, record_id: str) -> None:
        """Through the main window, which knows the page of each record type."""
        opener = getattr(self.window(), "open_record", None)
        if callable(opener):
            opener(record_type, record_id)

    def current_list(self) -> RecordList:
        return self.minutes

    def focus_search(self) -> None:
        assert self.tabs is not None
        self.tabs.setCurrentWidget(self.minutes)
        self.minutes.focus_search()

    def new_record(self) -> bool:
        return False

    def show_record(self, record_type: str, record_id: str) -> bool:
        assert self.tabs is not None
        self.tabs.setCurrentWidget(self.minutes)
        self.minutes.detail.show_record(record_type, record_id)
        return True

    def retranslate_ui(self) -> None:
        if not hasattr(self, "panel"):  # the base class translates before the tabs exist
            super().retranslate_ui()
            return
        Page.retranslate_ui(self)
        assert self.tabs is not None
        self.tabs.setTabText(0, tr("Báo cáo định kỳ"))
        self.tabs.setTabText(1, tr(self.lists[0][1]))
        self.minutes.retranslate_ui()
        self.panel.retranslate_ui()
