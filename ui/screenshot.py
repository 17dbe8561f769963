"""`--screenshot FILE [--page NAME | --dialog NAME]`: render the main window, or one dialog
opened over it, offscreen once its data has loaded (the pictures of README and the guide)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QListWidget, QWidget

from desktop_app.database import open_database
from desktop_app.progress import Progress
from desktop_app.services import meetings, peers, records, setup
from desktop_app.sync import exporter, keys
from ui.account_dialogs import PasswordDialog
from ui.forms.household_form import HouseholdForm
from ui.forms.meeting_form import MeetingForm
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.ops import task_manager
from ui.pages.base import ListsPage
from ui.pages.registers import CasesPage, MeetingsPage
from ui.pages.settings_page import SettingsPage
from ui.print_preview import minutes_pdf, open_preview
from ui.sync_cards import PeerCardDialog
from ui.sync_conflicts import ConflictsDialog
from ui.sync_import import ImportSummaryDialog, run_import
from ui.wizard import SetupWizard

SIZE = (1366, 768)
Opener = Callable[[MainWindow], QWidget]
NO_DIALOG: tuple[str, Opener | None] = ("", None)


class Screenshot(QObject):
    """Waits until every queued database task has finished and the window has painted; with
    a dialog, opens it over the settled window and waits again before grabbing the dialog."""

    SETTLE_MS = 300

    def __init__(
        self, window: MainWindow, path: Path, done: Callable[[int], None], dialog: str = ""
    ) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.done = done
        self.timer = QTimer(self, interval=50)
        self.timer.timeout.connect(self._check)
        self.quiet_since = 0
        self.selected = False
        self.page, self.opener = DIALOGS[dialog] if dialog else NO_DIALOG
        self.target: QWidget = window

    def start(self) -> None:
        self.window.resize(*SIZE)
        if self.page:
            self.window.show_page(self.page)
        self.timer.start()

    def _check(self) -> None:
        if task_manager().busy:
            self.quiet_since = 0
            return
        self.quiet_since += self.timer.interval()
        if self.quiet_since < self.SETTLE_MS:
            return
        self.quiet_since = 0
        if not self.selected:
            # A picture of a list reads better with one record open beside it.
            self.selected = True
            self._select_first_row()
        elif self.opener is not None:
            opener, self.opener = self.opener, None
            self.target = opener(self.window)
        else:
            self._save()

    def _save(self) -> None:
        self.timer.stop()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        saved = self.target.grab().save(str(self.path))
        self.window.hide()
        self.done(0 if saved else 1)

    def _select_first_row(self) -> None:
        page = self.window.stack.currentWidget()
        if isinstance(page, ListsPage) and page.current_list().model.rowCount():
            page.current_list().table.selectRow(0)


def shown(widget: QWidget) -> QWidget:
    widget.show()
    return widget


def temp_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="antq-shot-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def choose(widget: QListWidget, text: str) -> None:
    widget.setCurrentItem(widget.findItems(text, Qt.MatchFlag.MatchExactly)[0])


def wizard(window: MainWindow, *, commune: bool = False) -> QWidget:
    """The setup wizard on a new, empty database; on its commune page, found without accents."""
    found = SetupWizard(open_database(temp_folder() / "antq.sqlite3"), window)
    found.show()  # a wizard starts on its first page when shown
    if commune:
        found.next()
        unit = found.unit_page
        unit.province_search.setText("ha tinh")
        choose(unit.province_list, "Tỉnh Hà Tĩnh")
        unit.commune_search.setText("thanh sen")
        choose(unit.commune_list, "Phường Thành Sen")
    return found


def first_id(window: MainWindow, type_name: str, **filters: str) -> str:
    ctx = window.ctx
    return records.list_records(ctx.db, ctx.actor, type_name, filters=filters, limit=1)[0].id


def contact_form(window: MainWindow) -> QWidget:
    page = window.page("cases")
    assert isinstance(page, CasesPage)
    page.record_contact()
    assert page.dialog is not None
    return page.dialog


def meeting_opinions(window: MainWindow) -> QWidget:
    """A meeting whose opinions wait for an answer, open on its Ý kiến tab."""
    page = window.page("meetings")
    assert isinstance(page, MeetingsPage)
    opinion = meetings.open_opinions(window.ctx.db, window.ctx.actor)[0]
    page.open_opinion(opinion.meeting_id, opinion.id)
    assert isinstance(page.form, MeetingForm)
    return page.form


def minutes_preview(window: MainWindow) -> QWidget:
    meeting_id = first_id(window, "meeting", status="closed")
    return open_preview(window, minutes_pdf(window.ctx, meeting_id))


def hub_card() -> peers.KeyCard:
    """An invented provincial hub's key card, as read from the stick before adding it."""
    pair, replica_id = keys.generate(), "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
    fingerprint = keys.fingerprint(replica_id, pair.age_recipient, pair.sign_public)
    return peers.KeyCard(
        replica_id,
        "42",
        "Công an tỉnh Hà Tĩnh",
        "hub",
        pair.age_recipient,
        pair.sign_public,
        fingerprint,
    )


def import_summary(window: MainWindow) -> QWidget:
    """A dry run of a real package: a new hub, introduced both ways, sends its first one."""
    ctx, folder = window.ctx, temp_folder()
    hub_db = open_database(folder / "hub.sqlite3")
    hub = setup.init_replica(
        hub_db,
        role="hub",
        unit_code="42",
        name="Công an tỉnh Hà Tĩnh",
        admin_user="tinh",
        admin_password="mat-khau-tinh",
    ).admin
    post_card = peers.key_card(ctx.db, ctx.actor)
    peers.add_peer(hub_db, hub, post_card.to_json())
    peers.add_peer(ctx.db, ctx.actor, peers.key_card(hub_db, hub).to_json())
    package = exporter.export_package(hub_db, hub, post_card.replica_id, folder).path
    hub_db.dispose()
    outcome = run_import(ctx, [package], dry_run=True, progress=Progress())
    dialog = ImportSummaryDialog(outcome, window)
    dialog.resize(1040, 320)  # the result column whole
    return shown(dialog)


def conflicts(window: MainWindow) -> QWidget:
    dialog = ConflictsDialog(window.ctx, window)
    dialog.load()
    return shown(dialog)


def backups_tab(window: MainWindow) -> QWidget:
    """Cài đặt → Sao lưu, after one "Sao lưu ngay" so that the list shows a copy."""
    page = window.page("settings")
    assert isinstance(page, SettingsPage) and page.tabs is not None
    page.tabs.setCurrentWidget(page.backups)
    page.backups.back_up_now()
    return window


DIALOGS: dict[str, tuple[str, Opener]] = {
    "wizard": ("overview", wizard),
    "wizard-commune": ("overview", lambda w: wizard(w, commune=True)),
    "login": ("overview", lambda w: shown(LoginDialog(w.ctx.db, w.ctx.actor.username, w))),
    "household": (
        "households",
        lambda w: shown(HouseholdForm(w.ctx, first_id(w, "household"), parent=w)),
    ),
    "contact": ("cases", contact_form),
    "meeting-opinions": ("meetings", meeting_opinions),
    "minutes-preview": ("meetings", minutes_preview),
    "add-peer": ("sync", lambda w: shown(PeerCardDialog(hub_card(), w))),
    "import-summary": ("sync", import_summary),
    "conflicts": ("sync", conflicts),
    "backups": ("settings", backups_tab),
    "password": ("overview", lambda w: shown(PasswordDialog(w.ctx, w))),
}
