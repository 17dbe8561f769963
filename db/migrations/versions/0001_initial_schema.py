"""Initial schema: every aggregate of DESIGN.md §2, the change log, the audit trail.

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agenda_item',
    sa.Column('meeting_id', sa.String(length=36), nullable=True),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('content', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item'))
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index('ix_agenda_item_unit_code', ['unit_code'], unique=False)

    op.create_table('area',
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=True),
    sa.Column('code', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('sort_key', sa.String(length=400).with_variant(sa.String(length=400, collation='C'), 'postgresql'), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area'))
    )
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_area_sort_key'), ['sort_key'], unique=False)
        batch_op.create_index('ix_area_unit_code', ['unit_code'], unique=False)

    op.create_table('attachment',
    sa.Column('owner_type', sa.String(length=40), nullable=True),
    sa.Column('owner_id', sa.String(length=36), nullable=True),
    sa.Column('file_name', sa.String(length=255), nullable=True),
    sa.Column('media_type', sa.String(length=100), nullable=True),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index('ix_attachment_owner_type_owner_id', ['owner_type', 'owner_id'], unique=False)
        batch_op.create_index('ix_attachment_unit_code', ['unit_code'], unique=False)

    op.create_table('audit_event',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('replica_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('officer_id', sa.String(length=36), nullable=True),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=True),
    sa.Column('record_id', sa.String(length=36), nullable=True),
    sa.Column('tx_id', sa.String(length=36), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event')),
    sa.UniqueConstraint('replica_id', 'seq', name='uq_audit_event_replica_seq')
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_officer_id'), ['officer_id'], unique=False)
        batch_op.create_index('ix_audit_event_record', ['record_type', 'record_id'], unique=False)

    op.create_table('case_classification',
    sa.Column('case_id', sa.String(length=36), nullable=True),
    sa.Column('level', sa.String(length=1), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('officer_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_classification'))
    )
    with op.batch_alter_table('case_classification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_classification_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_classification_officer_id'), ['officer_id'], unique=False)
        batch_op.create_index('ix_case_classification_unit_code', ['unit_code'], unique=False)

    op.create_table('case_contact',
    sa.Column('case_id', sa.String(length=36), nullable=True),
    sa.Column('contact_on', sa.Date(), nullable=True),
    sa.Column('kind', sa.String(length=7), nullable=True),
    sa.Column('officer_id', sa.String(length=36), nullable=True),
    sa.Column('helper_id', sa.String(length=36), nullable=True),
    sa.Column('content', sa.Text(), nullable=True),
    sa.Column('observations', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_contact'))
    )
    with op.batch_alter_table('case_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_contact_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_contact_helper_id'), ['helper_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_contact_officer_id'), ['officer_id'], unique=False)
        batch_op.create_index('ix_case_contact_unit_code', ['unit_code'], unique=False)

    op.create_table('case_helper',
    sa.Column('case_id', sa.String(length=36), nullable=True),
    sa.Column('role', sa.String(length=40), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('organisation', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('assigned_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_helper'))
    )
    with op.batch_alter_table('case_helper', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_helper_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_helper_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_case_helper_unit_code', ['unit_code'], unique=False)

    op.create_table('case_incident',
    sa.Column('case_id', sa.String(length=36), nullable=True),
    sa.Column('occurred_on', sa.Date(), nullable=True),
    sa.Column('kind', sa.String(length=9), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('new_judgement_no', sa.String(length=50), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_incident'))
    )
    with op.batch_alter_table('case_incident', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_incident_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_case_incident_unit_code', ['unit_code'], unique=False)

    op.create_table('case_judgement',
    sa.Column('case_id', sa.String(length=36), nullable=True),
    sa.Column('court', sa.String(length=200), nullable=True),
    sa.Column('judgement_no', sa.String(length=50), nullable=True),
    sa.Column('judgement_date', sa.Date(), nullable=True),
    sa.Column('offence', sa.String(length=200), nullable=True),
    sa.Column('article', sa.String(length=100), nullable=True),
    sa.Column('main_penalty', sa.String(length=200), nullable=True),
    sa.Column('term_months', sa.Integer(), nullable=True),
    sa.Column('additional_penalties', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_judgement'))
    )
    with op.batch_alter_table('case_judgement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_judgement_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_case_judgement_unit_code', ['unit_code'], unique=False)

    op.create_table('case_support',
    sa.Column('case_id', sa.String(length=36), nullable=True),
    sa.Column('support_type', sa.String(length=40), nullable=True),
    sa.Column('given_on', sa.Date(), nullable=True),
    sa.Column('provider', sa.String(length=200), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_support'))
    )
    with op.batch_alter_table('case_support', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_support_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_case_support_unit_code', ['unit_code'], unique=False)

    op.create_table('group_member',
    sa.Column('group_id', sa.String(length=36), nullable=True),
    sa.Column('role', sa.String(length=6), nullable=True),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_member'))
    )
    with op.batch_alter_table('group_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_member_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_member_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_member_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_group_member_unit_code', ['unit_code'], unique=False)

    op.create_table('group_rating',
    sa.Column('group_id', sa.String(length=36), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('rating', sa.String(length=40), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_rating'))
    )
    with op.batch_alter_table('group_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_rating_group_id'), ['group_id'], unique=False)
        batch_op.create_index('ix_group_rating_unit_code', ['unit_code'], unique=False)

    op.create_table('household',
    sa.Column('number', sa.String(length=30), nullable=True),
    sa.Column('head_person_id', sa.String(length=36), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('area_id', sa.String(length=36), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('merged_into', sa.String(length=36), nullable=True),
    sa.Column('sort_key', sa.String(length=400).with_variant(sa.String(length=400, collation='C'), 'postgresql'), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household'))
    )
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_head_person_id'), ['head_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_merged_into'), ['merged_into'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_sort_key'), ['sort_key'], unique=False)
        batch_op.create_index('ix_household_unit_code', ['unit_code'], unique=False)

    op.create_table('household_group',
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('number', sa.String(length=20), nullable=True),
    sa.Column('group_type', sa.String(length=40), nullable=True),
    sa.Column('area_id', sa.String(length=36), nullable=True),
    sa.Column('officer_in_charge_id', sa.String(length=36), nullable=True),
    sa.Column('founded_on', sa.Date(), nullable=True),
    sa.Column('decision_no', sa.String(length=50), nullable=True),
    sa.Column('rules_attachment_id', sa.String(length=36), nullable=True),
    sa.Column('meeting_schedule', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=9), nullable=True),
    sa.Column('dissolved_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('sort_key', sa.String(length=400).with_variant(sa.String(length=400, collation='C'), 'postgresql'), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household_group'))
    )
    with op.batch_alter_table('household_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_group_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_group_officer_in_charge_id'), ['officer_in_charge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_group_rules_attachment_id'), ['rules_attachment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_group_sort_key'), ['sort_key'], unique=False)
        batch_op.create_index('ix_household_group_unit_code', ['unit_code'], unique=False)

    op.create_table('local_replica',
    sa.Column('replica_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=False),
    sa.Column('province_code', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('last_hlc', sa.String(length=21), nullable=False),
    sa.Column('age_identity', sa.Text(), nullable=False),
    sa.Column('age_recipient', sa.Text(), nullable=False),
    sa.Column('sign_private', sa.Text(), nullable=False),
    sa.Column('sign_public', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('replica_id', name=op.f('pk_local_replica'))
    )
    op.create_table('meeting',
    sa.Column('meeting_type', sa.String(length=40), nullable=True),
    sa.Column('subject', sa.String(length=300), nullable=True),
    sa.Column('status', sa.String(length=6), nullable=True),
    sa.Column('starts_at', sa.DateTime(), nullable=True),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('area_id', sa.String(length=36), nullable=True),
    sa.Column('group_id', sa.String(length=36), nullable=True),
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('chair_name', sa.String(length=120), nullable=True),
    sa.Column('chair_title', sa.String(length=200), nullable=True),
    sa.Column('secretary_name', sa.String(length=120), nullable=True),
    sa.Column('secretary_title', sa.String(length=200), nullable=True),
    sa.Column('present_count', sa.Integer(), nullable=True),
    sa.Column('absent_count', sa.Integer(), nullable=True),
    sa.Column('absent_reasons', sa.Text(), nullable=True),
    sa.Column('conclusions', sa.Text(), nullable=True),
    sa.Column('votes_for', sa.Integer(), nullable=True),
    sa.Column('votes_against', sa.Integer(), nullable=True),
    sa.Column('votes_other', sa.Integer(), nullable=True),
    sa.Column('recipients', sa.Text(), nullable=True),
    sa.Column('doc_year', sa.Integer(), nullable=True),
    sa.Column('doc_seq', sa.Integer(), nullable=True),
    sa.Column('doc_number', sa.String(length=40), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_team_id'), ['team_id'], unique=False)
        batch_op.create_index('ix_meeting_unit_code', ['unit_code'], unique=False)

    op.create_table('meeting_addendum',
    sa.Column('meeting_id', sa.String(length=36), nullable=True),
    sa.Column('made_on', sa.Date(), nullable=True),
    sa.Column('content', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_addendum'))
    )
    with op.batch_alter_table('meeting_addendum', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_addendum_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index('ix_meeting_addendum_unit_code', ['unit_code'], unique=False)

    op.create_table('meeting_attendee',
    sa.Column('meeting_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=9), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.Column('absent_reason', sa.String(length=200), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_attendee'))
    )
    with op.batch_alter_table('meeting_attendee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_attendee_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendee_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendee_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_meeting_attendee_unit_code', ['unit_code'], unique=False)

    op.create_table('officer',
    sa.Column('username', sa.String(length=60), nullable=True),
    sa.Column('full_name', sa.String(length=120), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('role', sa.String(length=7), nullable=True),
    sa.Column('password_hash', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort_key', sa.String(length=400).with_variant(sa.String(length=400, collation='C'), 'postgresql'), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officer'))
    )
    with op.batch_alter_table('officer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officer_sort_key'), ['sort_key'], unique=False)
        batch_op.create_index('ix_officer_unit_code', ['unit_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_officer_username'), ['username'], unique=False)

    op.create_table('opinion',
    sa.Column('meeting_id', sa.String(length=36), nullable=True),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('speaker_name', sa.String(length=120), nullable=True),
    sa.Column('speaker_person_id', sa.String(length=36), nullable=True),
    sa.Column('content', sa.Text(), nullable=True),
    sa.Column('category', sa.String(length=40), nullable=True),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('within_authority', sa.Boolean(), nullable=False),
    sa.Column('referred_to', sa.String(length=200), nullable=True),
    sa.Column('responsible', sa.String(length=120), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=8), nullable=True),
    sa.Column('replied_on', sa.Date(), nullable=True),
    sa.Column('reply', sa.Text(), nullable=True),
    sa.Column('reported_back_meeting_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion'))
    )
    with op.batch_alter_table('opinion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opinion_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_reported_back_meeting_id'), ['reported_back_meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_speaker_person_id'), ['speaker_person_id'], unique=False)
        batch_op.create_index('ix_opinion_unit_code', ['unit_code'], unique=False)

    op.create_table('peer',
    sa.Column('replica_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('age_recipient', sa.Text(), nullable=False),
    sa.Column('sign_public', sa.Text(), nullable=False),
    sa.Column('fingerprint', sa.String(length=80), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('replica_id', name=op.f('pk_peer'))
    )
    op.create_table('person',
    sa.Column('full_name', sa.String(length=120), nullable=True),
    sa.Column('given_name', sa.String(length=60), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('sex', sa.String(length=4), nullable=True),
    sa.Column('id_number', sa.String(length=12), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('relation_to_head', sa.String(length=40), nullable=True),
    sa.Column('ethnicity', sa.String(length=40), nullable=True),
    sa.Column('religion', sa.String(length=40), nullable=True),
    sa.Column('occupation', sa.String(length=120), nullable=True),
    sa.Column('hometown', sa.String(length=300), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('residence_status', sa.String(length=18), nullable=True),
    sa.Column('status_changed_on', sa.Date(), nullable=True),
    sa.Column('merged_into', sa.String(length=36), nullable=True),
    sa.Column('name_fold', sa.String(length=400).with_variant(sa.String(length=400, collation='C'), 'postgresql'), nullable=True),
    sa.Column('sort_key', sa.String(length=400).with_variant(sa.String(length=400, collation='C'), 'postgresql'), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_id_number'), ['id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_merged_into'), ['merged_into'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_name_fold'), ['name_fold'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_sort_key'), ['sort_key'], unique=False)
        batch_op.create_index('ix_person_unit_code', ['unit_code'], unique=False)

    op.create_table('reintegration_case',
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('case_no', sa.String(length=40), nullable=True),
    sa.Column('officer_in_charge_id', sa.String(length=36), nullable=True),
    sa.Column('release_type', sa.String(length=11), nullable=True),
    sa.Column('facility', sa.String(length=200), nullable=True),
    sa.Column('release_date', sa.Date(), nullable=True),
    sa.Column('certificate_no', sa.String(length=50), nullable=True),
    sa.Column('certificate_date', sa.Date(), nullable=True),
    sa.Column('certificate_issuer', sa.String(length=200), nullable=True),
    sa.Column('notice_received_on', sa.Date(), nullable=True),
    sa.Column('residence_confirmed_on', sa.Date(), nullable=True),
    sa.Column('reported_on', sa.Date(), nullable=True),
    sa.Column('commitment_signed_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=6), nullable=True),
    sa.Column('closure_reason', sa.String(length=12), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closure_note', sa.Text(), nullable=True),
    sa.Column('transferred_to_unit', sa.String(length=10), nullable=True),
    sa.Column('expected_expungement_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reintegration_case'))
    )
    with op.batch_alter_table('reintegration_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reintegration_case_officer_in_charge_id'), ['officer_in_charge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reintegration_case_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_reintegration_case_unit_code', ['unit_code'], unique=False)

    op.create_table('search_token',
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('token', sa.String(length=60).with_variant(sa.String(length=60, collation='C'), 'postgresql'), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'token', 'row_id', name=op.f('pk_search_token')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('search_token', schema=None) as batch_op:
        batch_op.create_index('ix_search_token_row', ['row_id'], unique=False)

    op.create_table('security_team',
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('decision_no', sa.String(length=50), nullable=True),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('decided_by', sa.String(length=120), nullable=True),
    sa.Column('status', sa.String(length=9), nullable=True),
    sa.Column('dissolution_decision_no', sa.String(length=50), nullable=True),
    sa.Column('dissolved_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('sort_key', sa.String(length=400).with_variant(sa.String(length=400, collation='C'), 'postgresql'), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_security_team'))
    )
    with op.batch_alter_table('security_team', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_security_team_sort_key'), ['sort_key'], unique=False)
        batch_op.create_index('ix_security_team_unit_code', ['unit_code'], unique=False)

    op.create_table('sync_change',
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hlc', sa.String(length=21), nullable=False),
    sa.Column('tbl', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('base_hlc', sa.String(length=21), nullable=True),
    sa.Column('base_origin', sa.String(length=36), nullable=True),
    sa.Column('tx_id', sa.String(length=36), nullable=False),
    sa.Column('officer_id', sa.String(length=36), nullable=True),
    sa.Column('schema_version', sa.Integer(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.Column('applied', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('change_id', name=op.f('pk_sync_change')),
    sa.UniqueConstraint('origin', 'seq', name='uq_sync_change_origin_seq')
    )
    with op.batch_alter_table('sync_change', schema=None) as batch_op:
        batch_op.create_index('ix_sync_change_row', ['tbl', 'row_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_change_unit_code'), ['unit_code'], unique=False)

    op.create_table('sync_clock',
    sa.Column('tbl', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('hlc', sa.String(length=21), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('tbl', 'row_id', 'field', name=op.f('pk_sync_clock')),
    sqlite_with_rowid=False
    )
    op.create_table('sync_conflict',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('tbl', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('winner_value', sa.Text(), nullable=True),
    sa.Column('winner_hlc', sa.String(length=21), nullable=False),
    sa.Column('winner_origin', sa.String(length=36), nullable=False),
    sa.Column('loser_value', sa.Text(), nullable=True),
    sa.Column('loser_hlc', sa.String(length=21), nullable=False),
    sa.Column('loser_origin', sa.String(length=36), nullable=False),
    sa.Column('detected_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_by', sa.String(length=36), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict'))
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflict_row_id'), ['row_id'], unique=False)

    op.create_table('sync_inbox',
    sa.Column('package_id', sa.String(length=36), nullable=False),
    sa.Column('sender', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('n_changes', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('package_id', name=op.f('pk_sync_inbox'))
    )
    op.create_table('sync_peer_ack',
    sa.Column('peer_id', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('peer_id', 'origin', name=op.f('pk_sync_peer_ack'))
    )
    op.create_table('sync_version_vector',
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('origin', name=op.f('pk_sync_version_vector'))
    )
    op.create_table('team_area',
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('area_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_area'))
    )
    with op.batch_alter_table('team_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_area_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_area_team_id'), ['team_id'], unique=False)
        batch_op.create_index('ix_team_area_unit_code', ['unit_code'], unique=False)

    op.create_table('team_member',
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('role', sa.String(length=9), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=True),
    sa.Column('recognition_decision_no', sa.String(length=50), nullable=True),
    sa.Column('recognition_date', sa.Date(), nullable=True),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=200), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_member'))
    )
    with op.batch_alter_table('team_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_member_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_member_team_id'), ['team_id'], unique=False)
        batch_op.create_index('ix_team_member_unit_code', ['unit_code'], unique=False)

    op.create_table('team_rating',
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('member_id', sa.String(length=36), nullable=True),
    sa.Column('period_year', sa.Integer(), nullable=True),
    sa.Column('level', sa.String(length=16), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_rating'))
    )
    with op.batch_alter_table('team_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_rating_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_rating_team_id'), ['team_id'], unique=False)
        batch_op.create_index('ix_team_rating_unit_code', ['unit_code'], unique=False)

    op.create_table('vocabulary_term',
    sa.Column('vocabulary', sa.String(length=40), nullable=True),
    sa.Column('code', sa.String(length=40), nullable=True),
    sa.Column('label', sa.String(length=200), nullable=True),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_replica', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=21), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vocabulary_term'))
    )
    with op.batch_alter_table('vocabulary_term', schema=None) as batch_op:
        batch_op.create_index('ix_vocabulary_term_unit_code', ['unit_code'], unique=False)
        batch_op.create_index('ix_vocabulary_term_vocabulary_code', ['vocabulary', 'code'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('vocabulary_term', schema=None) as batch_op:
        batch_op.drop_index('ix_vocabulary_term_vocabulary_code')
        batch_op.drop_index('ix_vocabulary_term_unit_code')

    op.drop_table('vocabulary_term')
    with op.batch_alter_table('team_rating', schema=None) as batch_op:
        batch_op.drop_index('ix_team_rating_unit_code')
        batch_op.drop_index(batch_op.f('ix_team_rating_team_id'))
        batch_op.drop_index(batch_op.f('ix_team_rating_member_id'))

    op.drop_table('team_rating')
    with op.batch_alter_table('team_member', schema=None) as batch_op:
        batch_op.drop_index('ix_team_member_unit_code')
        batch_op.drop_index(batch_op.f('ix_team_member_team_id'))
        batch_op.drop_index(batch_op.f('ix_team_member_person_id'))

    op.drop_table('team_member')
    with op.batch_alter_table('team_area', schema=None) as batch_op:
        batch_op.drop_index('ix_team_area_unit_code')
        batch_op.drop_index(batch_op.f('ix_team_area_team_id'))
        batch_op.drop_index(batch_op.f('ix_team_area_area_id'))

    op.drop_table('team_area')
    op.drop_table('sync_version_vector')
    op.drop_table('sync_peer_ack')
    op.drop_table('sync_inbox')
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflict_row_id'))

    op.drop_table('sync_conflict')
    op.drop_table('sync_clock')
    with op.batch_alter_table('sync_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_change_unit_code'))
        batch_op.drop_index('ix_sync_change_row')

    op.drop_table('sync_change')
    with op.batch_alter_table('security_team', schema=None) as batch_op:
        batch_op.drop_index('ix_security_team_unit_code')
        batch_op.drop_index(batch_op.f('ix_security_team_sort_key'))

    op.drop_table('security_team')
    with op.batch_alter_table('search_token', schema=None) as batch_op:
        batch_op.drop_index('ix_search_token_row')

    op.drop_table('search_token')
    with op.batch_alter_table('reintegration_case', schema=None) as batch_op:
        batch_op.drop_index('ix_reintegration_case_unit_code')
        batch_op.drop_index(batch_op.f('ix_reintegration_case_person_id'))
        batch_op.drop_index(batch_op.f('ix_reintegration_case_officer_in_charge_id'))

    op.drop_table('reintegration_case')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_unit_code')
        batch_op.drop_index(batch_op.f('ix_person_sort_key'))
        batch_op.drop_index(batch_op.f('ix_person_name_fold'))
        batch_op.drop_index(batch_op.f('ix_person_merged_into'))
        batch_op.drop_index(batch_op.f('ix_person_id_number'))
        batch_op.drop_index(batch_op.f('ix_person_household_id'))

    op.drop_table('person')
    op.drop_table('peer')
    with op.batch_alter_table('opinion', schema=None) as batch_op:
        batch_op.drop_index('ix_opinion_unit_code')
        batch_op.drop_index(batch_op.f('ix_opinion_speaker_person_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_reported_back_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_meeting_id'))

    op.drop_table('opinion')
    with op.batch_alter_table('officer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officer_username'))
        batch_op.drop_index('ix_officer_unit_code')
        batch_op.drop_index(batch_op.f('ix_officer_sort_key'))

    op.drop_table('officer')
    with op.batch_alter_table('meeting_attendee', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_attendee_unit_code')
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_person_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_household_id'))

    op.drop_table('meeting_attendee')
    with op.batch_alter_table('meeting_addendum', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_addendum_unit_code')
        batch_op.drop_index(batch_op.f('ix_meeting_addendum_meeting_id'))

    op.drop_table('meeting_addendum')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_unit_code')
        batch_op.drop_index(batch_op.f('ix_meeting_team_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_group_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_area_id'))

    op.drop_table('meeting')
    op.drop_table('local_replica')
    with op.batch_alter_table('household_group', schema=None) as batch_op:
        batch_op.drop_index('ix_household_group_unit_code')
        batch_op.drop_index(batch_op.f('ix_household_group_sort_key'))
        batch_op.drop_index(batch_op.f('ix_household_group_rules_attachment_id'))
        batch_op.drop_index(batch_op.f('ix_household_group_officer_in_charge_id'))
        batch_op.drop_index(batch_op.f('ix_household_group_area_id'))

    op.drop_table('household_group')
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_index('ix_household_unit_code')
        batch_op.drop_index(batch_op.f('ix_household_sort_key'))
        batch_op.drop_index(batch_op.f('ix_household_merged_into'))
        batch_op.drop_index(batch_op.f('ix_household_head_person_id'))
        batch_op.drop_index(batch_op.f('ix_household_area_id'))

    op.drop_table('household')
    with op.batch_alter_table('group_rating', schema=None) as batch_op:
        batch_op.drop_index('ix_group_rating_unit_code')
        batch_op.drop_index(batch_op.f('ix_group_rating_group_id'))

    op.drop_table('group_rating')
    with op.batch_alter_table('group_member', schema=None) as batch_op:
        batch_op.drop_index('ix_group_member_unit_code')
        batch_op.drop_index(batch_op.f('ix_group_member_person_id'))
        batch_op.drop_index(batch_op.f('ix_group_member_household_id'))
        batch_op.drop_index(batch_op.f('ix_group_member_group_id'))

    op.drop_table('group_member')
    with op.batch_alter_table('case_support', schema=None) as batch_op:
        batch_op.drop_index('ix_case_support_unit_code')
        batch_op.drop_index(batch_op.f('ix_case_support_case_id'))

    op.drop_table('case_support')
    with op.batch_alter_table('case_judgement', schema=None) as batch_op:
        batch_op.drop_index('ix_case_judgement_unit_code')
        batch_op.drop_index(batch_op.f('ix_case_judgement_case_id'))

    op.drop_table('case_judgement')
    with op.batch_alter_table('case_incident', schema=None) as batch_op:
        batch_op.drop_index('ix_case_incident_unit_code')
        batch_op.drop_index(batch_op.f('ix_case_incident_case_id'))

    op.drop_table('case_incident')
    with op.batch_alter_table('case_helper', schema=None) as batch_op:
        batch_op.drop_index('ix_case_helper_unit_code')
        batch_op.drop_index(batch_op.f('ix_case_helper_person_id'))
        batch_op.drop_index(batch_op.f('ix_case_helper_case_id'))

    op.drop_table('case_helper')
    with op.batch_alter_table('case_contact', schema=None) as batch_op:
        batch_op.drop_index('ix_case_contact_unit_code')
        batch_op.drop_index(batch_op.f('ix_case_contact_officer_id'))
        batch_op.drop_index(batch_op.f('ix_case_contact_helper_id'))
        batch_op.drop_index(batch_op.f('ix_case_contact_case_id'))

    op.drop_table('case_contact')
    with op.batch_alter_table('case_classification', schema=None) as batch_op:
        batch_op.drop_index('ix_case_classification_unit_code')
        batch_op.drop_index(batch_op.f('ix_case_classification_officer_id'))
        batch_op.drop_index(batch_op.f('ix_case_classification_case_id'))

    op.drop_table('case_classification')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_record')
        batch_op.drop_index(batch_op.f('ix_audit_event_officer_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))

    op.drop_table('audit_event')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index('ix_attachment_unit_code')
        batch_op.drop_index('ix_attachment_owner_type_owner_id')

    op.drop_table('attachment')
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.drop_index('ix_area_unit_code')
        batch_op.drop_index(batch_op.f('ix_area_sort_key'))

    op.drop_table('area')
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_index('ix_agenda_item_unit_code')
        batch_op.drop_index(batch_op.f('ix_agenda_item_meeting_id'))

    op.drop_table('agenda_item')
