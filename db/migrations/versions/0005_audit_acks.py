"""How far each peer holds each machine's audit chain, so packages carry audit events once.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sync_audit_ack',
        sa.Column('peer_id', sa.String(length=36), nullable=False),
        sa.Column('replica_id', sa.String(length=36), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('peer_id', 'replica_id', name=op.f('pk_sync_audit_ack')),
    )


def downgrade() -> None:
    op.drop_table('sync_audit_ack')
