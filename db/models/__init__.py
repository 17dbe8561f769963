"""Every table of ANTQ Desk; importing this package registers them all on `Base.metadata`."""

from __future__ import annotations

from db.base import SYNCED, Base, Synced
from db.models.cases import (
    CaseClassification,
    CaseContact,
    CaseHelper,
    CaseIncident,
    CaseJudgement,
    CaseSupport,
    ReintegrationCase,
)
from db.models.common import Attachment, Officer, VocabularyTerm
from db.models.groups import (
    GroupMember,
    GroupRating,
    HouseholdGroup,
    SecurityTeam,
    TeamArea,
    TeamMember,
    TeamRating,
)
from db.models.local import (
    AuditAck,
    AuditEvent,
    InboxPackage,
    LocalReplica,
    LoginAttempt,
    OutboxPackage,
    Peer,
    PeerAck,
    SearchToken,
    SyncChange,
    SyncClock,
    SyncConflict,
    VersionVector,
)
from db.models.meetings import AgendaItem, Meeting, MeetingAddendum, MeetingAttendee, Opinion
from db.models.registry import Area, Household, Person

__all__ = [
    "SYNCED",
    "AgendaItem",
    "Area",
    "Attachment",
    "AuditAck",
    "AuditEvent",
    "Base",
    "CaseClassification",
    "CaseContact",
    "CaseHelper",
    "CaseIncident",
    "CaseJudgement",
    "CaseSupport",
    "GroupMember",
    "GroupRating",
    "Household",
    "HouseholdGroup",
    "InboxPackage",
    "LocalReplica",
    "LoginAttempt",
    "Meeting",
    "MeetingAddendum",
    "MeetingAttendee",
    "Officer",
    "Opinion",
    "OutboxPackage",
    "Peer",
    "PeerAck",
    "Person",
    "ReintegrationCase",
    "SearchToken",
    "SecurityTeam",
    "SyncChange",
    "SyncClock",
    "SyncConflict",
    "Synced",
    "TeamArea",
    "TeamMember",
    "TeamRating",
    "VersionVector",
    "VocabularyTerm",
]
