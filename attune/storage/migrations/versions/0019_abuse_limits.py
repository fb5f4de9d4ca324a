"""abuse limits: sign-in and invitation attempts counted per account and per address

`attempts`: one row per attempt at a limited action (a new sign-in, an invitation made or
redeemed — attune.domain.limits), a keyed hash of the account or address it counts for, and its
time (naive UTC). No user text, no address: only hashes and times. Rows older than a day count
for nothing and are removed as new ones come.

On PostgreSQL every replica counts in this one table, and the app's role cannot touch it: it has
no grant on it, and row-level security is forced with one policy, for the NOLOGIN role
`attune_limits` (made here when missing), which owns the two SECURITY DEFINER functions the app
may call — the 0015 census pattern:
- `attune_attempt_times(action, key, since)`: the times of one key's attempts since then (never
  another key's: the app must know the key to ask), after taking a transaction-level advisory
  lock on that key, so two replicas checking the same key at once queue up and never both take
  the last slot;
- `attune_attempt_add(action, key, at)`: one more attempt, and the removal of every attempt a day
  older than `at` (or than now, whichever is earlier).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import attune.storage.models

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

APP_ROLE = "attune_app"
LIMITS_ROLE = "attune_limits"
TIMES = "attune_attempt_times(text, text, timestamp without time zone)"
ADD = "attune_attempt_add(text, text, timestamp without time zone)"
FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION attune_attempt_times(
        p_action text, p_key text, p_since timestamp without time zone)
    RETURNS SETOF timestamp without time zone
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(
          hashtextextended('attune-limit' || chr(31) || p_action || chr(31) || p_key, 0));
      RETURN QUERY SELECT a.at FROM attempts AS a
          WHERE a.key_hash = p_key AND a.action = p_action AND a.at > p_since;
    END $$""",
    """CREATE OR REPLACE FUNCTION attune_attempt_add(
        p_action text, p_key text, p_at timestamp without time zone)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      INSERT INTO attempts (action, key_hash, at) VALUES (left(p_action, 16), left(p_key, 64), p_at);
      DELETE FROM attempts
          WHERE at < least(p_at, now() AT TIME ZONE 'UTC') - interval '1 day';
    END $$""",
)


def upgrade() -> None:
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempts")),
    )
    op.create_index("ix_attempts_key", "attempts", ["key_hash", "action", "at"])
    op.create_index("ix_attempts_at", "attempts", ["at"])
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{LIMITS_ROLE}') "
        f"THEN CREATE ROLE {LIMITS_ROLE} NOLOGIN; END IF; END $$"
    )
    op.execute(f"GRANT USAGE ON SCHEMA public TO {LIMITS_ROLE}")
    op.execute(f"GRANT SELECT, INSERT, DELETE ON attempts TO {LIMITS_ROLE}")
    op.execute(f"GRANT USAGE, SELECT ON SEQUENCE attempts_id_seq TO {LIMITS_ROLE}")
    op.execute("ALTER TABLE attempts ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE attempts FORCE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY attempts_counted ON attempts FOR ALL TO {LIMITS_ROLE} "
        f"USING (current_user = '{LIMITS_ROLE}') WITH CHECK (current_user = '{LIMITS_ROLE}')"
    )  # only inside its functions: a role granted attune_limits (the owner, to hand them
    # over) would otherwise read every attempt through this policy
    for sql in FUNCTIONS:
        op.execute(sql)
    # A function's new owner must be able to create in its schema: for the hand-over only.
    op.execute(f"GRANT CREATE ON SCHEMA public TO {LIMITS_ROLE}")
    for function in (TIMES, ADD):
        op.execute(f"ALTER FUNCTION {function} OWNER TO {LIMITS_ROLE}")
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {function} TO {APP_ROLE}")
    op.execute(f"REVOKE CREATE ON SCHEMA public FROM {LIMITS_ROLE}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {ADD}")
        op.execute(f"DROP FUNCTION IF EXISTS {TIMES}")
    op.drop_index("ix_attempts_at", "attempts")
    op.drop_index("ix_attempts_key", "attempts")
    op.drop_table("attempts")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"REVOKE ALL ON SCHEMA public FROM {LIMITS_ROLE}")
