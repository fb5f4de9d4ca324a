"""practitioner inbox: exports a client sends to their practitioner on a hosted server

A practitioner is an account of kind "practitioner" with no journal (`practitioners` holds the
name its clients see). It makes one-time codes (`practitioner_codes`, the hash only); a member
who types one on Share is connected (`practitioner_links`, one member — never the journal's
other members); each export the member sends is a row of `deliveries`, in the database only,
until the member withdraws it (deleted).

On PostgreSQL, row-level security (ENABLE + FORCE, policies TO attune_app) as in 0015/0016:
- practitioners: the account's own row;
- practitioner_codes: the practitioner's own; while a client connects, the one whose hash the
  transaction set (`attune.connect`); only a practitioner account may add one;
- practitioner_links and deliveries: read by the member who made them (their journal and
  member) and by the practitioner they are for (`attune_account()`), nobody else; a link is
  added only with a code of that practitioner being redeemed, a delivery only over the member's
  own link; either side removes them (the member withdraws, the practitioner ends the link).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import attune.storage.models

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

APP_ROLE = "attune_app"
OWN = "journal_id = attune_journal() AND member_id = attune_member()"
PRACTITIONER = "practitioner_id = attune_account()"
CONNECTING = "code_hash = current_setting('attune.connect', true)"
IS_PRACTITIONER = (
    "EXISTS (SELECT 1 FROM accounts AS a WHERE a.id = attune_account() AND a.kind = 'practitioner')"
)
LINK_FROM_CODE = (
    "EXISTS (SELECT 1 FROM practitioner_codes AS c WHERE c.code_hash = "
    "current_setting('attune.connect', true) "
    "AND c.practitioner_id = practitioner_links.practitioner_id)"
)
OWN_LINK = (
    "EXISTS (SELECT 1 FROM practitioner_links AS l WHERE l.id = deliveries.link_id "
    "AND l.practitioner_id = deliveries.practitioner_id AND l.member_id = deliveries.member_id)"
)
TABLES = ("practitioners", "practitioner_codes", "practitioner_links", "deliveries")


def _created() -> sa.Column[object]:
    return sa.Column("created_at", attune.storage.models.UTCDateTime(), nullable=False)


def _tables() -> None:
    op.create_table(
        "practitioners",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        _created(),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_practitioners_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_practitioners")),
    )
    op.create_table(
        "practitioner_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        sa.Column("practitioner_name", sa.String(length=80), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        _created(),
        sa.Column("expires_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.Column("used_at", attune.storage.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["practitioner_id"],
            ["accounts.id"],
            name=op.f("fk_practitioner_codes_practitioner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practitioner_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_practitioner_codes_code_hash")),
    )
    op.create_index(
        "ix_practitioner_codes_practitioner_id", "practitioner_codes", ["practitioner_id"]
    )
    op.create_table(
        "practitioner_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        sa.Column("practitioner_name", sa.String(length=80), nullable=False),
        sa.Column("journal_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("client_name", sa.String(length=80), nullable=False),
        _created(),
        sa.ForeignKeyConstraint(
            ["practitioner_id"],
            ["accounts.id"],
            name=op.f("fk_practitioner_links_practitioner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_practitioner_links_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practitioner_links")),
        sa.UniqueConstraint(
            "practitioner_id", "member_id", name=op.f("uq_practitioner_links_practitioner_id")
        ),
    )
    op.create_index("ix_practitioner_links_member_id", "practitioner_links", ["member_id"])
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        sa.Column("journal_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("signed_by", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["practitioner_links.id"],
            name=op.f("fk_deliveries_link_id_practitioner_links"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["practitioner_id"],
            ["accounts.id"],
            name=op.f("fk_deliveries_practitioner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_deliveries_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
    )
    op.create_index("ix_deliveries_practitioner_id", "deliveries", ["practitioner_id"])
    op.create_index("ix_deliveries_member_id", "deliveries", ["member_id"])


def _policy(table: str, name: str, command: str, using: str | None, check: str | None) -> None:
    sql = f"CREATE POLICY {name} ON {table} FOR {command} TO {APP_ROLE}"
    if using is not None:
        sql += f" USING ({using})"
    if check is not None:
        sql += f" WITH CHECK ({check})"
    op.execute(sql)


def upgrade() -> None:
    _tables()
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in ("practitioner_links", "deliveries"):
        op.create_foreign_key(
            f"fk_{table}_journal_id_journals", table, "journals", ["journal_id"], ["id"]
        )
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(TABLES)} TO {APP_ROLE}")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    mine = "account_id = attune_account()"
    _policy("practitioners", "practitioners_own", "ALL", mine, f"{mine} AND {IS_PRACTITIONER}")
    code = f"{PRACTITIONER} OR {CONNECTING}"
    _policy("practitioner_codes", "practitioner_codes_read", "SELECT", code, None)
    check = f"{PRACTITIONER} AND {IS_PRACTITIONER}"
    _policy("practitioner_codes", "practitioner_codes_add", "INSERT", None, check)
    _policy("practitioner_codes", "practitioner_codes_use", "UPDATE", code, code)
    _policy("practitioner_codes", "practitioner_codes_remove", "DELETE", PRACTITIONER, None)
    either = f"({OWN}) OR {PRACTITIONER}"
    _policy("practitioner_links", "practitioner_links_read", "SELECT", either, None)
    _policy(
        "practitioner_links",
        "practitioner_links_add",
        "INSERT",
        None,
        f"{OWN} AND {LINK_FROM_CODE}",
    )
    _policy("practitioner_links", "practitioner_links_remove", "DELETE", either, None)
    _policy("deliveries", "deliveries_read", "SELECT", either, None)
    _policy("deliveries", "deliveries_send", "INSERT", None, f"{OWN} AND {OWN_LINK}")
    _policy("deliveries", "deliveries_remove", "DELETE", either, None)


def downgrade() -> None:
    for table in reversed(TABLES):  # their policies go with them
        op.drop_table(table)
