"""What every page offers the main window: a title, an icon, refresh, search, retranslation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.changes import Changes
from desktop_app.i18n import tr
from ui.context import AppContext
from ui.record_list import RecordList


class Page(QWidget):
    """A sidebar page. `name` is what `--page` takes; `title` is Vietnamese source text."""

    name = ""
    title = ""
    icon_name = ""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 12)
        self.body.setSpacing(10)
        self.body.addWidget(self.heading)

    def load(self) -> None:
        """Fetch what the page shows (called once when first shown)."""

    def on_changes(self, changes: Changes) -> None:
        """Refresh what `changes` affects."""

    def print_current(self) -> bool:
        """Ctrl+P: print what the page offers; False when it has nothing to print."""
        return False

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in this page's search box, if it has one."""

    def new_record(self) -> bool:
        """Ctrl+N: open the form for a new record of what the page shows; False if none."""
        return False

    def retranslate_ui(self) -> None:
        self.heading.setText(tr(self.title))


class ListsPage(Page):
    """A page of one or more record lists, as tabs when there are several."""

    # (record type, tab title) pairs, and optional fixed filters per record type
    lists: ClassVar[tuple[tuple[str, str], ...]] = ()
    filters: ClassVar[Mapping[str, Mapping[str, str]]] = {}
    # Record types whose lists get Thêm / Sửa / Xóa (for officers who may write)
    editable: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.record_lists = [
            RecordList(ctx, kind, self.filters.get(kind), editable=kind in self.editable)
            for kind, _ in self.lists
        ]
        if len(self.record_lists) == 1:
            self.tabs = None
            self.body.addWidget(self.record_lists[0], 1)
        else:
            self.tabs = QTabWidget()
            for widget in self.record_lists:
                self.tabs.addTab(widget, "")
            self.body.addWidget(self.tabs, 1)
        self.retranslate_ui()

    def load(self) -> None:
        # Every list's rows before any filter's choices: the worker runs ops in order.
        for widget in self.record_lists:
            widget.load_rows()
        for widget in self.record_lists:
            widget.load_filters()

    def on_changes(self, changes: Changes) -> None:
        for widget in self.record_lists:
            widget.on_changes(changes)

    def current_list(self) -> RecordList:
        """The list on the current tab, or the first one when the tab holds something else."""
        if self.tabs is None:
            return self.record_lists[0]
        index = self.tabs.currentIndex()
        return (
            self.record_lists[index]
            if 0 <= index < len(self.record_lists)
            else self.record_lists[0]
        )

    def focus_search(self) -> None:
        if self.tabs is None or self.tabs.currentIndex() < len(self.record_lists):
            self.current_list().focus_search()

    def new_record(self) -> bool:
        index = self.tabs.currentIndex() if self.tabs is not None else 0
        if not 0 <= index < len(self.record_lists):
            return False  # a tab that is not a list (the settings' preferences)
        return self.record_lists[index].new_record()

    def show_record(self, record_type: str, record_id: str) -> bool:
        """Bring the list of `record_type` forward and show the record's detail."""
        for index, widget in enumerate(self.record_lists):
            if widget.record_type == record_type:
                if self.tabs is not None:
                    self.tabs.setCurrentIndex(index)
                widget.detail.show_record(record_type, record_id)
                return True
        # A part without a list of its own (an opinion) opens in the current list's detail.
        self.current_list().detail.show_record(record_type, record_id)
        return True

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if self.tabs is not None:
            for index, (_, title) in enumerate(self.lists):
                self.tabs.setTabText(index, tr(title))
        for widget in getattr(self, "record_lists", ()):
            widget.retranslate_ui()
