"""The files attached to one record (scans of papers, signed minutes, photos): the list, "Thêm
tệp…" and "Lưu bản sao…". Any form can hold one; the services store, hash and audit the files.

Threading: listing, adding and exporting run as ops on the database worker; the panel's
callbacks are skipped if it was closed and deleted meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.changes import Changes
from desktop_app.formatting import format_time
from desktop_app.i18n import N_, tr
from desktop_app.records.view import Record
from desktop_app.services import attachments
from ui import printing  # the module, not its names: printing imports ui.forms, which imports us
from ui.context import AppContext
from ui.errors import show_error
from ui.forms.guards import alive
from ui.icons import icon
from ui.ops import MutationOp, QueryOp
from ui.signals import app_signals

# What posts scan: PDFs and photos; any other file is accepted too.
OPEN_FILTER = N_("Ảnh chụp, bản scan (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.heic);;Mọi tệp (*)")
EnsureOwner = Callable[[Callable[[], None]], None]


class AttachmentsPanel(QWidget):
    """Files of the record `owner_type`/`owner_id`; `ensure_owner(then)` saves a new owner
    first (a form's `ensure_saved`); `report` shows what went wrong (default: show_error)."""

    loaded = Signal()  # the list of files was (re)loaded; `items` holds it

    def __init__(
        self,
        ctx: AppContext,
        owner_type: str,
        *,
        ensure_owner: EnsureOwner | None = None,
        report: Callable[[BaseException], object] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.report = report or (lambda error: show_error(self, error))
        self.owner_type = owner_type
        self.owner_id: str | None = None
        self.ensure_owner: EnsureOwner = ensure_owner or (lambda then: then())
        self.items: list[Record] = []
        self.read_only = False
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("placeholder")
        self.table = self._table()
        self.add_button = self._button("plus", self.add_file)
        self.save_button = self._button("save", self.save_copy)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        app_signals().changes_applied.connect(self._changes)
        self.retranslate_ui()
        self._update()

    # --- what the owner calls ---

    def set_owner(self, owner_id: str | None) -> None:
        self.owner_id = owner_id
        self.reload()

    def set_read_only(self, read_only: bool) -> None:
        """Only "Lưu bản sao…" (a case handed to another commune, a viewer)."""
        self.read_only = read_only
        self._update()

    def reload(self) -> None:
        if self.owner_id is None:
            self._show([])
            return
        ctx, kind, owner = self.ctx, self.owner_type, self.owner_id
        QueryOp(self, lambda: attachments.list_for(ctx.db, ctx.actor, kind, owner)).success(
            alive(self, self._show)
        ).failure(alive(self, self._failed)).run()

    def selected(self) -> Record | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self.items[row] if 0 <= row < len(self.items) else None

    # --- actions ---

    def add_file(self, path: Path | None = None) -> None:
        """Thêm tệp…: choose a file (or `path`), save the owner if new, then attach it."""
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, tr("Chọn tệp đính kèm"), str(printing.documents_folder()), tr(OPEN_FILTER)
            )
            if not chosen:
                return
            path = Path(chosen)
        source = path
        self.ensure_owner(lambda: self._add(source))

    def save_copy(self) -> None:
        """Lưu bản sao…: copy the chosen file out of the store, where the officer says."""
        item = self.selected()
        if item is None:
            return
        name = str(item.get("file_name") or "tep")
        suffix = Path(name).suffix.lower()
        kind = tr("Tệp {suffix} (*{suffix})", suffix=suffix) if suffix else tr("Mọi tệp (*)")
        title = tr("Lưu bản sao tệp đính kèm")
        target = printing.ask_save_path(self, title, name, kind, suffix)
        if target is None:
            return
        ctx = self.ctx
        done = tr("Đã lưu bản sao vào {path}.", path=str(target))
        MutationOp(self, lambda: attachments.export(ctx.db, ctx.actor, item.id, target)).success(
            alive(self, lambda _path: printing.offer_to_open(self, title, done, target))
        ).failure(alive(self, self._failed)).run()

    def retranslate_ui(self) -> None:
        self.add_button.setText(tr("Thêm tệp…"))
        self.add_button.setToolTip(tr("Đính kèm bản scan, ảnh chụp giấy tờ (tối đa 50 MB)"))
        self.save_button.setText(tr("Lưu bản sao…"))
        self.save_button.setToolTip(tr("Lưu một bản sao của tệp đang chọn ra thư mục khác"))
        self.table.setHorizontalHeaderLabels(
            [tr("Tên tệp"), tr("Dung lượng"), tr("Ngày thêm"), tr("Ghi chú")]
        )
        self._update()

    # --- showing ---

    def _add(self, source: Path) -> None:
        ctx, kind, owner = self.ctx, self.owner_type, self.owner_id
        if owner is None:
            return
        MutationOp(self, lambda: attachments.add(ctx.db, ctx.actor, kind, owner, source)).success(
            alive(self, lambda _record: self.reload())
        ).failure(alive(self, self._failed)).run()

    def _failed(self, error: BaseException) -> None:
        self.report(error)

    def _show(self, found: list[Record]) -> None:
        chosen = self.selected()
        self.items = list(found)
        self.table.setRowCount(len(self.items))
        locale = QLocale()
        for line, item in enumerate(self.items):
            size = item.get("size")
            cells = (
                str(item.get("file_name") or ""),
                locale.formattedDataSize(int(size)) if size is not None else "",
                format_time(item.created_at) if item.created_at else "",
                str(item.get("note") or ""),
            )
            for column, text in enumerate(cells):
                self.table.setItem(line, column, QTableWidgetItem(text))
            if chosen is not None and item.id == chosen.id:
                self.table.selectRow(line)
        self._update()
        self.loaded.emit()

    def _update(self) -> None:
        can_add = self.ctx.actor.can_write and not self.read_only
        self.add_button.setVisible(can_add)
        self.save_button.setEnabled(self.selected() is not None)
        if self.owner_id is None and can_add:
            self.hint.setText(tr("Tệp đính kèm được lưu cùng hồ sơ; hồ sơ mới sẽ được lưu trước."))
        elif not self.items:
            self.hint.setText(tr("Chưa có tệp đính kèm."))
        else:
            self.hint.setText("")
        self.hint.setVisible(bool(self.hint.text()))

    def _changes(self, changes: Changes, _initiator: object) -> None:
        if self.owner_id is not None and changes.touches("attachment"):
            self.reload()

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, 4)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.itemSelectionChanged.connect(self._update)
        table.doubleClicked.connect(lambda _index: self.save_copy())
        return table

    def _button(self, icon_name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(icon(icon_name), "")
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button
