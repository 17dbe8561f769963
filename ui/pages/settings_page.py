"""Cài đặt: officers, areas, vocabularies, and this computer's preferences."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from desktop_app import settings
from desktop_app.i18n import language, tr
from ui.backups import BackupsPanel
from ui.context import AppContext
from ui.pages.base import ListsPage

LANGUAGES = (("vi", "Tiếng Việt"), ("en", "English"))


class SettingsPage(ListsPage):
    name = "settings"
    title = "Cài đặt"
    icon_name = "settings"
    lists = (
        ("officer", "Cán bộ"),
        ("area", "Thôn, tổ dân phố"),
        ("vocabulary_term", "Danh mục"),
    )
    # Officers are managed with `antq officers`, not through records: their tab stays read-only.
    editable = frozenset({"area", "vocabulary_term"})

    def __init__(self, ctx: AppContext, switch_language: Callable[[str], None]) -> None:
        self.switch_language = switch_language
        self.preferences = QWidget()
        form = QFormLayout(self.preferences)
        self.language_label, self.lock_label = QLabel(), QLabel()
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex([c for c, _ in LANGUAGES].index(language()))
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(1, 240)
        self.auto_lock.setValue(settings.load()["auto_lock_minutes"])
        form.addRow(self.language_label, self.language)
        form.addRow(self.lock_label, self.auto_lock)
        self.contact_labels: dict[str, QLabel] = {}
        for level in "ABCD":
            form.addRow(*self._contact_row(level))
        super().__init__(ctx)
        assert self.tabs is not None
        self.tabs.addTab(self.preferences, "")
        self.backups = BackupsPanel(ctx)
        self.tabs.addTab(self.backups, "")
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.auto_lock.valueChanged.connect(
            lambda minutes: settings.save("auto_lock_minutes", minutes)
        )
        self.retranslate_ui()

    def _contact_row(self, level: str) -> tuple[QLabel, QSpinBox]:
        """Days between contacts for one class (0 = none, as for D while detained)."""
        key = f"contact_days_{level.lower()}"
        box = QSpinBox()
        box.setRange(0, 365)
        box.setValue(settings.load()[key])
        box.valueChanged.connect(lambda days, key=key: settings.save(key, days))
        label = QLabel()
        self.contact_labels[level] = label
        return label, box

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        for level, label in getattr(self, "contact_labels", {}).items():
            label.setText(tr("Tiếp xúc người loại {level} mỗi (ngày; 0 là không)", level=level))
        if self.tabs is not None and self.tabs.count() > len(self.lists):
            self.tabs.setTabText(len(self.lists), tr("Tùy chọn máy này"))
        if self.tabs is not None and self.tabs.count() > len(self.lists) + 1:
            self.tabs.setTabText(len(self.lists) + 1, tr("Sao lưu"))
            self.backups.retranslate_ui()
        self.language_label.setText(tr("Ngôn ngữ giao diện"))
        self.lock_label.setText(tr("Tự khóa màn hình sau (phút không thao tác)"))

    def _language_chosen(self, index: int) -> None:
        self.switch_language(self.language.itemData(index))
