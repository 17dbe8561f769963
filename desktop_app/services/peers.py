"""Key cards and peers: how two replicas learn each other's public keys, once, by hand."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db.base import utc_now
from db.models import LocalReplica, Peer
from db.uow import Database
from desktop_app.actor import Actor, require_admin
from desktop_app.errors import NotFoundError, ValidationError
from desktop_app.i18n import tr
from desktop_app.services import audit
from desktop_app.sync import media
from desktop_app.sync.keys import fingerprint
from desktop_app.work import HUB, POST, work

CARD_FIELDS = ("replica_id", "unit_code", "name", "role", "age_recipient", "sign_public")


@dataclass(frozen=True)
class KeyCard:
    replica_id: str
    unit_code: str
    name: str
    role: str
    age_recipient: str
    sign_public: str
    fingerprint: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PeerView:
    replica_id: str
    unit_code: str
    name: str
    role: str
    fingerprint: str
    added_at: datetime
    revoked_at: datetime | None


def key_card(db: Database, actor: Actor) -> KeyCard:
    with work(db, actor, write=False) as w:
        me = w.session.scalars(select(LocalReplica)).one()
        return KeyCard(
            me.replica_id,
            me.unit_code,
            me.name,
            me.role,
            me.age_recipient,
            me.sign_public,
            fingerprint(me.replica_id, me.age_recipient, me.sign_public),
        )


def add_peer(db: Database, actor: Actor, card: Mapping[str, Any]) -> PeerView:
    """Trust the replica of `card`; its fingerprint must match its keys."""
    require_admin(actor)
    checked = _check_card(card)
    with work(db, actor, write=True) as w:
        if checked.replica_id == w.replica.replica_id:
            raise ValidationError(tr("Đây là thẻ khóa của chính máy này, không thêm làm đối tác."))
        if checked.role == w.replica.role == POST or checked.role == w.replica.role == HUB:
            raise ValidationError(
                tr("Công an xã chỉ trao đổi với Công an tỉnh (trung tâm) và ngược lại.")
            )
        peer = w.session.get(Peer, checked.replica_id) or Peer(replica_id=checked.replica_id)
        peer.role, peer.unit_code, peer.name = checked.role, checked.unit_code, checked.name
        peer.age_recipient, peer.sign_public = checked.age_recipient, checked.sign_public
        peer.fingerprint, peer.added_at, peer.revoked_at = checked.fingerprint, utc_now(), None
        w.session.add(peer)
        w.session.flush()
        audit.append(w, "peer_add", None, peer.replica_id, {"fingerprint": peer.fingerprint})
        return _view(peer)


def revoke_peer(db: Database, actor: Actor, replica_id: str) -> PeerView:
    require_admin(actor)
    with work(db, actor, write=True) as w:
        peer = w.session.get(Peer, replica_id)
        if peer is None:
            raise NotFoundError(
                tr("Không có đối tác với mã máy '{replica_id}'.", replica_id=replica_id)
            )
        peer.revoked_at = utc_now()
        audit.append(w, "peer_revoke", None, replica_id, {})
        return _view(peer)


def list_peers(db: Database, actor: Actor) -> list[PeerView]:
    with work(db, actor, write=False) as w:
        return [_view(p) for p in w.session.scalars(select(Peer).order_by(Peer.unit_code))]


def read_card(path: Path) -> KeyCard:
    """The key card in a file, checked (fields, role, fingerprint against the keys), so the
    officer compares a fingerprint that is really the card's before adding the peer."""
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValidationError(
            tr(
                "Không đọc được thẻ khóa '{name}': tệp hỏng hoặc không phải thẻ khóa.",
                name=path.name,
            )
        ) from error
    if not isinstance(card, dict):
        raise ValidationError(tr("Tệp '{name}' không phải thẻ khóa ANTQ Desk.", name=path.name))
    return _check_card(card)


def write_card(card: KeyCard, path: Path) -> Path:
    """Save a key card as the CLI prints it, written safely (a stick may be pulled after)."""
    text = json.dumps(card.to_json(), ensure_ascii=False, indent=1) + "\n"
    return media.write_file(path.parent, path.name, text.encode("utf-8"))


def _check_card(card: Mapping[str, Any]) -> KeyCard:
    missing = [f for f in (*CARD_FIELDS, "fingerprint") if not isinstance(card.get(f), str)]
    if missing:
        raise ValidationError(
            tr("Thẻ khóa thiếu hoặc sai trường: {fields}.", fields=", ".join(missing))
        )
    expected = fingerprint(card["replica_id"], card["age_recipient"], card["sign_public"])
    if card["fingerprint"] != expected:
        raise ValidationError(
            tr("Dấu vân tay của thẻ khóa không khớp với khóa: thẻ bị sửa hoặc hỏng.")
        )
    if card["role"] not in (POST, HUB):
        raise ValidationError(
            tr("Vai trò '{role}' trong thẻ khóa không hợp lệ.", role=card["role"])
        )
    return KeyCard(**{f: card[f] for f in (*CARD_FIELDS, "fingerprint")})


def _view(peer: Peer) -> PeerView:
    return PeerView(
        peer.replica_id,
        peer.unit_code,
        peer.name,
        peer.role,
        peer.fingerprint,
        peer.added_at,
        peer.revoked_at,
    )
