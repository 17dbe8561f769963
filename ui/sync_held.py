"""The held packages panel: packages kept aside with why, and the chief's ways out (accept,
retry, re-enrol the machine)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from desktop_app.changes import Changes
from desktop_app.formatting import format_time
from desktop_app.i18n import N_, tr
from desktop_app.sync import importer, status
from desktop_app.sync.importer import ImportSummary
from desktop_app.sync.status import PackageView
from ui.context import AppContext
from ui.forms.guards import alive, confirm
from ui.ops import MutationOp
from ui.sync_data import PACKAGES_CHANGED, REPLICA_CHANGED, SyncData
from ui.sync_import import ImportOutcome
from ui.sync_widgets import button, fill_row, selected_key, status_label
from ui.tables import read_only_table

HELD_COLUMNS = (N_("Nhận lúc"), N_("Từ"), N_("Gói số"), N_("Tình trạng"), N_("Lý do"))


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
