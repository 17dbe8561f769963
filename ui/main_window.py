"""The main window: sidebar of pages, the pages, a status bar, shortcuts, remembered geometry."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QProgressBar,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from desktop_app import settings
from desktop_app.changes import Changes
from desktop_app.formatting import format_time
from desktop_app.i18n import tr
from desktop_app.services.overview import StatusInfo, status
from ui.account_dialogs import AuditDialog, OfficersDialog, PasswordDialog
from ui.context import AppContext
from ui.forms.record_form import RecordForm
from ui.icons import icon
from ui.ops import QueryOp
from ui.pages.base import ListsPage, Page
from ui.pages.overview import OverviewPage
from ui.pages.registers import CasesPage, GroupsPage, HouseholdsPage, MeetingsPage, ReportsPage
from ui.pages.settings_page import SettingsPage
from ui.pages.sync import SyncPage
from ui.signals import app_signals

PAGE_OF_TYPE = {
    "household": "households",
    "person": "households",
    "area": "settings",
    "household_group": "groups",
    "security_team": "groups",
    "reintegration_case": "cases",
    "meeting": "meetings",
    "opinion": "meetings",
    "officer": "settings",
    "vocabulary_term": "settings",
}
MIN_SIZE = QSize(1366, 768)


class MainWindow(QMainWindow):
    def __init__(
        self, ctx: AppContext, switch_language: Callable[[str], None] | None = None
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.pages: list[Page] = [
            OverviewPage(ctx, self.open_record),
            HouseholdsPage(ctx),
            GroupsPage(ctx),
            CasesPage(ctx),
            MeetingsPage(ctx),
            SyncPage(ctx),
            ReportsPage(ctx),
            SettingsPage(ctx, switch_language or (lambda _code: None)),
        ]
        self._loaded: set[str] = set()
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(22, 22))
        self.stack = QStackedWidget()
        for page in self.pages:
            self.sidebar.addItem(QListWidgetItem(icon(page.icon_name, "#ecf0f1"), ""))
            self.stack.addWidget(page)
        self.sidebar.currentRowChanged.connect(self._page_chosen)
        self._build_layout()
        self._build_status_bar()
        self._build_actions()
        app_signals().changes_applied.connect(self._changes_applied)
        app_signals().busy_changed.connect(self.busy.setVisible)
        self.retranslate_ui()
        self._restore_geometry()
        self.sidebar.setCurrentRow(0)

    # --- navigation ---

    def page(self, name: str) -> Page:
        return next(p for p in self.pages if p.name == name)

    def show_page(self, name: str) -> Page:
        page = self.page(name)
        self.sidebar.setCurrentRow(self.pages.index(page))
        return page

    def open_record(self, record_type: str, record_id: str) -> None:
        """Go to the page of `record_type` and, given an id, show that record's detail."""
        target = self.show_page(PAGE_OF_TYPE.get(record_type, "overview"))
        if record_id and isinstance(target, ListsPage):
            target.show_record(record_type, record_id)

    def _page_chosen(self, row: int) -> None:
        if row < 0:
            return
        page = self.pages[row]
        self.stack.setCurrentWidget(page)
        if page.name not in self._loaded:
            self._loaded.add(page.name)
            page.load()

    # --- refresh ---

    def _changes_applied(self, changes: Changes, _initiator: object) -> None:
        for page in self.pages:
            if page.name in self._loaded:
                page.on_changes(changes)
        self.refresh_status()

    def refresh_status(self) -> None:
        ctx = self.ctx
        QueryOp(self, lambda: status(ctx.db, ctx.actor)).success(self._show_status).run()

    def _show_status(self, info: StatusInfo) -> None:
        self._status = info
        role = tr("Công an tỉnh (trung tâm)") if info.role == "hub" else tr("Công an xã")
        self.unit_label.setText(f"{info.unit_name} ({info.unit_code}) · {role}")
        self.officer_label.setText(tr("Cán bộ: {name}", name=info.officer))
        last = format_time(info.last_sync) if info.last_sync else tr("chưa đồng bộ")
        self.sync_label.setText(tr("Đồng bộ lần cuối: {when}", when=last))

    # --- building ---

    def _build_layout(self) -> None:
        self.setMinimumSize(QSize(1024, 640))
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.sidebar.setFixedWidth(230)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

    def _build_status_bar(self) -> None:
        self.unit_label, self.officer_label, self.sync_label = QLabel(), QLabel(), QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setVisible(False)
        bar = self.statusBar()
        for widget in (self.unit_label, self.officer_label, self.sync_label):
            bar.addWidget(widget)
        bar.addPermanentWidget(self.busy)
        self.account = QToolButton()
        self.account.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.account.setStyleSheet("QToolButton { padding: 2px 18px 2px 8px; }")  # room for ▾
        self.account.setMenu(QMenu(self.account))
        bar.addPermanentWidget(self.account)
        self._account_menu()
        app_signals().screen_unlocked.connect(self._account_menu)  # the role may have changed
        self.refresh_status()

    def _account_menu(self) -> None:
        """Tài khoản: the officer's own password; officers and the audit trail for the chief."""
        menu = self.account.menu()
        menu.clear()
        self.account.setText(tr("Tài khoản"))
        menu.addAction(tr("Đổi mật khẩu…"), partial(self.open_dialog, PasswordDialog))
        officers_action = menu.addAction(
            tr("Quản lý cán bộ…"), partial(self.open_dialog, OfficersDialog)
        )
        officers_action.setEnabled(self.ctx.actor.is_admin)
        menu.addAction(tr("Nhật ký thao tác…"), partial(self.open_dialog, AuditDialog))

    def open_dialog(self, kind: Callable[[AppContext, QWidget], QWidget]) -> QWidget:
        dialog = kind(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def _build_actions(self) -> None:
        def action(
            keys: QKeySequence | QKeySequence.StandardKey | str, slot: Callable[[], object]
        ) -> QAction:
            found = QAction(self)
            found.setShortcut(QKeySequence(keys))
            found.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            found.triggered.connect(slot)
            self.addAction(found)
            return found

        self.find_action = action(QKeySequence.StandardKey.Find, self._focus_search)
        self.new_action = action(QKeySequence.StandardKey.New, self._new_record)
        self.save_action = action(QKeySequence.StandardKey.Save, self._save_form)
        self.print_action = action(QKeySequence.StandardKey.Print, self.print_current)
        self.import_action = action("Ctrl+I", self.import_spreadsheet)
        for index in range(len(self.pages)):
            action(f"Ctrl+{index + 1}", partial(self.sidebar.setCurrentRow, index))

    def _focus_search(self) -> None:
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            current.focus_search()

    def _new_record(self) -> None:
        current = self.stack.currentWidget()
        if not (isinstance(current, Page) and current.new_record()):
            self._unsupported("new")

    def print_current(self) -> None:
        """Ctrl+P: the current page's print action."""
        current = self.stack.currentWidget()
        if not (isinstance(current, Page) and current.print_current()):
            self._unsupported("print")

    def import_spreadsheet(self) -> None:
        """Ctrl+I: the households page and its import wizard, for officers who may write."""
        page = self.page("households")
        if not (isinstance(page, HouseholdsPage) and self.ctx.actor.can_write):
            self._unsupported("import")
            return
        self.show_page(page.name)
        page.import_spreadsheet()

    def _save_form(self) -> None:
        """Ctrl+S reaching the window: save the form that is open, if one is."""
        forms = [w for w in QApplication.topLevelWidgets() if isinstance(w, RecordForm)]
        open_forms = [f for f in forms if f.isVisible()]
        if not open_forms:
            self._unsupported("save")
            return
        open_forms[-1].activateWindow()
        open_forms[-1].save()

    def _unsupported(self, what: str) -> None:
        messages = {
            "new": tr("Trang này chưa có biểu mẫu thêm mới."),
            "save": tr("Không có biểu mẫu nào đang mở để lưu."),
            "print": tr("Trang này chưa có mẫu in."),
            "import": tr("Chỉ cán bộ được ghi dữ liệu mới nhập được bảng tính."),
        }
        self.statusBar().showMessage(messages[what], 4000)

    # --- language, geometry ---

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("ANTQ Desk — Phong trào Toàn dân bảo vệ an ninh Tổ quốc"))
        for page in self.pages:
            page.retranslate_ui()
        self._sidebar_titles()
        if hasattr(self, "account"):
            self._account_menu()
        if getattr(self, "_status", None) is not None:
            self._show_status(self._status)

    def _sidebar_titles(self) -> None:
        short = {
            "overview": "Tổng quan",
            "households": "Hộ gia đình",
            "groups": "Tổ tự quản",
            "cases": "Tái hòa nhập",
            "meetings": "Cuộc họp",
            "sync": "Đồng bộ",
            "reports": "Báo cáo",
            "settings": "Cài đặt",
        }
        for row, page in enumerate(self.pages):
            item = self.sidebar.item(row)
            if item is not None:
                item.setText(tr(short[page.name]))

    def _restore_geometry(self) -> None:
        saved = settings.load().get("window_geometry") or ""
        if not saved or not self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
            self.resize(MIN_SIZE)

    def closeEvent(self, event: QCloseEvent) -> None:
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        settings.save("window_geometry", geometry)
        super().closeEvent(event)
