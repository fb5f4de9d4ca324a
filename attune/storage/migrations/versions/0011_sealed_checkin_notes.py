"""sealed check-in notes: a protected member's private appreciations and "talk about" words

Like a sealed entry (0006), a private appreciation of a member with a passphrase keeps its words
only inside `appreciations.sealed` (AES-256-GCM under the member's data key; attune.storage.
sealing), its `appreciation` and `talk_about` columns empty. Rows already there are sealed when
the member next sets a passphrase (`sealing.seal_member`); nothing to convert here.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("appreciations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sealed", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("appreciations", schema=None) as batch_op:
        batch_op.drop_column("sealed")
