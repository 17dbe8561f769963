"""Makes Qt follow the app's language: its own strings, its locale, and a LanguageChange for all.

desktop_app.i18n decides the language and translates the app's strings; this module tells Qt.
Installing or removing a translator makes Qt send LanguageChange to every widget, whose
changeEvent() then calls retranslate_ui(), so a switch needs no restart.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale
from PySide6.QtWidgets import QApplication

from desktop_app.i18n import language
from ui.qt_vietnamese import QtVietnamese

LOCALES = {
    "vi": QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam),
    # British English reads dates day first, like the dd/mm/yyyy the app prints.
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}

# The one instance, created on first use; Qt does not own installed translators.
_translator: QtVietnamese | None = None


def apply_language(app: QApplication) -> None:
    """Make Qt speak desktop_app.i18n.language() and retranslate every open window.

    Every call ends with exactly one round of LanguageChange events, even when the language
    did not change (the translator is reinstalled), so callers never have to check first.
    """
    code = language()
    QLocale.setDefault(LOCALES.get(code, LOCALES["vi"]))
    translator = qt_translator()
    removed = app.removeTranslator(translator)
    if code == "vi":
        app.installTranslator(translator)  # posts LanguageChange (Qt merges it with removal's)
    elif not removed:
        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))


def qt_translator() -> QtVietnamese:
    """The translator of Qt's own strings, installed while the language is Vietnamese."""
    global _translator
    if _translator is None:
        _translator = QtVietnamese()
    return _translator
