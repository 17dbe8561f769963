"""The app version of each package received, for the hub's list of reporting posts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_inbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('app_version', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sync_inbox', schema=None) as batch_op:
        batch_op.drop_column('app_version')
