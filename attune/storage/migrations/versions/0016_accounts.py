"""accounts: sign-in on a hosted Attune — accounts, server-side sign-ins, invitations

An account is a person as their identity provider names them (issuer + subject), linked to one
member of one journal (a practitioner's, to none). `sign_ins` holds one record per sign-in,
keyed by a one-way hash of the identity token's claims, so a sign-out really ends it.
`invitations` holds the hash of each one-time code, its journal and expiry.

On PostgreSQL, row-level security as in 0015, through three more settings of the transaction
(set by attune.services.accounts): `attune.account_id`, and `attune.issuer` / `attune.subject`
while the account is being found at sign-in, `attune.invitation` (a code's hash) while a code is
redeemed:
- accounts: the account itself, or the identity being signed in;
- sign_ins: the account's own;
- invitations: the journal's own, or the one whose hash is being redeemed.
`attune_new_journal(name)` (SECURITY DEFINER, the owner's, which may add journals) lets a
signed-in person start a journal of their own.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import attune.storage.models

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

APP_ROLE = "attune_app"
ACCOUNT = "nullif(current_setting('attune.account_id', true), '')::integer"
IDENTITY = (
    "issuer = current_setting('attune.issuer', true) "
    "AND subject = current_setting('attune.subject', true)"
)
REDEEMING = "code_hash = current_setting('attune.invitation', true)"
JOURNAL = "journal_id = attune_journal()"
CURRENT_JOURNAL = "nullif(current_setting('attune.journal_id', true), '')::integer"


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=300), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("journal_id", sa.Integer(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("created_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["journal_id"], ["journals.id"], name=op.f("fk_accounts_journal_id_journals")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_accounts_member_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("issuer", "subject", name=op.f("uq_accounts_issuer")),
    )
    op.create_table(
        "sign_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.Column("ended_at", attune.storage.models.UTCDateTime(), nullable=True),
        sa.Column("ended_why", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_sign_ins_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_ins")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_sign_ins_token_hash")),
    )
    op.create_index("ix_sign_ins_account_id", "sign_ins", ["account_id"])
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "journal_id",
            sa.Integer(),
            nullable=False,
            server_default=sa.text(CURRENT_JOURNAL) if postgresql else "1",
        ),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("made_by", sa.Integer(), nullable=False),
        sa.Column("created_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.Column("expires_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.Column("used_at", attune.storage.models.UTCDateTime(), nullable=True),
        sa.Column("used_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["made_by"],
            ["members.id"],
            name=op.f("fk_invitations_made_by_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["used_by"],
            ["accounts.id"],
            name=op.f("fk_invitations_used_by_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_invitations_code_hash")),
    )
    if not postgresql:
        return
    op.create_foreign_key(
        "fk_invitations_journal_id_journals", "invitations", "journals", ["journal_id"], ["id"]
    )
    op.execute(
        "CREATE OR REPLACE FUNCTION attune_account() RETURNS integer LANGUAGE sql STABLE "
        f"AS $$ SELECT {ACCOUNT} $$"
    )
    op.execute(
        """CREATE OR REPLACE FUNCTION attune_new_journal(journal_name text) RETURNS integer
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        DECLARE number integer;
        BEGIN
          number := nextval(pg_get_serial_sequence('journals', 'id'));
          INSERT INTO journals (id, name, created_at)
            VALUES (number, left(journal_name, 120), now() AT TIME ZONE 'UTC');
          INSERT INTO revision (journal_id, value) VALUES (number, 0);
          RETURN number;
        END $$"""
    )
    op.execute("REVOKE ALL ON FUNCTION attune_new_journal(text) FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION attune_new_journal(text) TO {APP_ROLE}")
    op.execute(
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON accounts, sign_ins, invitations TO {APP_ROLE}"
    )
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")
    for table in ("accounts", "sign_ins", "invitations"):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    mine = f"id = attune_account() OR ({IDENTITY})"
    op.execute(f"CREATE POLICY accounts_read ON accounts FOR SELECT TO {APP_ROLE} USING ({mine})")
    op.execute(
        f"CREATE POLICY accounts_add ON accounts FOR INSERT TO {APP_ROLE} WITH CHECK ({IDENTITY})"
    )
    op.execute(
        f"CREATE POLICY accounts_change ON accounts FOR UPDATE TO {APP_ROLE} "
        f"USING ({mine}) WITH CHECK ({mine})"
    )
    own = "account_id = attune_account()"
    op.execute(
        f"CREATE POLICY sign_ins_own ON sign_ins FOR ALL TO {APP_ROLE} USING ({own}) WITH CHECK ({own})"
    )
    either = f"{JOURNAL} OR {REDEEMING}"
    op.execute(
        f"CREATE POLICY invitations_read ON invitations FOR SELECT TO {APP_ROLE} USING ({either})"
    )
    op.execute(
        f"CREATE POLICY invitations_add ON invitations FOR INSERT TO {APP_ROLE} WITH CHECK ({JOURNAL})"
    )
    op.execute(
        f"CREATE POLICY invitations_use ON invitations FOR UPDATE TO {APP_ROLE} "
        f"USING ({either}) WITH CHECK ({either})"
    )
    op.execute(
        f"CREATE POLICY invitations_remove ON invitations FOR DELETE TO {APP_ROLE} USING ({JOURNAL})"
    )


def downgrade() -> None:
    op.drop_table("invitations")  # the tables first: their policies use attune_account()
    op.drop_index("ix_sign_ins_account_id", "sign_ins")
    op.drop_table("sign_ins")
    op.drop_table("accounts")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS attune_new_journal(text)")
        op.execute("DROP FUNCTION IF EXISTS attune_account()")
