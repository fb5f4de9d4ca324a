"""sealed entries: wrapped member data keys, sealed entry and draft words

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_salt", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("key_wrapped", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sealed", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sealed", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_column("sealed")
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_column("sealed")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("key_wrapped")
        batch_op.drop_column("key_salt")
