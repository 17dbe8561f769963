"""App-wide signals, declared once. Past-tense names; each says who emits it and what it carries."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppSignals(QObject):
    # A MutationOp finished: (Changes, initiator widget or None). Views refresh only the
    # record types named in Changes.types.
    changes_applied = Signal(object, object)
    # The officer switched the interface language; widgets call their retranslate_ui().
    language_changed = Signal()
    # The database worker started (True) or finished (False) its last queued task.
    busy_changed = Signal(bool)
    # The screen was locked after idle minutes, or unlocked by the officer.
    screen_locked = Signal()
    screen_unlocked = Signal()


_signals: AppSignals | None = None


def app_signals() -> AppSignals:
    """The one instance (created on first use, in the GUI thread)."""
    global _signals
    if _signals is None:
        _signals = AppSignals()
    return _signals
