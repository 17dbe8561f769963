"""Reintegration case files (Thông tư 10/2024/TT-BCA, Nghị định 49/2020): sensitive data."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Mapped

from db import columns as c
from db.base import Synced

RELEASE_TYPES = ("served", "amnesty", "conditional")
CLASSES = ("A", "B", "C", "D")
CLOSURE_REASONS = ("expunged", "moved", "deceased", "new_sentence", "other")


class ReintegrationCase(Synced):
    """One person's case, from the prison's notice to expungement; release data lives here."""

    __tablename__ = "reintegration_case"

    person_id: Mapped[str | None] = c.ref("person", required=True)
    case_no: Mapped[str | None] = c.text(40, search=True)
    officer_in_charge_id: Mapped[str | None] = c.ref("officer")
    release_type: Mapped[str | None] = c.choice(*RELEASE_TYPES, required=True)
    facility: Mapped[str | None] = c.text(200)
    release_date: Mapped[date | None] = c.day()
    certificate_no: Mapped[str | None] = c.text(50)
    certificate_date: Mapped[date | None] = c.day()
    certificate_issuer: Mapped[str | None] = c.text(200)
    notice_received_on: Mapped[date | None] = c.day()
    residence_confirmed_on: Mapped[date | None] = c.day()
    reported_on: Mapped[date | None] = c.day()
    commitment_signed_on: Mapped[date | None] = c.day()
    status: Mapped[str | None] = c.choice("open", "closed", default="open")
    closure_reason: Mapped[str | None] = c.choice(*CLOSURE_REASONS)
    closed_on: Mapped[date | None] = c.day()
    closure_note: Mapped[str | None] = c.text(None)
    transferred_to_unit: Mapped[str | None] = c.text(10)
    expected_expungement_on: Mapped[date | None] = c.day()
    note: Mapped[str | None] = c.text(None)


class CaseJudgement(Synced):
    __tablename__ = "case_judgement"

    case_id: Mapped[str | None] = c.ref("reintegration_case", required=True)
    court: Mapped[str | None] = c.text(200, required=True)
    judgement_no: Mapped[str | None] = c.text(50, required=True)
    judgement_date: Mapped[date | None] = c.day(required=True)
    offence: Mapped[str | None] = c.text(200, required=True)
    article: Mapped[str | None] = c.text(100)
    main_penalty: Mapped[str | None] = c.text(200)
    term_months: Mapped[int | None] = c.integer(minimum=0)
    additional_penalties: Mapped[str | None] = c.text(None)
    note: Mapped[str | None] = c.text(None)


class CaseHelper(Synced):
    """A helper (the "4+" model): police, family, village head, mass organisations…"""

    __tablename__ = "case_helper"

    case_id: Mapped[str | None] = c.ref("reintegration_case", required=True)
    role: Mapped[str | None] = c.vocab("helper_role", required=True)
    name: Mapped[str | None] = c.text(120, required=True)
    person_id: Mapped[str | None] = c.ref("person")
    organisation: Mapped[str | None] = c.text(200)
    phone: Mapped[str | None] = c.text(20, kind="phone")
    assigned_on: Mapped[date | None] = c.day()
    ended_on: Mapped[date | None] = c.day()


class CaseContact(Synced):
    """A visit, call or meeting with the person, as the contact log the law asks for."""

    __tablename__ = "case_contact"

    case_id: Mapped[str | None] = c.ref("reintegration_case", required=True)
    contact_on: Mapped[date | None] = c.day(required=True)
    kind: Mapped[str | None] = c.choice(
        "visit", "phone", "summons", "report", "other", required=True
    )
    officer_id: Mapped[str | None] = c.ref("officer")
    helper_id: Mapped[str | None] = c.ref("case_helper")
    content: Mapped[str | None] = c.text(None, required=True)
    observations: Mapped[str | None] = c.text(None)


class CaseClassification(Synced):
    """A/B/C/D classification with its date and reason; the history is the list of these rows."""

    __tablename__ = "case_classification"

    case_id: Mapped[str | None] = c.ref("reintegration_case", required=True)
    level: Mapped[str | None] = c.choice(*CLASSES, required=True)
    decided_on: Mapped[date | None] = c.day(required=True)
    reason: Mapped[str | None] = c.text(None, required=True)
    officer_id: Mapped[str | None] = c.ref("officer")


class CaseSupport(Synced):
    """Support given: a job, vocational training, a loan, papers, counselling…"""

    __tablename__ = "case_support"

    case_id: Mapped[str | None] = c.ref("reintegration_case", required=True)
    support_type: Mapped[str | None] = c.vocab("support_type", required=True)
    given_on: Mapped[date | None] = c.day(required=True)
    provider: Mapped[str | None] = c.text(200)
    description: Mapped[str | None] = c.text(None)
    outcome: Mapped[str | None] = c.text(None)


class CaseIncident(Synced):
    """A violation or a re-offence during management."""

    __tablename__ = "case_incident"

    case_id: Mapped[str | None] = c.ref("reintegration_case", required=True)
    occurred_on: Mapped[date | None] = c.day(required=True)
    kind: Mapped[str | None] = c.choice("violation", "reoffence", "other", required=True)
    description: Mapped[str | None] = c.text(None, required=True)
    new_judgement_no: Mapped[str | None] = c.text(50)
