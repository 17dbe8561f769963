"""The meeting form's seven tabs: their titles with the number of rows each part holds, and the
keys that move between them (Alt+1…7, Ctrl+PgDown / Ctrl+PgUp) with the cursor landing in the
tab's first field or table."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QWidget

from desktop_app.i18n import tr


class MeetingTabs(QTabWidget):
    """Chung, Thành phần tham dự, Nội dung, Ý kiến, Kết luận, Tài liệu scan, Đính chính."""

    def add_keys(self, window: QWidget) -> None:
        """Ctrl+PgDown / Ctrl+PgUp: next / previous tab; Alt+1…7: that tab (once all are added)."""
        QShortcut(QKeySequence("Ctrl+PgDown"), window, lambda: self._step_tab(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), window, lambda: self._step_tab(-1))
        for index in range(self.count()):
            QShortcut(QKeySequence(f"Alt+{index + 1}"), window, lambda i=index: self.show_tab(i))

    def show_tab(self, index: int) -> None:
        """Bring tab `index` forward and put the cursor in its first field or table."""
        page = self.widget(index)
        if page is None or not self.isTabVisible(index):
            return
        self.setCurrentIndex(index)
        found = _first_field(page)
        if found is not None:
            found.setFocus(Qt.FocusReason.TabFocusReason)

    def _step_tab(self, step: int) -> None:
        index = self.currentIndex()
        for _ in range(self.count()):
            index = (index + step) % self.count()
            if self.isTabVisible(index):
                self.show_tab(index)
                return

    def name_tabs(self, counts: Mapping[int, int]) -> None:
        """Each tab's title, with `counts[index]` rows after it when the count is known."""
        titles = (
            tr("Chung"),
            tr("Thành phần tham dự"),
            tr("Nội dung"),
            tr("Ý kiến"),
            tr("Kết luận"),
            tr("Tài liệu scan"),
            tr("Đính chính"),
        )
        for index, title in enumerate(titles):
            text = f"{title} ({counts[index]})" if index in counts else title
            self.setTabText(index, text)
            self.setTabToolTip(index, f"Alt+{index + 1}")


def _first_field(page: QWidget) -> QWidget | None:
    """The first widget inside `page` that Tab reaches."""
    widget = page.nextInFocusChain()
    for _ in range(2000):  # the window's whole chain at most
        if widget is None or widget is page:
            return None
        focusable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if page.isAncestorOf(widget) and focusable and widget.isVisible() and widget.isEnabled():
            return widget
        widget = widget.nextInFocusChain()
    return None
