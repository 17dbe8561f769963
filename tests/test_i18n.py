"""Translation: every UI string has English, placeholders survive, and Qt follows a switch."""

from __future__ import annotations

import json
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget

from desktop_app.errors import ValidationError
from desktop_app.i18n import SOURCE_LANGUAGE, language, set_language, tr
from desktop_app.services import records
from tests.conftest import Env
from ui.language import apply_language

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "resources" / "i18n" / "en.json"


class LanguageCounter(QWidget):
    """Counts the LanguageChange events Qt delivers to it."""

    def __init__(self) -> None:
        super().__init__()
        self.changes = 0

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.changes += 1
        super().changeEvent(event)


@pytest.fixture(autouse=True)
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The QApplication; Vietnamese again after each test, whatever the test switched to."""
    yield qapp
    set_language(SOURCE_LANGUAGE)
    apply_language(qapp)
    qapp.processEvents()


def switch(app: QApplication, code: str) -> None:
    set_language(code)
    apply_language(app)
    app.processEvents()


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def plain(text: str) -> str:
    """A menu or button text as read: no mnemonic "&", no "\\tCtrl+C" shortcut."""
    return text.split("\t")[0].replace("&", "")


def test_every_ui_string_has_english() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "extract_strings.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_translations_keep_their_placeholders() -> None:
    catalog: dict[str, str] = json.loads(CATALOG.read_text(encoding="utf-8"))
    differ = {s: t for s, t in catalog.items() if t and placeholders(s) != placeholders(t)}
    assert differ == {}


def test_tr_fills_placeholders_in_both_languages() -> None:
    assert language() == "vi"
    assert tr("{n} hồ sơ", n=12) == "12 hồ sơ"
    set_language("en")
    assert tr("{n} hồ sơ", n=12) == "12 records"
    assert tr("Cán bộ: {name}", name="Nguyễn Văn A") == "Officer: Nguyễn Văn A"
    assert tr("Hộ gia đình") == "Households"
    assert tr("Chuỗi chưa có trong danh mục") == "Chuỗi chưa có trong danh mục"


def test_each_switch_sends_one_language_change(app: QApplication) -> None:
    widget = LanguageCounter()
    widget.show()
    for expected, code in enumerate(("en", "vi", "en", "en", "vi", "vi"), start=1):
        switch(app, code)
        assert widget.changes == expected, code


def message_box_buttons() -> list[str]:
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    return sorted(plain(button.text()) for button in box.buttons())


def line_edit_menu() -> list[str]:
    edit = QLineEdit("abc")
    menu = edit.createStandardContextMenu()  # a child of `edit`, which must outlive it here
    assert menu is not None
    return [plain(action.text()) for action in menu.actions() if action.text()]


def test_qt_dialogs_speak_the_chosen_language(app: QApplication) -> None:
    switch(app, "vi")
    assert message_box_buttons() == ["Hủy", "Đồng ý"]
    assert {"Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa"} <= set(line_edit_menu())
    switch(app, "en")
    assert message_box_buttons() == ["Cancel", "OK"]
    assert {"Undo", "Copy", "Paste", "Select All"} <= set(line_edit_menu())
    switch(app, "vi")
    assert "Sao chép" in line_edit_menu()


def test_core_validation_errors_follow_the_language(sqlite_env: Env) -> None:
    """Errors raised by the Qt-free services are translated too (the `app` fixture restores vi)."""
    bad = {"full_name": "Nguyễn Văn A", "id_number": "12345"}
    set_language("en")
    with pytest.raises(ValidationError) as caught:
        records.put(sqlite_env.db, sqlite_env.admin, "person", bad)
    problem = "Personal identification number: must consist of exactly 12 digits (entered '12345')"
    assert caught.value.fields == {"id_number": problem}
    assert caught.value.message == f"Residents: the data is not valid. {problem}"
    set_language(SOURCE_LANGUAGE)
    with pytest.raises(ValidationError) as caught:
        records.put(sqlite_env.db, sqlite_env.admin, "person", bad)
    assert caught.value.fields == {
        "id_number": "Số định danh cá nhân: phải gồm đúng 12 chữ số (đã nhập '12345')"
    }
