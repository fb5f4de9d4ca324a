"""A practitioner on the same hosted Attune: their inbox, and a client sending to it.

A practitioner is an account with no journal (kind "practitioner"). They make one-time codes;
a member who types one on Share is connected to them — that member alone, never the journal's
other members. The member sends an export (the Share page's own Attune JSON, built by
`sharing`) to the practitioner's inbox, kept in the database only, and can withdraw it: it is
deleted, and the practitioner loses it at once. The practitioner reads each export read-only,
as review mode shows a file (`review.read_export`: checked in full as it is read).

`Inbox` is the practitioner's side: one per database, like `Accounts`; the account is the one
this run's sign-in found (components.signin), passed in as an argument. The client's side works
in their journal's sessions, as their viewer."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from attune.domain import accounts as a
from attune.domain.accounts import Account, AccountError, Identity
from attune.domain.entries import EntryError, clean_member_name
from attune.domain.exports import ExportData, ExportError, Scope, readable
from attune.domain.viewer import Viewer
from attune.exchange import attune_json, signature
from attune.exchange.registry import ImportFailed, size_label
from attune.exchange.signature import Verdict
from attune.messages import inbox as words
from attune.storage import accounts as account_store
from attune.storage import inbox as store
from attune.storage.inbox import Link, Sent

from . import sharing
from .journal import Journal
from .review import read_export
from .review_model import Authenticity, Trust

__all__ = [
    "MAX_DELIVERY_BYTES",
    "MAX_WAITING",
    "Inbox",
    "Link",
    "Received",
    "Sent",
    "connect",
    "disconnect",
    "links",
    "send",
    "sent",
    "withdraw",
]

MAX_DELIVERY_BYTES = 16 * 1024 * 1024  # one export sent to a practitioner
MAX_WAITING = 50  # exports a member may have waiting with practitioners at once
SCOPES = (Scope.THERAPIST, Scope.PICKED, Scope.SUMMARY)  # the Share page's


def code_hash(code: str) -> str:
    """One way, and apart from invitation codes' (a code of one kind never opens the other)."""
    return hashlib.sha256(("attune-practitioner\x1f" + a.normalise_code(code)).encode()).hexdigest()


@dataclass(frozen=True)
class Received:
    """One export in the practitioner's inbox, opened: read-only, as review mode shows it."""

    sent: Sent
    data: ExportData
    new: frozenset[str]  # uids of entries the client's previous export to them did not hold
    previous: datetime | None
    authenticity: Authenticity


class Inbox:
    """The practitioner's side. Every method takes the identity and the account this run's
    sign-in found; an account that is not a practitioner's is refused."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = account_store.account_sessions(engine)

    @contextmanager
    def _session(self, identity: Identity, account: Account) -> Iterator[Session]:
        info = account_store.session_info(identity, account.id)
        with self._sessions(info=info) as s, s.begin():
            yield s

    def _practitioner(self, account: Account) -> int:
        if account.kind != store.PRACTITIONER or account.has_journal:
            raise AccountError("This page is for practitioners.")
        return account.id

    def become(self, identity: Identity, account: Account, name: str) -> Account:
        """The signed-in account, in no journal, becomes a practitioner known as `name`."""
        if account.has_journal:
            raise AccountError("You are in a journal already.")
        try:
            clean = clean_member_name(name)
        except EntryError as exc:
            raise AccountError(str(exc)) from None
        with self._session(identity, account) as s:
            store.become_practitioner(s, account.id, clean)
        return Account(account.id, None, None, store.PRACTITIONER)

    def name(self, identity: Identity, account: Account) -> str:
        me = self._practitioner(account)
        with self._session(identity, account) as s:
            return store.practitioner_name(s, me) or ""

    def make_code(self, identity: Identity, account: Account, now: datetime | None = None) -> str:
        """A one-time code for one client to connect, valid for `INVITATION_LIFETIME`. Shown
        once: only its hash is kept."""
        me = self._practitioner(account)
        now = now or datetime.now(UTC)
        code = a.new_code()
        with self._session(identity, account) as s:
            name = store.practitioner_name(s, me) or ""
            store.add_code(s, me, name, code_hash(code), now, now + a.INVITATION_LIFETIME)
        return code

    def open_codes(self, identity: Identity, account: Account) -> int:
        me = self._practitioner(account)
        with self._session(identity, account) as s:
            return store.live_codes(s, me, datetime.now(UTC))

    def clients(self, identity: Identity, account: Account) -> list[Link]:
        me = self._practitioner(account)
        with self._session(identity, account) as s:
            return store.links_to(s, me)

    def received(self, identity: Identity, account: Account) -> list[Sent]:
        """Everything sent to this practitioner and not withdrawn, the newest first."""
        me = self._practitioner(account)
        with self._session(identity, account) as s:
            return store.received(s, me)

    def open(self, identity: Identity, account: Account, delivery_id: int) -> Received | None:
        """One export sent to this practitioner, checked in full; None once withdrawn."""
        me = self._practitioner(account)
        with self._session(identity, account) as s:
            found = store.payload_for(s, me, delivery_id)
            if found is None:
                return None
            item, content = found
            history = store.link_history(s, me, item.link_id)
        data = read_export(content)
        ids = [d for d, _ in history]
        at = ids.index(delivery_id) if delivery_id in ids else len(ids)
        new, previous = frozenset(e.uid for e in data.entries), None
        if at > 0:
            with self._session(identity, account) as s:
                before = store.payload_for(s, me, ids[at - 1])
            if before is not None:
                known = {e.uid for e in attune_json.parse_document(before[1]).entries}
                new = frozenset(e.uid for e in data.entries if e.uid not in known)
                previous = before[0].sent_at
        trust = self._trust(identity, account, data, history)
        return Received(item, readable(data), new, previous, trust)

    def _trust(
        self,
        identity: Identity,
        account: Account,
        data: ExportData,
        history: list[tuple[int, str]],
    ) -> Authenticity:
        """As review mode says it: signed by the key of the client's first signed export."""
        verdict = signature.verify(data)
        if verdict is not Verdict.VALID:
            return Authenticity(Trust.UNSIGNED if verdict is Verdict.UNSIGNED else Trust.OTHER)
        keys = [key for _, key in history if key]
        if not keys or keys[0] != data.public_key:
            return Authenticity(Trust.OTHER)
        trust = Trust.SAME if len(keys) > 1 else Trust.ONLY
        return Authenticity(trust, signature.fingerprint(data.public_key))

    def end_link(self, identity: Identity, account: Account, link_id: int) -> bool:
        me = self._practitioner(account)
        with self._session(identity, account) as s:
            return store.end_link(s, me, link_id) > 0


# --- the client's side ----------------------------------------------------------------------
def _member(viewer: Viewer) -> int:
    if viewer.member_id is None:
        raise AccountError("Choose who you are first.")
    return viewer.member_id


def connect(journal: Journal, viewer: Viewer, code: str, client_name: str) -> Link:
    """Connect this member (only) to the practitioner whose one-time code this is."""
    member_id = _member(viewer)
    try:
        name = clean_member_name(client_name)
    except EntryError as exc:
        raise AccountError(str(exc)) from None
    with journal.sessions.writing(viewer) as s:
        return store.connect(
            s,
            code_hash(code),
            journal_id=journal.journal_id,
            member_id=member_id,
            client_name=name,
            now=datetime.now(UTC),
        )


def links(journal: Journal, viewer: Viewer) -> list[Link]:
    """The practitioners this member is connected to (nobody else's connections)."""
    if viewer.member_id is None:
        return []
    with journal.sessions.reading(viewer) as s:
        return store.links_of(s, viewer.member_id)


def send(journal: Journal, viewer: Viewer, link_id: int, data: ExportData) -> Sent:
    """Send `data` — what the Share page gathered for this member — to the practitioner of the
    member's link, as the same Attune JSON file the Share page downloads."""
    member_id = _member(viewer)
    if not any(k.id == link_id for k in links(journal, viewer)):
        raise AccountError(words.NOT_CONNECTED)
    if data.scope not in SCOPES:
        raise ExportError(words.NOT_CONNECTED)
    empty = sharing.empty_reason(data)
    if empty is not None:
        raise ExportError(empty)
    content = sharing.render(data, "json", bounded=True).content  # a request's bound
    if len(content) > MAX_DELIVERY_BYTES:
        limit = size_label(MAX_DELIVERY_BYTES)
        raise ExportError(words.TOO_BIG.format(size=size_label(len(content)), limit=limit))
    try:
        read_export(content)  # it opens as the practitioner will read it
    except ImportFailed as exc:
        raise ExportError(str(exc)) from None
    with journal.sessions.writing(viewer) as s:
        link = next((k for k in store.links_of(s, member_id) if k.id == link_id), None)
        if link is None:
            raise AccountError(words.NOT_CONNECTED)
        if len(store.sent_by(s, member_id)) >= MAX_WAITING:
            raise ExportError(words.TOO_MANY.format(n=MAX_WAITING))
        now = datetime.now(UTC)
        number = store.add_delivery(
            s,
            link,
            journal_id=journal.journal_id,
            scope=data.scope.value,
            entries=len(data.entries),
            payload=content,
            key=data.public_key or "",
            now=now,
        )
    return Sent(
        number,
        link.id,
        link.client_name,
        link.practitioner_name,
        now,
        data.scope.value,
        len(data.entries),
        len(content),
    )


def sent(journal: Journal, viewer: Viewer) -> list[Sent]:
    """What this member sent and has not withdrawn, the newest first."""
    if viewer.member_id is None:
        return []
    with journal.sessions.reading(viewer) as s:
        return store.sent_by(s, viewer.member_id)


def withdraw(journal: Journal, viewer: Viewer, delivery_id: int) -> bool:
    """Delete what this member sent: the practitioner can no longer open it."""
    member_id = _member(viewer)
    with journal.sessions.writing(viewer) as s:
        return store.withdraw(s, member_id, delivery_id) > 0


def disconnect(journal: Journal, viewer: Viewer, link_id: int) -> bool:
    """End this member's connection; everything sent over it is withdrawn."""
    member_id = _member(viewer)
    with journal.sessions.writing(viewer) as s:
        return store.disconnect(s, member_id, link_id) > 0
