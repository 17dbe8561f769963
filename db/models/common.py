"""Records shared by every area: vocabularies, attachments, officers."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from db import columns as c
from db.base import Synced

ROLES = ("admin", "officer", "viewer")


class VocabularyTerm(Synced):
    """One term of a per-province vocabulary (group types, helper roles, meeting types…).

    Defaults get deterministic ids (uuid5 of vocabulary and code), so every replica that
    seeds them creates the same rows and they merge instead of duplicating.
    """

    __tablename__ = "vocabulary_term"
    __indexes__ = (("vocabulary", "code"),)

    vocabulary: Mapped[str | None] = c.text(40, required=True)
    code: Mapped[str | None] = c.text(40, required=True)
    label: Mapped[str | None] = c.text(200, required=True, search=True)
    position: Mapped[int | None] = c.integer()
    active: Mapped[bool] = c.flag(default=True)


class Attachment(Synced):
    """A scan or file attached to a record, stored content-addressed by its SHA-256."""

    __tablename__ = "attachment"
    __indexes__ = (("owner_type", "owner_id"),)

    owner_type: Mapped[str | None] = c.text(40, required=True)
    owner_id: Mapped[str | None] = c.ref("", required=True, index=False)
    file_name: Mapped[str | None] = c.text(255, required=True)
    media_type: Mapped[str | None] = c.text(100)
    size: Mapped[int | None] = c.integer(minimum=0)
    sha256: Mapped[str | None] = c.text(64, required=True)
    note: Mapped[str | None] = c.text(300)


class Officer(Synced):
    """A user of the app. Synced so the hub can name who did what; the hash is argon2id."""

    __tablename__ = "officer"

    username: Mapped[str | None] = c.text(60, required=True, index=True)
    full_name: Mapped[str | None] = c.text(120, required=True, search=True)
    title: Mapped[str | None] = c.text(200)
    role: Mapped[str | None] = c.choice(*ROLES, required=True)
    password_hash: Mapped[str | None] = c.text(200)
    active: Mapped[bool] = c.flag(default=True)
    sort_key: Mapped[str | None] = c.derived(index=True)
