"""Kiểm tra trùng: the records that look like the same person, and merging them.

The list comes from `duplicates.review`; the officer picks, within a group, the record to
keep, and the others of that group are merged into it (`duplicates.merge`, one per record).
Merging keeps the merged record in the history, so it can be traced but not undone here.
"""

from __future__ import annotations

from functools import reduce

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.changes import Changes
from desktop_app.i18n import tr
from desktop_app.records.catalog import record_type
from desktop_app.services import duplicates
from desktop_app.services.duplicates import Candidate, DuplicateGroup
from ui.context import AppContext
from ui.forms.guards import alive, confirm
from ui.ops import MutationOp, QueryOp

GROUP_ROLE = Qt.ItemDataRole.UserRole  # on a candidate's item: (group index, candidate id)


def shown_name(candidate: Candidate) -> str:
    """Title and detail: two people of one name differ by their birth, số định danh, address."""
    return f"{candidate.title} ({candidate.detail})" if candidate.detail else candidate.title


class DuplicatesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.groups: list[DuplicateGroup] = []
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 4px 2px; }")
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 300)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.choice = QLabel()
        self.choice.setWordWrap(True)
        self.merge_button = QPushButton()
        self.merge_button.setAutoDefault(False)
        self.merge_button.clicked.connect(lambda _checked=False: self.merge())
        self.merge_button.setVisible(ctx.actor.can_write)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self.setMinimumSize(760, 480)
        self.retranslate_ui()
        self._selection_changed()

    def load(self) -> None:
        ctx = self.ctx
        QueryOp(self, lambda: duplicates.review(ctx.db, ctx.actor)).success(
            alive(self, self._show)
        ).run()

    def choose_keep(self, record_id: str) -> None:
        """Select the record to keep (what a click on its line does)."""
        for item in self._candidate_items():
            if item.data(0, GROUP_ROLE)[1] == record_id:
                self.tree.setCurrentItem(item)
                return

    def keep_and_others(self) -> tuple[DuplicateGroup, Candidate, list[Candidate]] | None:
        """The group of the selected line, the record it keeps, and the ones merged into it."""
        items = self.tree.selectedItems()
        target = items[0].data(0, GROUP_ROLE) if items else None
        if not target:
            return None
        group = self.groups[target[0]]
        keep = next(c for c in group.records if c.id == target[1])
        return group, keep, [c for c in group.records if c.id != keep.id]

    def merge(self) -> None:
        chosen = self.keep_and_others()
        if chosen is None or not self.ctx.actor.can_write:
            return
        group, keep, others = chosen
        question = tr(
            "Gộp «{other}» vào «{keep}»? Hồ sơ «{other}» được giữ lại trong lịch sử, "
            "mọi liên kết chuyển sang «{keep}».",
            other="», «".join(shown_name(c) for c in others),
            keep=shown_name(keep),
        )
        if not confirm(self, tr("Gộp hồ sơ trùng"), question):
            return
        ctx, kind, ids = self.ctx, group.record_type, [c.id for c in others]

        def work() -> Changes:
            merged = [duplicates.merge(ctx.db, ctx.actor, kind, keep.id, i) for i in ids]
            return reduce(lambda a, b: a | b, merged, Changes())

        MutationOp(self, work).success(alive(self, lambda _changes: self.load())).run()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Kiểm tra hồ sơ trùng"))
        self.intro.setText(
            tr(
                "Những hồ sơ dưới đây có thể là cùng một người. Chọn dòng của hồ sơ cần giữ "
                "lại rồi bấm «Gộp»: các hồ sơ khác trong nhóm được gộp vào hồ sơ đó."
            )
        )
        self.tree.setHeaderLabels([tr("Hồ sơ"), tr("Chi tiết")])
        self.merge_button.setText(tr("Gộp"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(tr("Đóng"))
        self._show(self.groups)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _layout(self) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.choice, 1)
        actions.addWidget(self.merge_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addWidget(self.tree, 1)
        layout.addLayout(actions)
        layout.addWidget(self.buttons)

    def _show(self, groups: list[DuplicateGroup]) -> None:
        self.groups = list(groups)
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for index, group in enumerate(self.groups):
            kind = tr(record_type(group.record_type).label)
            head = QTreeWidgetItem([tr("{kind}: {reason}", kind=kind, reason=group.reason), ""])
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for candidate in group.records:
                item = QTreeWidgetItem([candidate.title, candidate.detail])
                item.setData(0, GROUP_ROLE, (index, candidate.id))
                item.setToolTip(0, tr("Mã: {id}", id=candidate.id))
                head.addChild(item)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)  # only once the item is in the tree
            head.setExpanded(True)
        if not self.groups:
            empty = QTreeWidgetItem([tr("Không tìm thấy hồ sơ nào có thể trùng."), ""])
            empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(empty)
            empty.setFirstColumnSpanned(True)
        self._selection_changed()

    def _candidate_items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for row in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(row)
            children = [head.child(n) for n in range(head.childCount())] if head else []
            found += [child for child in children if child is not None]
        return found

    def _selection_changed(self) -> None:
        chosen = self.keep_and_others()
        self.merge_button.setEnabled(chosen is not None)
        if chosen is None:
            self.choice.setText(tr("Chọn hồ sơ giữ lại trong một nhóm."))
            return
        _group, keep, others = chosen
        self.choice.setText(
            tr(
                "Giữ lại: {keep}. Gộp vào đó: {others}.",
                keep=shown_name(keep),
                others="; ".join(shown_name(c) for c in others),
            )
        )


def open_duplicates(parent: QWidget, ctx: AppContext) -> DuplicatesDialog:
    """The review, window-modal over the main window; it deletes itself when closed."""
    dialog = DuplicatesDialog(ctx, parent.window())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    dialog.load()
    return dialog
