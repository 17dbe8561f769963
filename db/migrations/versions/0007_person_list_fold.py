"""Residents' list index carries the folded name, so a search that scans a province's list in
order filters rows from the index instead of probing the search index for each of them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""
from __future__ import annotations

from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_person_sort_key_id_deleted_merged_into', table_name='person')
    op.create_index(
        'ix_person_sort_key_id_deleted_merged_into_name_fold',
        'person',
        ['sort_key', 'id', 'deleted', 'merged_into', 'name_fold'],
    )


def downgrade() -> None:
    op.drop_index('ix_person_sort_key_id_deleted_merged_into_name_fold', table_name='person')
    op.create_index(
        'ix_person_sort_key_id_deleted_merged_into',
        'person',
        ['sort_key', 'id', 'deleted', 'merged_into'],
    )
