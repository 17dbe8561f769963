"""Replica keys: an age (X25519) identity to receive packages, an Ed25519 key to sign them."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)


@dataclass(frozen=True)
class KeyPairs:
    age_identity: str  # AGE-SECRET-KEY-1…, private
    age_recipient: str  # age1…, public
    sign_private: str  # base64 raw Ed25519 seed, private
    sign_public: str  # base64 raw Ed25519 public key


def generate() -> KeyPairs:
    identity = pyrage.x25519.Identity.generate()
    signing = Ed25519PrivateKey.generate()
    private = signing.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return KeyPairs(
        age_identity=str(identity),
        age_recipient=str(identity.to_public()),
        sign_private=base64.b64encode(private).decode("ascii"),
        sign_public=base64.b64encode(public).decode("ascii"),
    )


def fingerprint(replica_id: str, age_recipient: str, sign_public: str) -> str:
    """What officers read aloud to compare cards: 8 groups of 4 hex digits of a SHA-256."""
    digest = hashlib.sha256(f"{replica_id}\n{age_recipient}\n{sign_public}".encode()).hexdigest()
    return " ".join(digest[i : i + 4].upper() for i in range(0, 32, 4))


def signing_key(sign_private: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(sign_private))
