"""Who is acting: the logged-in officer, and what each role may do (checked in the services)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.errors import PermissionDeniedError
from desktop_app.i18n import tr

ADMIN, OFFICER, VIEWER = "admin", "officer", "viewer"


@dataclass(frozen=True)
class Actor:
    officer_id: str
    username: str
    full_name: str
    role: str

    @property
    def can_write(self) -> bool:
        return self.role in (ADMIN, OFFICER)

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def sees_case_details(self) -> bool:
        return self.role in (ADMIN, OFFICER)


def require_write(actor: Actor) -> None:
    if not actor.can_write:
        raise PermissionDeniedError(
            tr(
                "Tài khoản '{username}' chỉ có quyền xem, không được thay đổi dữ liệu.",
                username=actor.username,
            )
        )


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise PermissionDeniedError(
            tr(
                "Chỉ Trưởng Công an xã (quyền quản trị) được làm việc này; "
                "tài khoản '{username}' không có quyền.",
                username=actor.username,
            )
        )
