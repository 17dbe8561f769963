"""What the sync page loads (this machine's card, its peers, where sync stands) and the kinds
of records whose change makes it refresh."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.changes import Changes
from desktop_app.i18n import tr
from desktop_app.services import peers
from desktop_app.services.peers import KeyCard, PeerView
from desktop_app.sync import status
from desktop_app.sync.status import SyncStatus
from ui.context import AppContext

# Record types the sync page refreshes on; its own writes add them to what they return,
# since peers, packages and conflicts are not records the change log sees.
SYNC_TYPES = ("peer", "sync_inbox", "sync_outbox", "sync_conflict", "local_replica")
CONFLICTS_CHANGED = Changes(frozenset({"sync_conflict"}))
PACKAGES_CHANGED = Changes(frozenset({"sync_inbox", "sync_outbox"}))
REPLICA_CHANGED = Changes(frozenset({"local_replica", "sync_inbox"}))


@dataclass(frozen=True)
class SyncData:
    """What the sync page shows: this machine's card, its peers, where sync stands."""

    card: KeyCard
    peers: tuple[PeerView, ...]
    status: SyncStatus

    def name_of(self, replica_id: str) -> str:
        if replica_id == self.card.replica_id:
            return tr("máy này")
        found = next((p.name for p in self.peers if p.replica_id == replica_id), None)
        return found or tr("máy {id}", id=replica_id[-8:])


def load_sync(ctx: AppContext) -> SyncData:
    """Everything the page shows, read on the worker."""
    card = peers.key_card(ctx.db, ctx.actor)
    found = tuple(peers.list_peers(ctx.db, ctx.actor))
    return SyncData(card, found, status.status(ctx.db, ctx.actor))
