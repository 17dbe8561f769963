"""Progress of long work (imports, exports, seeding), reported from the worker, cancellable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_app.errors import AntqError
from desktop_app.i18n import tr


class CancelledError(AntqError):
    """The officer cancelled; the transaction was rolled back, nothing changed."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__(tr("Đã hủy; dữ liệu chưa bị thay đổi."))


@dataclass
class Progress:
    """Passed to long work as `progress(done, total)`; raises CancelledError once cancelled.

    Threading: `__call__` runs in the worker, `cancel()` in the GUI thread; a bool flag
    is enough between them.
    """

    listener: Callable[[int, int], None] = field(default=lambda done, total: None)
    cancelled: bool = False

    def __call__(self, done: int, total: int) -> None:
        if self.cancelled:
            raise CancelledError()
        self.listener(done, total)

    def cancel(self) -> None:
        self.cancelled = True
