"""What every window and page needs to reach the core: the database handle and the officer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.actor import Actor

if TYPE_CHECKING:
    from desktop_app.database import Database


@dataclass
class AppContext:
    """Set at login; `actor` changes when another officer unlocks the screen."""

    db: Database
    actor: Actor
