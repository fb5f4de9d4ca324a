"""The visibility rule, in SQL: the one place that says which rows a viewer may read.

Two walls, both here:
- **The journal** (a household; migration 0014): a session belongs to one journal
  (`storage.engine.Sessions`), and every ORM statement it runs — select, update, delete, with
  their joins, subqueries and relationship loads — is limited to that journal's rows; rows it
  adds are stamped with it. On PostgreSQL the journal and the viewer's member are also set for
  the transaction (SET LOCAL), and row-level security (migration 0015) holds the same line in
  the database itself, for a connection whose statements forgot it.
- **The member**: `visible_to`, the SQL form of `domain.visibility.can_see` — a viewer's own
  rows and everyone's shared ones, of the transaction's journal (so the fast readers that use
  Core tables rather than the ORM keep to the journal too); every read of entries (lists,
  counts, search hits, frames, aggregates, exports) and of check-ins and notes goes through it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ColumnElement, and_, event, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker, with_loader_criteria
from sqlalchemy.sql.functions import FunctionElement

from attune.domain.entries import Visibility

from . import models as m

JOURNAL_SETTING = "attune.journal_id"
MEMBER_SETTING = "attune.member_id"


def visible_to(viewer_id: int | None, model: Any = m.Entry) -> ColumnElement[bool]:
    """Rows the viewer may see: their own, and everyone's shared ones (see domain.visibility),
    of the transaction's journal.

    The same rule serves every table with `member_id`, `visibility` and `journal_id` (entries,
    assessments, appreciations) — as a model, a Core table's columns (the fast readers that skip
    the ORM, and so its journal criterion) or a subquery's columns holding them."""
    shared: ColumnElement[bool] = model.visibility == Visibility.SHARED.value
    in_journal: ColumnElement[bool] = InThisJournal(model.journal_id)
    if viewer_id is None:
        return and_(in_journal, shared)
    return and_(in_journal, or_(model.member_id == viewer_id, shared))


class InThisJournal(FunctionElement[bool]):
    """A row's journal is the transaction's. On PostgreSQL: `journal_id = ` the
    `attune.journal_id` setting that `_set_for_transaction` makes (NULL when unset, so a
    statement outside a journal's session matches nothing). On SQLite, true: a file is one
    journal (`config` refuses any other number, `storage.journals` adds none), and reading
    journal_id would take the entry indexes' covering reads away (a list at 100,000 entries
    went from 41 to 79 ms)."""

    type = Boolean()
    inherit_cache = True
    name = "in_this_journal"


@compiles(InThisJournal)
def _in_this_journal_sqlite(element: InThisJournal, compiler: Any, **kw: Any) -> str:
    return "1"


@compiles(InThisJournal, "postgresql")
def _in_this_journal_postgresql(element: InThisJournal, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"({column} = nullif(current_setting('{JOURNAL_SETTING}', true), '')::integer)"


def live(trashed: bool = False, model: Any = m.Entry) -> ColumnElement[bool]:
    """Entries out of the trash (or, with ``trashed``, in it)."""
    return model.deleted_at.is_not(None) if trashed else model.deleted_at.is_(None)


def journal_of(session: Session) -> int:
    """The journal a session belongs to (1 for a session made outside `Sessions`)."""
    found = session.info.get("journal_id", 1)
    if found is None:
        raise LookupError("this session belongs to no journal")
    return int(found)


ANY_JOURNAL = "attune_any_journal"
"""An execution option for the one read that must look across journals before a journal is
known: an invitation found by its code's hash (attune.storage.accounts). On PostgreSQL,
row-level security still lets that read see only the invitation whose hash the transaction
set."""


def scope_to_journal(maker: sessionmaker[Session]) -> None:
    """Put the journal wall on every session `maker` makes (see the module's docstring)."""
    event.listen(maker, "do_orm_execute", _only_this_journal)
    event.listen(maker, "before_flush", _stamp_new_rows)
    event.listen(maker, "after_begin", _set_for_transaction)


def _only_this_journal(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.is_column_load or state.is_relationship_load:
        return  # the criteria travel into these from the statement that loaded the object
    if state.session.get_bind().dialect.name == "sqlite":
        return  # one journal to a file (see InThisJournal): nothing to limit, indexes kept
    if state.execution_options.get(ANY_JOURNAL):
        return
    journal = state.session.info.get("journal_id", 1)  # None: no journal, no rows
    state.statement = state.statement.options(
        with_loader_criteria(
            m.Tenanted, lambda cls: cls.journal_id == journal, include_aliases=True
        ),
        with_loader_criteria(m.JournalRecord, lambda cls: cls.id == journal),
    )


def _stamp_new_rows(session: Session, _context: Any, _instances: Any) -> None:
    journal = session.info.get("journal_id", 1)
    for row in session.new:
        if isinstance(row, m.Tenanted) and getattr(row, "journal_id", None) is None:
            row.journal_id = journal


def _set_for_transaction(session: Session, _transaction: Any, connection: Any) -> None:
    """PostgreSQL: the journal and member of this transaction, for row-level security. Local to
    the transaction (`set_config(…, true)`), so a pooled connection keeps nothing afterwards."""
    if connection.dialect.name != "postgresql":
        return
    values = {JOURNAL_SETTING: session.info.get("journal_id", 1)}
    values[MEMBER_SETTING] = session.info.get("member_id")
    values.update(session.info.get("settings", {}))  # the sign-in's (services.accounts)
    set_settings(connection, values)


def set_settings(connection: Any, values: dict[str, object]) -> None:
    """Settings for the rest of this PostgreSQL transaction ('' for None), in one statement."""
    if connection.dialect.name != "postgresql" or not values:
        return
    calls = ", ".join(f"set_config(%(k{i})s, %(v{i})s, true)" for i in range(len(values)))
    params: dict[str, str] = {}
    for i, (key, value) in enumerate(values.items()):
        params[f"k{i}"], params[f"v{i}"] = key, "" if value is None else str(value)
    connection.exec_driver_sql(f"SELECT {calls}", params)
