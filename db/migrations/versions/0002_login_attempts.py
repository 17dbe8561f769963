"""Login attempts: wrong passwords per username on this machine, for the lockout.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_attempt',
    sa.Column('username', sa.String(length=60), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('username', name=op.f('pk_login_attempt'))
    )


def downgrade() -> None:
    op.drop_table('login_attempt')
