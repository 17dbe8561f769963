"""Đồng bộ qua USB: this machine's key card, the peers, sending and receiving packages, held
packages, the history of what went where, and the conflicts left to review.

Who may do what (the services check it again): viewers read; officers export, import and
resolve conflicts; the post chief (admin) adds and revokes peers, releases or retries held
packages and re-enrols the machine.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.changes import Changes
from desktop_app.errors import AntqError
from desktop_app.formatting import format_time
from desktop_app.i18n import N_, tr
from desktop_app.progress import Progress
from desktop_app.services import peers
from desktop_app.services.peers import KeyCard, PeerView
from desktop_app.sync import exporter, media
from desktop_app.sync.exporter import ExportResult
from desktop_app.sync.status import PackageView
from ui.context import AppContext
from ui.errors import show_error
from ui.forms.guards import alive, confirm, inform
from ui.icons import icon
from ui.long_op import LongOp
from ui.ops import MutationOp, QueryOp
from ui.pages.base import Page
from ui.signals import app_signals
from ui.sync_cards import CardView, PeerCardDialog
from ui.sync_conflicts import ConflictsDialog
from ui.sync_data import PACKAGES_CHANGED, SYNC_TYPES, SyncData, load_sync
from ui.sync_held import HeldPanel
from ui.sync_import import ImportOutcome, ImportSummaryDialog, run_import
from ui.sync_widgets import (
    button,
    fill_row,
    role_label,
    selected_key,
    status_label,
)
from ui.tables import read_only_table

PEERS_CHANGED = Changes(frozenset({"peer"}))
PACKAGE_FILTER = N_("Gói đồng bộ ANTQ (*.antq)")
CARD_FILTER = N_("Thẻ khóa ANTQ (*.json)")
PEER_COLUMNS = (
    N_("Đơn vị"),
    N_("Mã"),
    N_("Vai trò"),
    N_("Dấu vân tay"),
    N_("Thêm lúc"),
    N_("Đã nhận của máy này"),
    N_("Gói gần nhất"),
)
HISTORY_COLUMNS = (
    N_("Lúc"),
    N_("Chiều"),
    N_("Đối tác"),
    N_("Gói số"),
    N_("Thay đổi"),
    N_("Tình trạng"),
    N_("Xác nhận đã có (theo máy: số thay đổi)"),
)


def start_folder() -> Path:
    """Where file dialogs open: the first removable drive, else the home folder."""
    drives = media.removable_drives()
    return drives[0] if drives else Path.home()


class KeyCardPanel(CardView):
    """This machine's card, with Lưu thẻ khóa… to hand it to a peer on a stick."""

    def __init__(self) -> None:
        super().__init__(unit_points=14, fingerprint_points=18)
        self.caption = QLabel()
        self.caption.setObjectName("sectionTitle")
        self.save_button = QPushButton(icon("save"), "")
        self.save_button.setAutoDefault(False)
        self.rows.insertWidget(0, self.caption)
        self.rows.addStretch(1)
        self.rows.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_card(self, card: KeyCard | None) -> None:
        super().show_card(card)
        self.caption.setText(tr("Thẻ khóa của máy này"))
        self.fingerprint.setToolTip(
            tr(
                "Khi thêm đối tác, hai bên đọc dấu vân tay cho nhau qua điện thoại (hoặc ghi "
                "ra giấy) và so từng nhóm."
            )
        )
        self.save_button.setText(tr("Lưu thẻ khóa…"))
        self.save_button.setToolTip(tr("Lưu thẻ khóa ra tệp (ví dụ vào USB) để trao cho đối tác"))


class SyncPage(Page):
    name = "sync"
    title = "Đồng bộ qua USB"
    icon_name = "refresh-cw"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.data: SyncData | None = None
        self.files: list[Path] = []  # packages chosen for import
        self.folders: list[Path] = []  # export folders chosen by hand
        self.dialog: QDialog | None = None  # the last dialog opened (tests look at it)
        self.card_panel = KeyCardPanel()
        self.card_panel.save_button.clicked.connect(lambda _c=False: self.save_card())
        self._build_export()
        self._build_import()
        self._build_tabs()
        self._build_layout()
        app_signals().screen_unlocked.connect(self.update_access)  # maybe another officer
        self.refresh_drives()
        self.retranslate_ui()
        self.update_access()

    # --- building ---

    def _build_export(self) -> None:
        self.export_box = QGroupBox()
        self.peer_label, self.target_label = QLabel(), QLabel()
        self.peer_combo = QComboBox()
        self.target_combo = QComboBox()
        self.target_combo.setMinimumContentsLength(12)
        self.target_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.target_combo.currentIndexChanged.connect(lambda _i: self.update_access())
        self.peer_combo.currentIndexChanged.connect(lambda _i: self.update_access())
        self.refresh_button = button(self.refresh_drives)
        self.refresh_button.setIcon(icon("refresh-cw"))
        self.folder_button = button(self.choose_folder)
        self.export_button = button(self.export)
        self.export_button.setIcon(icon("usb"))
        grid = QGridLayout(self.export_box)
        grid.setHorizontalSpacing(8)
        grid.addWidget(self.peer_label, 0, 0)
        grid.addWidget(self.peer_combo, 0, 1, 1, 3)
        grid.addWidget(self.target_label, 1, 0)
        grid.addWidget(self.target_combo, 1, 1)
        grid.addWidget(self.refresh_button, 1, 2)
        grid.addWidget(self.folder_button, 1, 3)
        grid.addWidget(self.export_button, 2, 1, 1, 3, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(1, 1)

    def _build_import(self) -> None:
        self.import_box = QGroupBox()
        self.files_button = button(self.choose_files)
        self.files_label = QLabel()
        self.files_label.setWordWrap(True)
        self.preview_button = button(lambda: self.import_files(dry_run=True))
        self.import_button = button(lambda: self.import_files(dry_run=False))
        row = QHBoxLayout()
        row.addWidget(self.files_button)
        row.addWidget(self.files_label, 1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.import_button)
        column = QVBoxLayout(self.import_box)
        column.addLayout(row)
        column.addLayout(actions)

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.peers_table = read_only_table(7)
        self.peers_table.itemSelectionChanged.connect(self.update_access)
        self.add_button = button(self.add_peer)
        self.revoke_button = button(self.revoke_peer)
        self.tabs.addTab(self._tab(self.peers_table, self.add_button, self.revoke_button), "")
        self.history_table = read_only_table(7)
        self.tabs.addTab(self._tab(self.history_table), "")
        self.held = HeldPanel(self.ctx, self._imported, self._tell)
        self.tabs.addTab(self.held, "")
        self.conflict_button = button(self.review_conflicts)

    def _tab(self, table: QWidget, *buttons: QPushButton) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(table, 1)
        if buttons:
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        return tab

    def _build_layout(self) -> None:
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.export_box)
        right.addWidget(self.import_box)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.card_panel, 5)
        top.addLayout(right, 6)
        self.note = QLabel()  # the last thing done, in words
        self.note.setWordWrap(True)
        notes = QHBoxLayout()
        notes.addWidget(self.conflict_button)
        notes.addWidget(self.note, 1)
        self.body.addLayout(top)
        self.body.addLayout(notes)
        self.body.addWidget(self.tabs, 1)

    # --- loading ---

    def load(self) -> None:
        ctx = self.ctx
        QueryOp(self, lambda: load_sync(ctx)).success(alive(self, self._show)).run()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*SYNC_TYPES):
            self.load()

    def _show(self, data: SyncData) -> None:
        self.data = data
        self.card_panel.show_card(data.card)
        self._show_peers(data)
        self._show_history(data)
        self.held.show_data(data)
        self._show_conflicts(data.status.open_conflicts)
        self.retranslate_tabs()
        self.update_access()

    def _show_peers(self, data: SyncData) -> None:
        table, shown = self.peers_table, data.peers
        chosen = self.peer_combo.currentData()
        self.peer_combo.clear()
        for peer in shown:
            if peer.revoked_at is None:
                self.peer_combo.addItem(f"{peer.name} ({peer.unit_code})", peer.replica_id)
        if chosen is not None and self.peer_combo.findData(chosen) >= 0:
            self.peer_combo.setCurrentIndex(self.peer_combo.findData(chosen))
        table.setRowCount(len(shown))
        for row, peer in enumerate(shown):
            fill_row(table, row, self._peer_row(data, peer), key=peer.replica_id)
        if not shown:
            table.setRowCount(1)
            fill_row(table, 0, (tr("Chưa có đối tác. Thêm bằng thẻ khóa của đối tác."),))

    def _peer_row(self, data: SyncData, peer: PeerView) -> tuple[str, ...]:
        added = format_time(peer.added_at)
        if peer.revoked_at is not None:
            added = tr(
                "{when} (đã thu hồi {revoked})", when=added, revoked=format_time(peer.revoked_at)
            )
        acked = data.status.peer_acks.get(peer.replica_id, {}).get(data.card.replica_id, 0)
        last = next((p for p in data.status.history if p.peer_id == peer.replica_id), None)
        return (
            peer.name,
            peer.unit_code,
            role_label(peer.role),
            peer.fingerprint,
            added,
            tr("{n} / {total} thay đổi", n=acked, total=data.status.last_seq),
            self._package_text(last) if last is not None else tr("chưa có"),
        )

    @staticmethod
    def _package_text(package: PackageView) -> str:
        if package.direction == "sent":
            text = tr("gửi gói số {seq}, {when}", seq=package.seq, when=format_time(package.at))
        else:
            text = tr("nhận gói số {seq}, {when}", seq=package.seq, when=format_time(package.at))
        return text

    def _show_history(self, data: SyncData) -> None:
        table, shown = self.history_table, data.status.history
        table.setRowCount(len(shown))
        for row, package in enumerate(shown):
            sent = package.direction == "sent"
            acked = ", ".join(
                f"{data.name_of(origin)}: {seq}"
                for origin, seq in sorted(package.acknowledged.items())
            )
            texts = (
                format_time(package.at),
                tr("Gửi đi") if sent else tr("Nhận về"),
                data.name_of(package.peer_id),
                str(package.seq),
                str(package.changes),
                status_label(package.status),
                acked,
            )
            fill_row(table, row, texts, key=package.package_id)
        if not shown:
            table.setRowCount(1)
            fill_row(table, 0, (tr("Chưa gửi hay nhận gói nào."),))

    def _show_conflicts(self, count: int) -> None:
        self.conflict_button.setIcon(icon("triangle-alert", "#922b21") if count else QIcon())
        if count:
            text = tr("{n} xung đột chưa giải quyết — Xem xét…", n=count)
            style = "QPushButton { color: #922b21; font-weight: bold; padding: 5px 12px; }"
        else:
            text, style = tr("Không có xung đột dữ liệu"), "QPushButton { padding: 5px 12px; }"
        self.conflict_button.setText(text)
        self.conflict_button.setStyleSheet(style)
        self.conflict_button.setEnabled(count > 0)

    # --- access ---

    def update_access(self) -> None:
        actor = self.ctx.actor
        chosen_peer = selected_key(self.peers_table)
        self.add_button.setEnabled(actor.is_admin)
        self.revoke_button.setEnabled(actor.is_admin and self._peer(chosen_peer) is not None)
        ready = self.peer_combo.currentData() is not None and self.target_combo.currentData()
        self.export_button.setEnabled(actor.can_write and bool(ready))
        self.files_button.setEnabled(actor.can_write)
        for action in (self.preview_button, self.import_button):
            action.setEnabled(actor.can_write and bool(self.files))
        self.held.update_access()

    def _peer(self, replica_id: str | None) -> PeerView | None:
        found = self.data.peers if self.data is not None else ()
        return next((p for p in found if p.replica_id == replica_id and not p.revoked_at), None)

    # --- key card and peers ---

    def save_card(self) -> None:
        if self.data is None:
            return
        card = self.data.card
        start = str(start_folder() / f"the-khoa-{card.unit_code}.json")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, tr("Lưu thẻ khóa"), start, tr(CARD_FILTER)
        )
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".json") else Path(chosen + ".json")
        QueryOp(self, lambda: peers.write_card(card, path)).success(
            alive(self, self._card_saved)
        ).run()

    def _card_saved(self, path: Path) -> None:
        self._tell(
            tr(
                "Đã lưu thẻ khóa vào {path}. Đã đọc lại để kiểm tra; có thể rút USB.",
                path=str(path),
            )
        )

    def add_peer(self) -> None:
        if not self.ctx.actor.is_admin:
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self, tr("Mở thẻ khóa của đối tác"), str(start_folder()), tr(CARD_FILTER)
        )
        if chosen:
            path = Path(chosen)
            QueryOp(self, lambda: peers.read_card(path)).success(alive(self, self._compare)).run()

    def _compare(self, card: KeyCard) -> None:
        dialog = PeerCardDialog(card, self.window())
        dialog.accepted.connect(lambda: self._trust(card))
        self._open(dialog)

    def _trust(self, card: KeyCard) -> None:
        ctx = self.ctx

        def work() -> tuple[PeerView, Changes]:
            return peers.add_peer(ctx.db, ctx.actor, card.to_json()), PEERS_CHANGED

        MutationOp(self, work).success(
            alive(self, lambda done: self._tell(tr("Đã thêm đối tác {name}.", name=done[0].name)))
        ).run()

    def revoke_peer(self) -> None:
        peer = self._peer(selected_key(self.peers_table))
        if peer is None or not self.ctx.actor.is_admin:
            return
        question = tr(
            "Thu hồi đối tác «{name}»? Gói từ đối tác này sẽ bị từ chối và không xuất gói cho "
            "họ được nữa. Muốn trao đổi lại phải thêm lại bằng thẻ khóa.",
            name=peer.name,
        )
        if not confirm(self, tr("Thu hồi đối tác"), question):
            return
        ctx, replica_id = self.ctx, peer.replica_id

        def work() -> tuple[PeerView, Changes]:
            return peers.revoke_peer(ctx.db, ctx.actor, replica_id), PEERS_CHANGED

        MutationOp(self, work).success(
            alive(
                self, lambda done: self._tell(tr("Đã thu hồi đối tác {name}.", name=done[0].name))
            )
        ).run()

    # --- export ---

    def refresh_drives(self) -> None:
        """The removable drives now plugged in, then the folders chosen by hand."""
        chosen = self.target_combo.currentData()
        self.target_combo.clear()
        for drive in media.removable_drives():
            self.target_combo.addItem(tr("USB: {path}", path=str(drive)), str(drive))
        for folder in self.folders:
            self.target_combo.addItem(tr("Thư mục: {path}", path=str(folder)), str(folder))
        if self.target_combo.count() == 0:
            self.target_combo.addItem(tr("Chưa thấy USB: cắm USB rồi bấm nút tìm lại"), None)
        index = self.target_combo.findData(chosen) if chosen else -1
        self.target_combo.setCurrentIndex(max(index, 0))
        self.update_access()

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, tr("Chọn thư mục lưu gói"), str(start_folder())
        )
        if not chosen:
            return
        folder = Path(chosen)
        if folder not in self.folders:
            self.folders.append(folder)
        self.refresh_drives()
        self.target_combo.setCurrentIndex(self.target_combo.findData(str(folder)))

    def export(self) -> None:
        peer_id, folder = self.peer_combo.currentData(), self.target_combo.currentData()
        if not (peer_id and folder and self.ctx.actor.can_write):
            return
        ctx, target = self.ctx, Path(folder)

        def work(progress: Progress) -> tuple[ExportResult, Changes]:
            result = exporter.export_package(ctx.db, ctx.actor, peer_id, target, progress=progress)
            return result, PACKAGES_CHANGED

        op = LongOp(self, tr("Đang tạo, mã hóa và ghi gói…"), work)
        op.success(alive(self, lambda done: self._exported(done[0]))).run()

    def _exported(self, result: ExportResult) -> None:
        kind = tr(" (gói toàn bộ dữ liệu)") if result.kind == exporter.SNAPSHOT else ""
        self._tell(
            tr(
                "Đã ghi gói {file}{kind} gồm {n} thay đổi vào {folder}. Tệp đã được đọc lại "
                "và kiểm tra: có thể rút USB ngay bây giờ.",
                file=result.path.name,
                kind=kind,
                n=result.changes,
                folder=str(result.path.parent),
            ),
            title=tr("Đã xuất gói"),
        )

    # --- import ---

    def choose_files(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileNames(
            self, tr("Chọn gói đồng bộ để nhập"), str(start_folder()), tr(PACKAGE_FILTER)
        )
        if chosen:
            self.set_files([Path(c) for c in chosen])

    def set_files(self, files: list[Path]) -> None:
        self.files = list(files)
        self._show_files()
        self.update_access()

    def _show_files(self) -> None:
        if not self.files:
            self.files_label.setText(tr("Chưa chọn gói nào."))
            return
        names = ", ".join(f.name for f in self.files[:3])
        more = len(self.files) - 3
        if more > 0:
            names = tr("{names} và {n} tệp khác", names=names, n=more)
        self.files_label.setText(tr("{n} gói: {names}", n=len(self.files), names=names))
        self.files_label.setToolTip("\n".join(str(f) for f in self.files))

    def import_files(self, *, dry_run: bool) -> None:
        if not (self.files and self.ctx.actor.can_write):
            return
        ctx, files = self.ctx, list(self.files)

        def work(progress: Progress) -> ImportOutcome:
            return run_import(ctx, files, dry_run=dry_run, progress=progress)

        title = tr("Đang kiểm tra gói…") if dry_run else tr("Đang nhập gói…")
        op = LongOp(self, title, work)
        op.cancelled = lambda: self._tell(tr("Đã dừng. Các gói nhập xong trước đó vẫn được giữ."))
        op.success(alive(self, self._imported)).run()

    def _imported(self, outcome: ImportOutcome) -> None:
        if not outcome.dry_run:
            self.set_files([])
        failures = outcome.failures
        if len(failures) == 1:
            show_error(self, failures[0][1])
        elif failures:
            lines = [f"{name}: {error.message}" for name, error in failures]
            show_error(self, AntqError("\n".join(lines)))
        if outcome.summaries:
            self._open(ImportSummaryDialog(outcome, self.window()))

    # --- conflicts ---

    def review_conflicts(self) -> None:
        dialog = ConflictsDialog(self.ctx, self.window())
        self._open(dialog)
        dialog.load()

    # --- shared ---

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        dialog.open()

    def _tell(self, text: str, title: str = "") -> None:
        self.note.setText(text)
        if title:
            inform(self, title, text)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not hasattr(self, "tabs"):  # the base class translates before the widgets exist
            return
        self.card_panel.show_card(self.data.card if self.data else None)
        self.export_box.setTitle(tr("Gửi gói cho đối tác (xuất)"))
        self.peer_label.setText(tr("Gửi cho:"))
        self.target_label.setText(tr("Lưu vào:"))
        self.refresh_button.setToolTip(tr("Tìm lại USB vừa cắm vào"))
        self.folder_button.setText(tr("Chọn thư mục…"))
        self.export_button.setText(tr("Xuất gói"))
        self.import_box.setTitle(tr("Nhận gói từ đối tác (nhập)"))
        self.files_button.setText(tr("Chọn gói…"))
        self.preview_button.setText(tr("Xem trước"))
        self.preview_button.setToolTip(tr("Kiểm tra gói và xem sẽ thay đổi gì, chưa nhập"))
        self.import_button.setText(tr("Nhập"))
        self.add_button.setText(tr("Thêm đối tác…"))
        self.revoke_button.setText(tr("Thu hồi"))
        for table, titles in (
            (self.peers_table, PEER_COLUMNS),
            (self.history_table, HISTORY_COLUMNS),
        ):
            table.setHorizontalHeaderLabels([tr(t) for t in titles])
        self.held.retranslate_ui()
        self.refresh_drives()
        self._show_files()
        if self.data is not None:
            self._show(self.data)
        else:
            self._show_conflicts(0)
            self.retranslate_tabs()

    def retranslate_tabs(self) -> None:
        held = len(self.data.status.held) if self.data is not None else 0
        self.tabs.setTabText(0, tr("Đối tác đồng bộ"))
        self.tabs.setTabText(1, tr("Lịch sử gửi, nhận"))
        self.tabs.setTabText(2, tr("Gói đang giữ ({n})", n=held) if held else tr("Gói đang giữ"))
