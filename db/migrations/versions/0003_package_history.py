"""Package history: what each package sent or received carried, and held packages.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_outbox',
    sa.Column('package_id', sa.String(length=36), nullable=False),
    sa.Column('peer_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('n_changes', sa.Integer(), nullable=False),
    sa.Column('n_blobs', sa.Integer(), nullable=False),
    sa.Column('vector', sa.Text(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('package_id', name=op.f('pk_sync_outbox'))
    )
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_outbox_peer_id'), ['peer_id'], unique=False)

    with op.batch_alter_table('sync_inbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('applied', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('vector', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('file_path', sa.Text(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('sync_inbox', schema=None) as batch_op:
        batch_op.drop_column('file_path')
        batch_op.drop_column('vector')
        batch_op.drop_column('applied')
        batch_op.drop_column('kind')

    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_outbox_peer_id'))

    op.drop_table('sync_outbox')
