"""A lazy table over a record list: the ordered ids, and rows fetched as they are painted.

Anki's browser model, adapted to a worker thread: `rowCount()` and `flags()` never query;
`data()` serves cached rows and, for a row not yet fetched, a placeholder while the page
around it is fetched by a QueryOp. Refreshing marks the cache stale instead of clearing it.

A list opens with its count and first page in one read (`listing.open_list`). A list longer
than `listing.WHOLE_LIST` (a province's residents) does not hold every id: an id is known
once its page has been read (`listing.list_window`), so a million rows cost what is seen.
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
        self._ids: list[str | None] = []  # None: that row's page has not been read yet
        self.capped = False  # a search matched more rows than the list holds
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
        row = self._rows.get(record_id) if record_id is not None else None
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

    def has_row(self, row: int) -> bool:
        """Whether the row's values are here (painted as text, not as a placeholder)."""
        record_id = self.record_id(row)
        return record_id is not None and record_id in self._rows

    def row_of(self, record_id: str) -> int:
        return self._ids.index(record_id) if record_id in self._ids else -1

    def search(self, text: str) -> None:
        self.search_text = text
        self.reload()

    def set_filters(self, filters: Mapping[str, Any]) -> None:
        self.filters = {k: v for k, v in filters.items() if v}
        self.reload()

    def reload(self) -> None:
        """Open the list again; cached rows are kept but marked stale."""
        self._generation += 1
        generation = self._generation
        ctx, kind, text, filters = self.ctx, self.record_type, self.search_text, dict(self.filters)
        QueryOp(
            None,
            lambda: listing.open_list(
                ctx.db, ctx.actor, kind, search=text, filters=filters, page=PAGE
            ),
        ).success(lambda opened: self._opened(generation, opened)).run()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self._columns) - 1))

    # --- fetching ---

    def _opened(self, generation: int, opened: listing.Opened) -> None:
        if generation != self._generation:
            return  # an older search finished after a newer one started
        self.beginResetModel()
        self._ids = list(opened.ids)
        self.capped = opened.capped
        self._stale = set(self._rows).difference(opened.rows)
        self._rows.update(opened.rows)
        self._wanted.clear()
        self._requested.clear()
        self.endResetModel()
        if opened.count is not None:
            self.loaded(opened.count)
            return
        ctx, kind, filters = self.ctx, self.record_type, dict(self.filters)
        QueryOp(None, lambda: listing.count_list(ctx.db, ctx.actor, kind, filters=filters)).success(
            lambda count: self._counted(generation, count)
        ).run()

    def _counted(self, generation: int, count: int) -> None:
        """The rest of a long list: rows after the first ones, ids read when scrolled to."""
        if generation != self._generation:
            return
        known = len(self._ids)
        if count > known:
            self.beginInsertRows(QModelIndex(), known, count - 1)
            self._ids.extend([None] * (count - known))
            self.endInsertRows()
        self.loaded(len(self._ids))

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
        known = self._ids[page * PAGE : (page + 1) * PAGE]
        generation = self._generation
        ctx, kind = self.ctx, self.record_type
        if None not in known:
            ids = [i for i in known if i is not None]
            QueryOp(None, lambda: listing.list_rows(ctx.db, ctx.actor, kind, ids)).success(
                lambda rows: self._rows_arrived(generation, page, ids, rows)
            ).run()
            return
        text, filters, total = self.search_text, dict(self.filters), len(self._ids)
        QueryOp(
            None,
            lambda: listing.list_window(
                ctx.db,
                ctx.actor,
                kind,
                search=text,
                filters=filters,
                offset=page * PAGE,
                limit=PAGE,
                total=total,
            ),
        ).success(lambda window: self._rows_arrived(generation, page, *window)).run()

    def _rows_arrived(
        self, generation: int, page: int, ids: Sequence[str], rows: Mapping[str, tuple[str, ...]]
    ) -> None:
        if generation != self._generation:
            return
        start = page * PAGE
        known = max(0, min(len(ids), len(self._ids) - start))
        self._ids[start : start + known] = ids[:known]
        self._rows.update(rows)
        self._stale.difference_update(ids)
        first, last = page * PAGE, min(len(self._ids), (page + 1) * PAGE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._columns) - 1))
