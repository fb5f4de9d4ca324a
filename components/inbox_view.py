"""The practitioner's pages: the Inbox (what clients sent, grouped by client; one opened
read-only with review mode's own pieces, components.review_view) and Connect a client (one-time
codes, the connected clients, ending a connection). The clients' words are shown only through
`safe` (by review_view, and here for names)."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from attune import messages
from attune.domain.accounts import INVITATION_LIFETIME, Account, AccountError, Identity
from attune.domain.limits import Action
from attune.domain.text import show_controls
from attune.messages import inbox as words
from attune.services.inbox import Link, Received, Sent

from . import review_view as review
from . import safe, signin
from .address import address
from .inbox import CLIENTS_PAGE, service
from .services import flash

CLIENT = "inbox.client"  # the link chosen on the Inbox
CHOSEN = "inbox.delivery"  # the delivery chosen
OPENED = "inbox.opened"  # this session's opened delivery (Received), never a shared cache
ENDING = "inbox.ending"  # the link whose ending waits for a yes
MADE = "inbox.code"  # a code just made, shown once


def when(at: datetime) -> str:
    local = at.astimezone()
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"


def sent_line(item: Sent) -> str:
    held = messages.entries(item.entries) if item.entries else messages.REVIEW_EXPORT_CHECKINS
    scope = messages.REPORT_SCOPES.get(item.scope, item.scope)
    return words.SENT_LINE.format(when=when(item.sent_at), entries=held, scope=scope)


def grouped(items: list[Sent]) -> dict[int, list[Sent]]:
    """Each client's deliveries (newest first), the client with the newest first."""
    out: dict[int, list[Sent]] = {}
    for item in items:  # already newest first
        out.setdefault(item.link_id, []).append(item)
    return out


def choose(items: list[Sent]) -> Sent | None:
    """The client, then one of what they sent (the newest by default)."""
    by_client = grouped(items)
    names = {
        link: words.CLIENT_COUNT.format(n=len(sent), client=show_controls(sent[0].client_name))
        for link, sent in by_client.items()
    }
    s = st.session_state
    if s.get(CLIENT) not in names:
        s[CLIENT] = next(iter(names))
    link = st.selectbox(words.INBOX_CLIENT, list(names), format_func=names.__getitem__, key=CLIENT)
    theirs = {item.id: item for item in by_client[int(link)]}
    if s.get(CHOSEN) not in theirs:
        s[CHOSEN] = next(iter(theirs))
    chosen = st.selectbox(
        words.INBOX_SENT,
        list(theirs),
        format_func=lambda i: sent_line(theirs[i]),
        key=CHOSEN,
    )
    return theirs.get(int(chosen)) if chosen is not None else None


def opened(identity: Identity, account: Account, item: Sent) -> Received | None:
    """The delivery, opened once for this session (it never changes while it exists; the list
    read on every run says whether it still does)."""
    kept = st.session_state.get(OPENED)
    if isinstance(kept, Received) and kept.sent.id == item.id:
        return kept
    found = service().open(identity, account, item.id)
    st.session_state[OPENED] = found
    return found


def record(found: Received) -> None:
    """Read-only, as review mode shows an export: who, whether it is the client's, what is new
    since the one before, then trends, questionnaires and entries."""
    data = found.data
    review.summary(data, found.sent.client_name)
    trust = found.authenticity
    line = messages.REVIEW_TRUST[trust.trust.value].format(key=trust.fingerprint)
    mark = ":material/verified:" if trust.trust in ("same", "only") else ":material/help:"
    st.caption(f"{mark} {line}")
    if found.previous is None:
        st.caption(messages.REVIEW_FIRST)
    else:
        stamp = when(found.previous)
        new = [e for e in data.entries if e.uid in found.new]
        if not new:
            st.caption(messages.REVIEW_NEW_NONE.format(when=stamp))
        else:
            st.subheader(messages.REVIEW_NEW.format(when=stamp))
            for e in new:
                review.entry(data, e)
    trends, scores, entries = st.tabs(
        [messages.REPORT_TRENDS, messages.REVIEW_SCORES, messages.REPORT_ENTRIES]
    )
    with trends:
        review.charts(data)
    with scores:
        review.scores(data)
    with entries:
        review.entries(data)


def empty() -> None:
    st.info(words.INBOX_EMPTY, icon=":material/inbox:")
    st.page_link(CLIENTS_PAGE, label=words.INBOX_CONNECT_FIRST, icon=":material/person_add:")


# --- Connect a client ---------------------------------------------------------------------
def codes(identity: Identity, account: Account) -> None:
    st.caption(words.CODES_HINT)
    made = st.session_state.pop(MADE, None)
    if made:
        code, until = made
        st.success(words.CODE_MADE.format(until=until))
        st.code(code, language=None)
    if st.button(words.CODE_MAKE, type="primary", key="inbox.make_code"):
        try:  # counted as invitation codes made are (per account and per address)
            signin.accounts().limits.take(
                Action.INVITE, account=(identity.issuer, identity.subject), address=address()
            )
        except AccountError as exc:  # TooManyTries
            st.error(str(exc))
            return
        code = service().make_code(identity, account)
        until = (datetime.now(UTC) + INVITATION_LIFETIME).astimezone()
        st.session_state[MADE] = (code, f"{until:%A %d %B, %H:%M}")
        st.rerun()
    count = service().open_codes(identity, account)
    if count:
        st.caption(words.CODES_OPEN.format(count=count))


def clients(identity: Identity, account: Account) -> None:
    st.subheader(words.CLIENTS_TITLE)
    found = service().clients(identity, account)
    if not found:
        st.caption(words.CLIENTS_NONE)
    for link in found:
        _client(identity, account, link)


def _client(identity: Identity, account: Account, link: Link) -> None:
    name = safe.label(link.client_name)
    with st.container(border=True):
        st.markdown(f"**{name}**")
        st.caption(words.CLIENT_SINCE.format(when=when(link.created_at)))
        if st.session_state.get(ENDING) != link.id:
            st.button(
                words.END_LINK,
                key=f"inbox.end.{link.id}",
                on_click=_ask_end,
                args=(link.id,),
                type="tertiary",
                icon=":material/link_off:",
            )
            return
        st.warning(words.END_LINK_CONFIRM.format(name=name))
        yes, no = st.columns(2)
        if yes.button(words.END_LINK_YES, key=f"inbox.end_yes.{link.id}", type="primary"):
            service().end_link(identity, account, link.id)
            st.session_state.pop(ENDING, None)
            st.session_state.pop(OPENED, None)
            flash("success", words.LINK_ENDED.format(name=name))
            st.rerun()
        no.button(words.CANCEL, key=f"inbox.end_no.{link.id}", on_click=_ask_end, args=(None,))


def _ask_end(link_id: int | None) -> None:
    st.session_state[ENDING] = link_id
