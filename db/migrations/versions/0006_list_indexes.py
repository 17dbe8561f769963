"""Lists of a province: residents and households page through a covering (sort_key, id,
deleted, merged_into) index and count live rows from a small (merged_into, deleted) one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""
from __future__ import annotations

from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

TABLES = ('household', 'person')


def upgrade() -> None:
    for table in TABLES:
        op.drop_index(f'ix_{table}_sort_key', table_name=table)
        op.drop_index(f'ix_{table}_merged_into', table_name=table)
        op.create_index(
            f'ix_{table}_sort_key_id_deleted_merged_into',
            table,
            ['sort_key', 'id', 'deleted', 'merged_into'],
        )
        op.create_index(f'ix_{table}_merged_into_deleted', table, ['merged_into', 'deleted'])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f'ix_{table}_merged_into_deleted', table_name=table)
        op.drop_index(f'ix_{table}_sort_key_id_deleted_merged_into', table_name=table)
        op.create_index(f'ix_{table}_merged_into', table, ['merged_into'])
        op.create_index(f'ix_{table}_sort_key', table, ['sort_key'])
