"""The sync page's parts: what it loads, comparing a peer's key card before trusting it, what
an import did (or would do), the held packages, and reviewing the conflicts two machines left.

Each dialog is window-modal and opened with `open()`, so the page (and a test) keeps running;
database work goes through QueryOp / MutationOp like everywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import backups
from desktop_app.changes import Changes
from desktop_app.errors import AntqError
from desktop_app.formatting import format_time
from desktop_app.i18n import N_, tr
from desktop_app.progress import CancelledError, Progress
from desktop_app.services import conflicts, peers
from desktop_app.services.peers import KeyCard, PeerView
from desktop_app.sync import importer, status
from desktop_app.sync.importer import ImportSummary
from desktop_app.sync.status import ConflictLine, PackageView, SyncStatus
from desktop_app.work import HUB
from ui.context import AppContext
from ui.forms.guards import alive, confirm
from ui.ops import MutationOp, QueryOp

# Record types the sync page refreshes on; its own writes add them to what they return,
# since peers, packages and conflicts are not records the change log sees.
SYNC_TYPES = ("peer", "sync_inbox", "sync_outbox", "sync_conflict", "local_replica")
CONFLICTS_CHANGED = Changes(frozenset({"sync_conflict"}))
PACKAGES_CHANGED = Changes(frozenset({"sync_inbox", "sync_outbox"}))
REPLICA_CHANGED = Changes(frozenset({"local_replica", "sync_inbox"}))

# How a package's status reads (sent, received, held).
STATUS_LABELS = {
    "written": "Đã ghi ra tệp",
    importer.APPLIED: "Đã nhập",
    importer.ALREADY: "Đã nhập trước đây",
    importer.HELD_SCHEMA: "Giữ lại: cần phiên bản mới hơn",
    importer.HELD_CLOCK: "Giữ lại: đồng hồ máy gửi chạy trước",
    importer.HELD_GAP: "Giữ lại: còn thiếu gói trước",
    importer.QUARANTINED: "Cách ly: máy này bị phục hồi hoặc sao chép",
    "discarded": "Đã bỏ (sau khi đăng ký lại)",
}


HELD_COLUMNS = (N_("Nhận lúc"), N_("Từ"), N_("Gói số"), N_("Tình trạng"), N_("Lý do"))


@dataclass(frozen=True)
class SyncData:
    """What the sync page shows: this machine's card, its peers, where sync stands."""

    card: KeyCard
    peers: tuple[PeerView, ...]
    status: SyncStatus

    def name_of(self, replica_id: str) -> str:
        if replica_id == self.card.replica_id:
            return tr("máy này")
        found = next((p.name for p in self.peers if p.replica_id == replica_id), None)
        return found or tr("máy {id}", id=replica_id[-8:])


def load_sync(ctx: AppContext) -> SyncData:
    """Everything the page shows, read on the worker."""
    card = peers.key_card(ctx.db, ctx.actor)
    found = tuple(peers.list_peers(ctx.db, ctx.actor))
    return SyncData(card, found, status.status(ctx.db, ctx.actor))


def status_label(code: str) -> str:
    return tr(STATUS_LABELS[code]) if code in STATUS_LABELS else code


def role_label(role: str) -> str:
    return tr("Công an tỉnh (trung tâm)") if role == HUB else tr("Công an xã")


def fingerprint_lines(fingerprint: str) -> str:
    """Eight groups of four, on two lines of four: read aloud one line at a time."""
    groups = fingerprint.split()
    return "  ".join(groups[:4]) + "\n" + "  ".join(groups[4:])


def seq_of(file_name: str) -> str:
    """The package's number from its name `<from>_<to>_<seq>.antq` ('' if not one of ours)."""
    found = re.search(r"_(\d+)\.antq$", file_name)
    return str(int(found.group(1))) if found else ""


def big_font(base: QFont, points: float, *, bold: bool = True, spacing: float = 0) -> QFont:
    font = QFont(base)
    font.setPointSizeF(points)
    font.setBold(bold)
    if spacing:
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
    return font


def read_only_table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def button(slot: Callable[[], object]) -> QPushButton:
    """A push button that runs `slot` on click and never takes Enter from a form."""
    found = QPushButton()
    found.setAutoDefault(False)
    found.clicked.connect(lambda _checked=False: slot())
    return found


def fill_row(table: QTableWidget, row: int, texts: Sequence[str], key: str = "") -> None:
    """Put `texts` in `row`; `key` (an id) rides on the first cell; long text in tooltips."""
    for column, text in enumerate(texts):
        item = QTableWidgetItem(text)
        item.setToolTip(text if len(text) > 40 else "")
        if column == 0 and key:
            item.setData(Qt.ItemDataRole.UserRole, key)
        table.setItem(row, column, item)


def selected_key(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    item = table.item(rows[0].row(), 0) if rows else None
    key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
    return str(key) if key else None


class CardView(QFrame):
    """A key card's unit, code and fingerprint in big type, to read out or compare by phone."""

    def __init__(self, unit_points: float = 15, fingerprint_points: float = 20) -> None:
        super().__init__()
        self.setObjectName("cardView")
        self.setStyleSheet(
            "QFrame#cardView { background: white; border: 1px solid #d5dbe1; border-radius: 6px; }"
        )
        self.unit = QLabel()
        self.unit.setFont(big_font(self.font(), unit_points))
        self.unit.setWordWrap(True)
        self.details = QLabel()
        self.fingerprint_caption = QLabel()
        self.fingerprint = QLabel()
        self.fingerprint.setFont(big_font(self.font(), fingerprint_points, spacing=1.5))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(16, 10, 16, 12)
        self.rows.setSpacing(4)
        for widget in (self.unit, self.details, self.fingerprint_caption, self.fingerprint):
            self.rows.addWidget(widget)

    def show_card(self, card: KeyCard | None) -> None:
        self.fingerprint_caption.setText(tr("Dấu vân tay:"))
        if card is not None:
            self.unit.setText(card.name)
            self.details.setText(
                tr("Mã đơn vị {code} · {role}", code=card.unit_code, role=role_label(card.role))
            )
            self.fingerprint.setText(fingerprint_lines(card.fingerprint))


class TranslatedDialog(QDialog):
    """A dialog whose strings live in `retranslate_ui()`, called again on a language switch."""

    def retranslate_ui(self) -> None:
        """Set every visible string."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class PeerCardDialog(TranslatedDialog):
    """Thêm đối tác: the card's unit and fingerprint in big type, to compare with what the
    peer reads out by phone; Thêm stays disabled until the officer ticks that they match."""

    def __init__(self, card: KeyCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.view = CardView()
        self.unit, self.fingerprint = self.view.unit, self.view.fingerprint
        self.matches = QCheckBox()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.matches.toggled.connect(self._matches_toggled)
        self._layout()
        self.retranslate_ui()
        self._matches_toggled(False)

    @property
    def add_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Thêm đối tác đồng bộ"))
        self.intro.setText(
            tr(
                "Gọi điện cho đối tác và nhờ đọc dấu vân tay trên máy của họ. So từng nhóm "
                "với dấu vân tay dưới đây; chỉ thêm khi khớp hoàn toàn. Nếu khác, thẻ khóa có "
                "thể đã bị tráo: đừng thêm."
            )
        )
        self.view.show_card(self.card)
        self.matches.setText(tr("Dấu vân tay khớp với dấu vân tay đối tác đọc cho tôi"))
        self.add_button.setText(tr("Thêm đối tác"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setText(tr("Hủy"))

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addWidget(self.view)
        layout.addWidget(self.matches)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _matches_toggled(self, checked: bool) -> None:
        self.add_button.setEnabled(checked)


@dataclass(frozen=True)
class ImportOutcome:
    """What importing (or a dry run of) several files gave: one summary per package read,
    and the files refused, each with the error that says why (nothing of them changed)."""

    summaries: tuple[ImportSummary, ...]
    failures: tuple[tuple[str, AntqError], ...]
    dry_run: bool
    changes: Changes


def run_import(
    ctx: AppContext, files: list[Path], *, dry_run: bool, progress: Progress
) -> ImportOutcome:
    """`importer.import_packages` with progress, file by file: a backup copy first, each file
    in its own transaction (on the worker), a refused file reported while the others go on,
    then packages held for a gap tried again."""
    summaries: list[ImportSummary] = []
    failures: list[tuple[str, AntqError]] = []
    if not dry_run:
        backups.before_import(ctx.db, ctx.actor)  # as `antq sync import` does, once
    for done, path in enumerate(files):
        progress(done, len(files))
        try:
            summaries.append(importer.import_package(ctx.db, ctx.actor, path, dry_run=dry_run))
        except CancelledError:
            raise
        except AntqError as error:
            failures.append((path.name, error))
    if not dry_run:
        summaries += importer.retry_held(ctx.db, ctx.actor)
    progress(len(files), len(files))
    changes = Changes()  # a dry run rolled back: nothing changed, whatever it touched
    if not dry_run and summaries:
        for summary in summaries:
            changes = changes | summary.changes
        changes = changes | PACKAGES_CHANGED
    return ImportOutcome(tuple(summaries), tuple(failures), dry_run=dry_run, changes=changes)


class ImportSummaryDialog(TranslatedDialog):
    """Per package: sender, number, changes applied and already present, conflicts, result."""

    def __init__(self, outcome: ImportOutcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = outcome
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = read_only_table(7)
        self.table.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.setMinimumSize(860, 320)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        outcome = self.outcome
        self.setWindowTitle(tr("Xem trước khi nhập") if outcome.dry_run else tr("Kết quả nhập gói"))
        self.intro.setText(self._intro())
        self.table.setHorizontalHeaderLabels(
            [
                tr("Tệp"),
                tr("Gửi từ"),
                tr("Gói số"),
                tr("Sẽ áp dụng") if outcome.dry_run else tr("Đã áp dụng"),
                tr("Đã có (bỏ qua)"),
                tr("Xung đột"),
                tr("Kết quả"),
            ]
        )
        rows = [self._row(s) for s in outcome.summaries]
        rows += [
            (name, "", seq_of(name), "", "", "", error.message) for name, error in outcome.failures
        ]
        self.table.setRowCount(len(rows))
        for row, texts in enumerate(rows):
            fill_row(self.table, row, texts)
        self.table.resizeRowsToContents()
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(tr("Đóng"))

    def _intro(self) -> str:
        outcome = self.outcome
        applied = sum(s.applied for s in outcome.summaries)
        found = sum(s.conflicts for s in outcome.summaries)
        held = sum(1 for s in outcome.summaries if s.status in importer.HELD)
        if outcome.dry_run:
            text = tr(
                "Xem trước: chưa có gì thay đổi. Nếu nhập, {n} thay đổi sẽ được áp dụng.",
                n=applied,
            )
        else:
            text = tr("Đã nhập: {n} thay đổi được áp dụng.", n=applied)
        if found:
            text += " " + tr("{n} xung đột cần xem xét (nút «Xung đột» trên trang).", n=found)
        if held:
            text += " " + tr("{n} gói được giữ lại: xem lý do ở thẻ «Gói đang giữ».", n=held)
        if outcome.failures:
            text += " " + tr(
                "{n} tệp bị từ chối; các tệp đó không làm thay đổi gì.", n=len(outcome.failures)
            )
        return text

    @staticmethod
    def _row(s: ImportSummary) -> tuple[str, ...]:
        if s.dry_run and s.status == importer.APPLIED:
            result = tr("Nhập được")
        else:
            result = status_label(s.status)
        if s.status in importer.HELD and s.message:
            result = f"{result}. {s.message}"  # why, and what to do
        if s.kind == "snapshot":
            result = tr("{result} (gói toàn bộ dữ liệu)", result=result)
        return (
            s.file,
            s.sender,
            seq_of(s.file),
            str(s.applied),
            str(s.already_seen),
            str(s.conflicts),
            result,
        )


class HeldPanel(QWidget):
    """Gói đang giữ: packages kept aside, with why. The chief accepts one held for a clock far
    ahead, retries one (after an upgrade, or once the missing package came), or re-enrols the
    machine when a package was quarantined because this machine looks restored or cloned.

    `show_outcome` shows what a release or retry did; `tell(text, title)` reports in words.
    """

    def __init__(
        self,
        ctx: AppContext,
        show_outcome: Callable[[ImportOutcome], None],
        tell: Callable[[str, str], None],
    ) -> None:
        super().__init__()
        self.ctx, self.show_outcome, self.tell = ctx, show_outcome, tell
        self.data: SyncData | None = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = read_only_table(len(HELD_COLUMNS))
        self.table.setWordWrap(True)  # the reason is a sentence or two
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self.update_access)
        self.release_button = button(self.release)
        self.retry_button = button(self.retry)
        self._build_warning()
        self._layout()

    def _build_warning(self) -> None:
        self.clone_warning = QFrame()
        self.clone_warning.setObjectName("cloneWarning")
        self.clone_warning.setStyleSheet(
            "QFrame#cloneWarning { background: #fdf2e9; border: 1px solid #e59866; "
            "border-radius: 4px; } QFrame#cloneWarning QLabel { color: #78281f; }"
        )
        self.clone_text = QLabel()
        self.clone_text.setWordWrap(True)
        self.reenrol_button = button(self.reenrol)
        row = QHBoxLayout(self.clone_warning)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.clone_text, 1)
        row.addWidget(self.reenrol_button)

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.release_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.note)
        layout.addWidget(self.clone_warning)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_data(self, data: SyncData) -> None:
        self.data = data
        held = data.status.held
        self.table.setRowCount(len(held))
        for row, package in enumerate(held):
            texts = (
                format_time(package.at),
                data.name_of(package.peer_id),
                str(package.seq),
                status_label(package.status),
                package.note or "",
            )
            fill_row(self.table, row, texts, key=package.package_id)
        if not held:
            self.table.setRowCount(1)
            fill_row(self.table, 0, (tr("Không có gói nào đang giữ."),))
        self.update_access()

    def quarantined(self) -> bool:
        held = self.data.status.held if self.data is not None else ()
        return any(p.status == importer.QUARANTINED for p in held)

    def chosen(self) -> PackageView | None:
        found = self.data.status.held if self.data is not None else ()
        package_id = selected_key(self.table)
        return next((p for p in found if p.package_id == package_id), None)

    def update_access(self) -> None:
        admin, held = self.ctx.actor.is_admin, self.chosen()
        clock = held is not None and held.status == importer.HELD_CLOCK
        self.release_button.setEnabled(admin and clock)
        self.retry_button.setEnabled(admin and held is not None)
        self.clone_warning.setVisible(self.quarantined())
        self.note.setVisible(not self.quarantined())  # the warning says more, in less room
        self.reenrol_button.setEnabled(admin)

    def release(self) -> None:
        held = self.chosen()
        if held is None or self.data is None or not self.ctx.actor.is_admin:
            return
        question = tr(
            "Đồng hồ của máy gửi chạy trước nhiều ngày. Chỉ chấp nhận khi đã hỏi đối tác và "
            "biết dữ liệu trong gói là đúng. Nhập gói số {seq} của {peer}?",
            seq=held.seq,
            peer=self.data.name_of(held.peer_id),
        )
        if confirm(self, tr("Chấp nhận gói đang giữ"), question):
            ctx, package_id = self.ctx, held.package_id
            self._run(lambda: importer.release(ctx.db, ctx.actor, package_id))

    def retry(self) -> None:
        held = self.chosen()
        if held is not None and self.ctx.actor.is_admin:
            ctx, package_id = self.ctx, held.package_id
            self._run(lambda: status.retry_package(ctx.db, ctx.actor, package_id))

    def _run(self, op: Callable[[], ImportSummary]) -> None:
        def work() -> ImportOutcome:
            summary = op()
            changes = summary.changes | PACKAGES_CHANGED
            return ImportOutcome((summary,), (), dry_run=False, changes=changes)

        MutationOp(self, work).success(alive(self, self.show_outcome)).run()

    def reenrol(self) -> None:
        if not (self.ctx.actor.is_admin and self.quarantined()):
            return
        question = tr(
            "Có gói bị cách ly vì đối tác đã nhận của máy này nhiều thay đổi hơn máy đang có: "
            "máy đã được phục hồi từ bản sao lưu cũ, hoặc ổ đĩa được sao chép sang máy khác.\n\n"
            "Đăng ký lại sẽ cấp cho máy này mã máy và khóa mới, phát hành lại các thay đổi của "
            "máy dưới mã mới (không mất dữ liệu) và bỏ các gói đang cách ly. Thẻ khóa cũ không "
            "dùng được nữa: sau đó phải lưu thẻ khóa mới và trao cho Công an tỉnh để họ thêm "
            "lại máy này.\n\nĐăng ký lại máy này?"
        )
        if not confirm(self, tr("Đăng ký lại máy này"), question):
            return
        ctx = self.ctx

        def work() -> Changes:
            return status.reenrol(ctx.db, ctx.actor) | REPLICA_CHANGED

        MutationOp(self, work).success(alive(self, lambda _c: self._reenrolled())).run()

    def _reenrolled(self) -> None:
        text = tr(
            "Đã đăng ký lại máy. Dấu vân tay đã đổi: hãy bấm «Lưu thẻ khóa…», trao thẻ "
            "mới cho Công an tỉnh và đọc dấu vân tay mới cho họ so."
        )
        self.tell(text, tr("Đăng ký lại máy này"))

    def retranslate_ui(self) -> None:
        self.note.setText(
            tr(
                "Gói bị giữ lại chưa làm thay đổi gì. Chọn một gói để chấp nhận (đồng hồ chạy "
                "trước) hoặc thử lại (sau khi nâng cấp, hoặc khi đã nhập gói còn thiếu)."
            )
        )
        self.clone_text.setText(
            tr(
                "Có gói bị cách ly: đối tác giữ nhiều thay đổi của máy này hơn chính máy này. "
                "Máy đã được phục hồi từ bản sao lưu cũ, hoặc ổ đĩa đã bị sao chép. Cần đăng "
                "ký lại máy (Trưởng Công an xã) thì mới đồng bộ tiếp được."
            )
        )
        self.release_button.setText(tr("Chấp nhận"))
        self.release_button.setToolTip(tr("Nhập gói bị giữ vì đồng hồ máy gửi chạy trước"))
        self.retry_button.setText(tr("Thử lại"))
        self.retry_button.setToolTip(
            tr("Nhập lại gói đang giữ (sau khi nâng cấp, hoặc khi đã có gói còn thiếu)")
        )
        self.reenrol_button.setText(tr("Đăng ký lại máy này…"))
        self.table.setHorizontalHeaderLabels([tr(t) for t in HELD_COLUMNS])
        if self.data is not None:
            self.show_data(self.data)


class ConflictsDialog(TranslatedDialog):
    """Xung đột: pick a line, write the reason, then Giữ (the value in use stays) or Đổi (the
    other value becomes current, as a new change that syncs). Viewers only read."""

    COLUMNS = 7

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lines: list[ConflictLine] = []
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = read_only_table(self.COLUMNS)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reason_label = QLabel()
        self.reason = QLineEdit()
        self.reason.textChanged.connect(self._update_buttons)
        self.keep_button = QPushButton()
        self.swap_button = QPushButton()
        for button, choice in (
            (self.keep_button, conflicts.KEEP),
            (self.swap_button, conflicts.SWAP),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, c=choice: self.resolve(c))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self.setMinimumSize(980, 460)
        self.retranslate_ui()
        self._update_buttons()

    def load(self) -> None:
        ctx = self.ctx
        QueryOp(self, lambda: status.conflict_lines(ctx.db, ctx.actor)).success(
            alive(self, self._show)
        ).run()

    def choose(self, conflict_id: str) -> None:
        """Select the line of `conflict_id` (what a click on it does)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == conflict_id:
                self.table.selectRow(row)
                return

    def resolve(self, choice: str) -> None:
        conflict_id, reason = selected_key(self.table), self.reason.text().strip()
        if conflict_id is None or not reason or not self.ctx.actor.can_write:
            return
        ctx = self.ctx

        def work() -> Changes:
            done = conflicts.resolve(ctx.db, ctx.actor, conflict_id, choice, reason)
            return done | CONFLICTS_CHANGED

        MutationOp(self, work).success(alive(self, lambda _changes: self._resolved())).run()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Xem xét xung đột dữ liệu"))
        self.intro.setText(
            tr(
                "Hai máy đã sửa cùng một trường mà không thấy thay đổi của nhau. Giá trị "
                "đang dùng đã được áp dụng ở mọi máy. Chọn một dòng, ghi lý do (ví dụ: đã gọi "
                "điện xác minh với hộ), rồi bấm «Giữ giá trị đang dùng» hoặc «Đổi sang giá trị "
                "kia». Quyết định được đồng bộ cho các máy khác."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                tr("Hồ sơ"),
                tr("Trường"),
                tr("Giá trị đang dùng"),
                tr("Giá trị kia"),
                tr("Đang dùng của"),
                tr("Giá trị kia của"),
                tr("Phát hiện lúc"),
            ]
        )
        self.reason_label.setText(tr("Lý do:"))
        self.reason.setPlaceholderText(tr("Bắt buộc: vì sao giữ hay đổi"))
        self.keep_button.setText(tr("Giữ giá trị đang dùng"))
        self.swap_button.setText(tr("Đổi sang giá trị kia"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(tr("Đóng"))
        self._show(self.lines)

    def _layout(self) -> None:
        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self.reason_label)
        actions.addWidget(self.reason, 1)
        actions.addWidget(self.keep_button)
        actions.addWidget(self.swap_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.buttons)

    def _show(self, lines: list[ConflictLine]) -> None:
        self.lines = list(lines)
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            fill_row(
                self.table,
                row,
                (
                    f"{line.record_label}: {line.record_title}",
                    line.field_label,
                    line.value_in_use or tr("(trống)"),
                    line.other_value or tr("(trống)"),
                    line.in_use_from,
                    line.other_from,
                    format_time(line.detected_at),
                ),
                key=line.id,
            )
        if not self.lines:
            self.table.setRowCount(1)
            fill_row(self.table, 0, (tr("Không còn xung đột nào chưa giải quyết."),))
        self._update_buttons()

    def _resolved(self) -> None:
        self.reason.clear()
        self.load()

    def _update_buttons(self) -> None:
        ready = (
            self.ctx.actor.can_write
            and selected_key(self.table) is not None
            and bool(self.reason.text().strip())
        )
        for button in (self.keep_button, self.swap_button):
            button.setEnabled(ready)
        self.reason.setEnabled(self.ctx.actor.can_write)
