"""Forms that add and edit records: `form_for()` picks a type's own form or the generic one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop_app.i18n import tr
from desktop_app.records.catalog import record_types
from ui.context import AppContext
from ui.forms.case_form import CaseForm
from ui.forms.group_form import GroupForm
from ui.forms.household_form import HouseholdForm
from ui.forms.meeting_form import MeetingForm
from ui.forms.person_form import PersonForm
from ui.forms.record_form import RecordForm
from ui.forms.team_form import TeamForm

Opener = Callable[[AppContext, str | None, QWidget | None], RecordForm]
# Record types with a form of their own; every other type gets the generic form.
OWN_FORMS: dict[str, Opener] = {
    "household": lambda ctx, i, parent: HouseholdForm(ctx, i, parent=parent),
    "person": lambda ctx, i, parent: PersonForm(ctx, i, parent=parent),
    "household_group": lambda ctx, i, parent: GroupForm(ctx, i, parent=parent),
    "security_team": lambda ctx, i, parent: TeamForm(ctx, i, parent=parent),
    "reintegration_case": lambda ctx, i, parent: CaseForm(ctx, i, parent=parent),
    "meeting": lambda ctx, i, parent: MeetingForm(ctx, i, parent=parent),
}

# The province's vocabularies, by code, as a post's settings name them.
VOCABULARY_NAMES: dict[str, str] = {
    "area_kind": "Loại thôn, tổ dân phố",
    "group_type": "Loại tổ tự quản",
    "group_rating": "Mức xếp loại tổ tự quản",
    "helper_role": "Vai trò người giúp đỡ",
    "meeting_type": "Loại cuộc họp",
    "opinion_category": "Lĩnh vực ý kiến",
    "relation": "Quan hệ với chủ hộ",
    "support_type": "Hình thức hỗ trợ",
}


def vocabulary_codes() -> tuple[str, ...]:
    """Every vocabulary some field of the schema draws its codes from."""
    found = {s.vocabulary for t in record_types().values() for s in t.fields if s.vocabulary}
    return tuple(sorted(found))


def vocabulary_name(code: str) -> str:
    return tr(VOCABULARY_NAMES[code]) if code in VOCABULARY_NAMES else code


def form_for(
    ctx: AppContext, record_type: str, record_id: str | None = None, parent: QWidget | None = None
) -> RecordForm:
    """The form that adds (`record_id` None) or edits a record of `record_type`."""
    if record_type in OWN_FORMS:
        return OWN_FORMS[record_type](ctx, record_id, parent)
    if record_type == "vocabulary_term":
        codes = vocabulary_codes()
        return RecordForm(
            ctx,
            record_type,
            record_id,
            parent=parent,
            overrides={"vocabulary": {"kind": "choice", "choices": codes}},
            labels={"vocabulary": {c: vocabulary_name(c) for c in codes}},
            defaults={"active": True},
        )
    return RecordForm(ctx, record_type, record_id, parent=parent)
