"""Local tables: this replica's identity, its sync bookkeeping, the audit trail, the search index.

None of these rows replicate through the change log; packages carry what they need.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import ID_LENGTH, UNIT_CODE_LENGTH, Base, UtcDateTime

HLC_LENGTH = 21


class LocalReplica(Base):
    """This database's identity (one row): replica id, role, commune, clocks, private keys."""

    __tablename__ = "local_replica"

    replica_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    role: Mapped[str] = mapped_column(String(10))
    unit_code: Mapped[str] = mapped_column(String(UNIT_CODE_LENGTH))
    province_code: Mapped[str] = mapped_column(String(UNIT_CODE_LENGTH))
    name: Mapped[str] = mapped_column(String(200))
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hlc: Mapped[str] = mapped_column(String(HLC_LENGTH))
    age_identity: Mapped[str] = mapped_column(Text)
    age_recipient: Mapped[str] = mapped_column(Text)
    sign_private: Mapped[str] = mapped_column(Text)
    sign_public: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Peer(Base):
    """Another replica introduced by its key card: the hub for a post, the posts for a hub."""

    __tablename__ = "peer"

    replica_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    role: Mapped[str] = mapped_column(String(10))
    unit_code: Mapped[str] = mapped_column(String(UNIT_CODE_LENGTH))
    name: Mapped[str] = mapped_column(String(200))
    age_recipient: Mapped[str] = mapped_column(Text)
    sign_public: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(80))
    added_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class SyncChange(Base):
    """One changed field: the unit of capture, transport, acknowledgement and conflict detection."""

    __tablename__ = "sync_change"
    __table_args__ = (
        UniqueConstraint("origin", "seq", name="uq_sync_change_origin_seq"),
        Index("ix_sync_change_row", "tbl", "row_id"),
    )

    change_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    origin: Mapped[str] = mapped_column(String(ID_LENGTH))
    seq: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(HLC_LENGTH))
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    field: Mapped[str] = mapped_column(String(60))
    value: Mapped[str | None] = mapped_column(Text)  # JSON
    base_hlc: Mapped[str | None] = mapped_column(String(HLC_LENGTH))
    base_origin: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    tx_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    officer_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    schema_version: Mapped[int] = mapped_column(Integer)
    unit_code: Mapped[str | None] = mapped_column(String(UNIT_CODE_LENGTH), index=True)
    applied: Mapped[bool] = mapped_column(Boolean, default=True)


class SyncClock(Base):
    """The winning version of each field: (hlc, origin). Merge compares against this."""

    __tablename__ = "sync_clock"
    # Keyed tables without a rowid store each row once, in the key's B-tree (half the size).
    __table_args__ = ({"sqlite_with_rowid": False},)

    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    field: Mapped[str] = mapped_column(String(60), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(HLC_LENGTH))
    origin: Mapped[str] = mapped_column(String(ID_LENGTH))


class VersionVector(Base):
    """Per origin, the highest seq applied here with no gap before it."""

    __tablename__ = "sync_version_vector"

    origin: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)


class PeerAck(Base):
    """What a peer has acknowledged (its version vector, max only): exports start above it."""

    __tablename__ = "sync_peer_ack"

    peer_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    origin: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)


class AuditAck(Base):
    """How far a peer holds each machine's audit chain (max only): exports send what is above."""

    __tablename__ = "sync_audit_ack"

    peer_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    replica_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)


class SyncConflict(Base):
    """Two concurrent values of one field: the winner applied, both kept for review."""

    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    field: Mapped[str] = mapped_column(String(60))
    winner_value: Mapped[str | None] = mapped_column(Text)
    winner_hlc: Mapped[str] = mapped_column(String(HLC_LENGTH))
    winner_origin: Mapped[str] = mapped_column(String(ID_LENGTH))
    loser_value: Mapped[str | None] = mapped_column(Text)
    loser_hlc: Mapped[str] = mapped_column(String(HLC_LENGTH))
    loser_origin: Mapped[str] = mapped_column(String(ID_LENGTH))
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    resolved_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    resolution: Mapped[str | None] = mapped_column(Text)


class InboxPackage(Base):
    """A package received: imported (a second import is a reported no-op), or held back
    (newer schema, clock far ahead, a gap, a quarantined clone) with a local copy to retry."""

    __tablename__ = "sync_inbox"

    package_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    sender: Mapped[str] = mapped_column(String(ID_LENGTH))
    seq: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    n_changes: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(20))
    applied: Mapped[int | None] = mapped_column(Integer)
    vector: Mapped[str | None] = mapped_column(Text)  # JSON: what the sender acknowledged
    file_path: Mapped[str | None] = mapped_column(Text)  # local copy of a held package
    app_version: Mapped[str | None] = mapped_column(String(20))  # the sender's ANTQ Desk


class OutboxPackage(Base):
    """A package written for a peer: the history of what was sent and what it carried."""

    __tablename__ = "sync_outbox"

    package_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    peer_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    file_name: Mapped[str] = mapped_column(Text)
    n_changes: Mapped[int] = mapped_column(Integer, default=0)
    n_blobs: Mapped[int] = mapped_column(Integer, default=0)
    vector: Mapped[str | None] = mapped_column(Text)  # JSON: what we acknowledged to the peer
    sha256: Mapped[str] = mapped_column(String(64))


class AuditEvent(Base):
    """Who did what to which record, hash-chained per replica so a gap or an edit shows."""

    __tablename__ = "audit_event"
    __table_args__ = (
        UniqueConstraint("replica_id", "seq", name="uq_audit_event_replica_seq"),
        Index("ix_audit_event_record", "record_type", "record_id"),
    )

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    replica_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    officer_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    action: Mapped[str] = mapped_column(String(30))
    record_type: Mapped[str | None] = mapped_column(String(40))
    record_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    tx_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    detail: Mapped[str | None] = mapped_column(Text)  # JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SearchToken(Base):
    """Folded words of searchable fields (the search index): prefix lookups on (kind, token)."""

    __tablename__ = "search_token"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    token: Mapped[str] = mapped_column(
        String(60).with_variant(String(60, collation="C"), "postgresql"), primary_key=True
    )
    row_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    __table_args__ = (Index("ix_search_token_row", "row_id"), {"sqlite_with_rowid": False})


class LoginAttempt(Base):
    """Wrong passwords in a row per username on this machine, and the lock they earned."""

    __tablename__ = "login_attempt"

    username: Mapped[str] = mapped_column(String(60), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
