"""API tokens: created once and shown once, stored as a SHA-256 hash, revoked but never deleted.

A token is 32 random bytes (``secrets``), so a fast unsalted hash is enough: there is nothing to
brute-force, unlike a password (which is why bcrypt is not needed). A presented token is hashed and
looked up by its hash; the hashes are then compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import AuthenticationFailed, InvalidInput, NotFound
from maillage.graph.vocabulary import Role

from .results import plain_properties
from .run import run

PREFIX = "mlg_"
GRANTED_ROLES = (Role.STAFF, Role.ADMIN)


@dataclass(frozen=True)
class Holder:
    """Who a valid token belongs to."""

    id: str
    name: str
    role: Role


class TokenInfo(BaseModel):
    """A token as listed: never its value nor its hash."""

    id: str
    name: str
    role: Role
    createdAt: str | None = None
    revokedAt: str | None = None
    lastUsedAt: str | None = None


def hash_token(token: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(graph: Graph, name: str, role: Role | str) -> tuple[TokenInfo, str]:
    """Create a token for ``name`` with ``role`` (staff or admin); return its info and the token itself."""
    chosen = Role(role)
    if chosen not in GRANTED_ROLES:
        raise InvalidInput(f"Rôle « {role} » : un jeton est « staff » ou « admin ».")
    if not name.strip():
        raise InvalidInput("Un jeton doit avoir un nom (la personne ou l'outil qui l'utilise).")
    token = PREFIX + secrets.token_urlsafe(32)
    row = run(
        graph, "tokens.create", id=str(uuid.uuid4()), hash=hash_token(token), tokenName=name.strip(), role=chosen.value
    )
    return TokenInfo.model_validate(plain_properties(row[0])), token


def list_tokens(graph: Graph) -> list[TokenInfo]:
    """Every token, newest first (revoked ones say when)."""
    return [TokenInfo.model_validate(plain_properties(row)) for row in run(graph, "tokens.list")]


def revoke_token(graph: Graph, token: str) -> TokenInfo:
    """Revoke the live token whose id or name is ``token``; NotFound if there is none."""
    rows = run(graph, "tokens.revoke", token=token)
    if not rows:
        raise NotFound(f"Aucun jeton actif d'identifiant ou de nom « {token} ».")
    return TokenInfo.model_validate(plain_properties(rows[0]))


def holder_of(graph: Graph, token: str) -> Holder:
    """Who ``token`` belongs to; AuthenticationFailed for an unknown or revoked token."""
    digest = hash_token(token)
    rows = run(graph, "tokens.by_hash", hash=digest)
    if not rows or not hmac.compare_digest(rows[0]["hash"], digest):
        raise AuthenticationFailed("Jeton inconnu ou révoqué : demandez un nouveau jeton à l'administrateur.")
    return Holder(id=rows[0]["id"], name=rows[0]["name"], role=Role(rows[0]["role"]))
