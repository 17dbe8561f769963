"""QueryOp and MutationOp: every database call runs on one worker thread (DESIGN.md §5).

The GUI thread never runs SQL. An op's `success`/`failure` callbacks are delivered on the GUI
thread. Threading contract: `TaskManager` lives in the GUI thread; its executor has exactly
one worker, so database work is serialised in submission order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.changes import Changes
from ui.signals import app_signals

T = TypeVar("T")
log = logging.getLogger("antq.ui.ops")


class TaskManager(QObject):
    """Runs callables on the single database worker and brings results back."""

    _deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="antq-db")
        self._pending = 0
        # Tests set this to run ops inline, so a test reads results right after the call.
        self.synchronous = False
        self._deliver.connect(self._run_on_gui, Qt.ConnectionType.QueuedConnection)

    def submit(self, work: Callable[[], T], done: Callable[[Future[T]], None]) -> None:
        self._set_pending(+1)
        if self.synchronous:
            future: Future[T] = Future()
            try:
                future.set_result(work())
            except BaseException as error:  # delivered to the failure callback
                future.set_exception(error)
            self._finish(done, future)
            return
        running = self._executor.submit(work)
        running.add_done_callback(lambda f: self._deliver.emit(lambda: self._finish(done, f)))

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _finish(self, done: Callable[[Future[T]], None], future: Future[T]) -> None:
        try:
            done(future)
        finally:
            self._set_pending(-1)

    def _run_on_gui(self, closure: Callable[[], None]) -> None:
        closure()

    def _set_pending(self, delta: int) -> None:
        before = self._pending
        self._pending += delta
        if (before == 0) != (self._pending == 0):
            app_signals().busy_changed.emit(self._pending > 0)


_tasks: TaskManager | None = None


def task_manager() -> TaskManager:
    global _tasks
    if _tasks is None:
        _tasks = TaskManager()
    return _tasks


class QueryOp(Generic[T]):
    """Read in the background: `QueryOp(parent, lambda: service(...)).success(cb).run()`."""

    def __init__(self, parent: QWidget | None, op: Callable[[], T]) -> None:
        self._parent = parent
        self._op = op
        self._success: Callable[[T], Any] = lambda _result: None
        self._failure: Callable[[BaseException], Any] | None = None

    def success(self, callback: Callable[[T], Any]) -> QueryOp[T]:
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], Any]) -> QueryOp[T]:
        self._failure = callback
        return self

    def run(self) -> None:
        task_manager().submit(self._op, self._done)

    def _done(self, future: Future[T]) -> None:
        error = future.exception()
        if error is not None:
            self._fail(error)
            return
        self._success(future.result())

    def _fail(self, error: BaseException) -> None:
        if self._failure is not None:
            self._failure(error)
            return
        from ui.errors import show_error

        show_error(self._parent, error)


class MutationOp(QueryOp[T]):
    """A write: on success, `changes_applied` tells every view what changed."""

    def _done(self, future: Future[T]) -> None:
        error = future.exception()
        if error is None:
            changes = changes_of(future.result())
            if changes:
                app_signals().changes_applied.emit(changes, self._parent)
        super()._done(future)


def changes_of(result: object) -> Changes:
    """The Changes a service returned: the value itself, a `.changes` field, or in a tuple."""
    if isinstance(result, Changes):
        return result
    found = getattr(result, "changes", None)
    if isinstance(found, Changes):
        return found
    if isinstance(result, tuple):
        for item in result:
            if isinstance(item, Changes):
                return item
    return Changes()
