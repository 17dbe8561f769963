"""Reviewing the conflicts two machines left: keep the value in use or swap to the other,
with a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.changes import Changes
from desktop_app.formatting import format_time
from desktop_app.i18n import tr
from desktop_app.services import conflicts
from desktop_app.sync import status
from desktop_app.sync.status import ConflictLine
from ui.context import AppContext
from ui.forms.guards import alive
from ui.ops import MutationOp, QueryOp
from ui.sync_data import CONFLICTS_CHANGED
from ui.sync_widgets import TranslatedDialog, fill_row, selected_key
from ui.tables import read_only_table


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
