"""A lazy table over a record list: the ordered ids, and rows fetched as they are painted.

Anki's browser model, adapted to a worker thread: `rowCount()` and `flags()` never query;
`data()` serves cached rows and, for a row not yet fetched, a placeholder while the page
around it is fetched by a QueryOp. Refreshing marks the cache stale instead of clearing it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer

from desktop_app import listing
from desktop_app.i18n import tr
from ui.context import AppContext
from ui.ops import QueryOp

PAGE = 100
PLACEHOLDER = "…"
Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """Rows of one record type, in the core's display order (Vietnamese order for people)."""

    def __init__(
        self, ctx: AppContext, record_type: str, filters: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.record_type = record_type
        self.filters = dict(filters or {})
        self.search_text = ""
        self._columns = listing.columns(record_type, ctx.actor)
        self._ids: list[str] = []
        self._rows: dict[str, tuple[str, ...]] = {}
        self._stale: set[str] = set()
        self._wanted: set[int] = set()
        self._requested: set[int] = set()
        self._generation = 0
        self.loaded: Callable[[int], None] = lambda count: None
        self._fetch_timer = QTimer(self, singleShot=True, interval=0)
        self._fetch_timer.timeout.connect(self._fetch_wanted)

    # --- Qt model interface (never queries) ---

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        record_id = self._ids[index.row()]
        row = self._rows.get(record_id)
        if row is None or record_id in self._stale:
            self._want(index.row())
        if row is None:
            return PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole else None
        return row[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return tr(self._columns[section].title)
        return section + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- what views call ---

    def record_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int:
        return self._ids.index(record_id) if record_id in self._ids else -1

    def search(self, text: str) -> None:
        self.search_text = text
        self.reload()

    def set_filters(self, filters: Mapping[str, Any]) -> None:
        self.filters = {k: v for k, v in filters.items() if v}
        self.reload()

    def reload(self) -> None:
        """Fetch the id list again; cached rows are kept but marked stale."""
        self._generation += 1
        generation = self._generation
        ctx, kind, text, filters = self.ctx, self.record_type, self.search_text, dict(self.filters)
        QueryOp(
            None, lambda: listing.list_ids(ctx.db, ctx.actor, kind, search=text, filters=filters)
        ).success(lambda ids: self._ids_arrived(generation, ids)).run()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self._columns) - 1))

    # --- fetching ---

    def _ids_arrived(self, generation: int, ids: list[str]) -> None:
        if generation != self._generation:
            return  # an older search finished after a newer one started
        self.beginResetModel()
        self._ids = ids
        self._stale = set(self._rows)
        self._wanted.clear()
        self._requested.clear()
        self.endResetModel()
        self.loaded(len(ids))
        if ids:
            self._want(0)

    def _want(self, row: int) -> None:
        page = row // PAGE
        if page not in self._requested:
            self._wanted.add(page)
            self._fetch_timer.start()

    def _fetch_wanted(self) -> None:
        pages = sorted(self._wanted - self._requested)
        self._wanted.clear()
        for page in pages:
            self._requested.add(page)
            self._fetch_page(page)

    def _fetch_page(self, page: int) -> None:
        ids = self._ids[page * PAGE : (page + 1) * PAGE]
        generation = self._generation
        ctx, kind = self.ctx, self.record_type
        QueryOp(None, lambda: listing.list_rows(ctx.db, ctx.actor, kind, ids)).success(
            lambda rows: self._rows_arrived(generation, page, ids, rows)
        ).run()

    def _rows_arrived(
        self, generation: int, page: int, ids: Sequence[str], rows: dict[str, tuple[str, ...]]
    ) -> None:
        if generation != self._generation:
            return
        self._rows.update(rows)
        self._stale.difference_update(ids)
        first, last = page * PAGE, min(len(self._ids), (page + 1) * PAGE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._columns) - 1))
