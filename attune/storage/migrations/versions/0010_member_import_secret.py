"""member import secret: the key of a member's import uids and file hashes

An imported entry's uid used to be an unkeyed hash of what identifies it (for Daylio: date, time,
mood, activities and note), and an import batch kept the file's SHA-256: with only the database,
a dictionary over a format's small vocabulary recovered a protected member's words. Uids and file
hashes are now HMAC-SHA256 under a random 32-byte secret per member (attune.services.importing),
made on the member's first import: sealed with the member's data key when they have a
passphrase, in clear otherwise (it then protects only against other members' guesses, online).

Rows imported before keep their uids; a re-import checks both the old and the keyed uid against
the importing member's own entries, so it stays idempotent.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("import_secret", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("import_secret")
