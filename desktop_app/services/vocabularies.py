"""Per-province vocabularies (group types, helper roles, meeting types…): rows, not enums."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from db.models import VocabularyTerm
from db.uow import Database
from desktop_app.actor import Actor
from desktop_app.errors import DuplicateError
from desktop_app.i18n import tr
from desktop_app.records import hooks
from desktop_app.work import Work, work

# Ids of default terms are derived, so every replica of a province seeds the same rows.
_NAMESPACE = uuid.UUID("5b0c1f5e-6a43-4d7e-9c1e-8f3a9d2b7c10")

DEFAULTS: dict[str, tuple[tuple[str, str], ...]] = {
    "area_kind": (
        ("thon", "Thôn"),
        ("to_dan_pho", "Tổ dân phố"),
        ("ap", "Ấp"),
        ("ban", "Bản"),
        ("khu_pho", "Khu phố"),
        ("xom", "Xóm"),
        ("buon", "Buôn"),
        ("khom", "Khóm"),
    ),
    "group_type": (
        ("to_lien_gia", "Tổ liên gia an toàn tự quản về ANTT"),
        ("to_tu_quan", "Tổ tự quản về ANTT"),
        ("to_nhan_dan_tu_quan", "Tổ nhân dân tự quản"),
        ("to_an_ninh_nhan_dan", "Tổ an ninh nhân dân"),
        ("to_lien_gia_pccc", "Tổ liên gia an toàn PCCC"),
        ("to_xom_tro", "Tổ tự quản khu nhà trọ"),
    ),
    "helper_role": (
        ("cong_an", "Công an xã"),
        ("gia_dinh", "Gia đình"),
        ("truong_thon", "Trưởng thôn, tổ trưởng tổ dân phố"),
        ("mat_tran", "Ủy ban Mặt trận Tổ quốc"),
        ("hoi_phu_nu", "Hội Liên hiệp Phụ nữ"),
        ("doan_thanh_nien", "Đoàn Thanh niên"),
        ("hoi_ccb", "Hội Cựu chiến binh"),
        ("hoi_nong_dan", "Hội Nông dân"),
        ("nguoi_uy_tin", "Người có uy tín"),
        ("doanh_nghiep", "Doanh nghiệp"),
    ),
    "meeting_type": (
        ("hop_dan", "Họp dân"),
        ("lang_nghe", "Hội nghị Công an lắng nghe ý kiến Nhân dân"),
        ("phat_dong", "Phát động phong trào, ra mắt mô hình"),
        ("so_ket", "Sơ kết"),
        ("tong_ket", "Tổng kết"),
        ("hop_to_tu_quan", "Họp tổ tự quản"),
        ("hop_to_bao_ve", "Họp Tổ bảo vệ ANTT"),
    ),
    "support_type": (
        ("viec_lam", "Giới thiệu việc làm"),
        ("hoc_nghe", "Học nghề"),
        ("vay_von", "Vay vốn"),
        ("giay_to", "Làm giấy tờ tùy thân, cư trú"),
        ("tu_van", "Tư vấn tâm lý, pháp luật"),
        ("tro_cap", "Trợ cấp xã hội"),
        ("khac", "Hỗ trợ khác"),
    ),
    "opinion_category": (
        ("an_ninh_trat_tu", "An ninh, trật tự"),
        ("giao_thong", "Trật tự an toàn giao thông"),
        ("cu_tru", "Cư trú, giấy tờ"),
        ("ma_tuy", "Ma túy, tệ nạn xã hội"),
        ("pccc", "Phòng cháy, chữa cháy"),
        ("dat_dai", "Đất đai, môi trường"),
        ("khac", "Khác"),
    ),
    "group_rating": (
        ("xuat_sac", "Xuất sắc"),
        ("tot", "Tốt"),
        ("kha", "Khá"),
        ("trung_binh", "Trung bình"),
        ("yeu", "Yếu"),
    ),
    "relation": (
        ("chu_ho", "Chủ hộ"),
        ("vo", "Vợ"),
        ("chong", "Chồng"),
        ("con", "Con"),
        ("cha", "Cha"),
        ("me", "Mẹ"),
        ("ong", "Ông"),
        ("ba", "Bà"),
        ("chau", "Cháu"),
        ("anh_chi_em", "Anh, chị, em"),
        ("con_dau", "Con dâu"),
        ("con_re", "Con rể"),
        ("khac", "Khác"),
    ),
}


@dataclass(frozen=True)
class Term:
    vocabulary: str
    code: str
    label: str
    active: bool


def default_term_id(province_code: str, vocabulary: str, code: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{province_code}:{vocabulary}:{code}"))


def seed_defaults(w: Work) -> None:
    """Create the default terms (province-wide rows) inside an open unit of work."""
    province = w.replica.province_code
    for vocabulary, terms in DEFAULTS.items():
        for position, (code, label) in enumerate(terms, start=1):
            term_id = default_term_id(province, vocabulary, code)
            if w.session.get(VocabularyTerm, term_id) is None:
                w.session.add(
                    VocabularyTerm(
                        id=term_id,
                        vocabulary=vocabulary,
                        code=code,
                        label=label,
                        position=position,
                        active=True,
                        unit_code=province,
                    )
                )
    w.session.flush()


def terms(db: Database, actor: Actor, vocabulary: str) -> list[Term]:
    with work(db, actor, write=False) as w:
        rows = w.session.scalars(
            select(VocabularyTerm)
            .where(VocabularyTerm.vocabulary == vocabulary, VocabularyTerm.deleted.is_(False))
            .order_by(VocabularyTerm.position, VocabularyTerm.label)
        )
        return [Term(vocabulary, t.code or "", t.label or "", t.active) for t in rows]


@hooks.before_save("vocabulary_term")
def _unique_code(ctx: hooks.SaveContext) -> None:
    vocabulary, code = ctx.current("vocabulary"), ctx.current("code")
    clash = ctx.work.session.scalars(
        select(VocabularyTerm.id).where(
            VocabularyTerm.vocabulary == vocabulary,
            VocabularyTerm.code == code,
            VocabularyTerm.deleted.is_(False),
        )
    ).first()
    if clash is not None and (ctx.existing is None or clash != ctx.existing.id):
        raise DuplicateError(
            tr("Danh mục '{vocabulary}' đã có mã '{code}'.", vocabulary=vocabulary, code=code)
        )
    if ctx.creating and "unit_code" not in ctx.values:
        # A vocabulary belongs to the whole province, so the hub can send it to every post.
        ctx.values["unit_code"] = ctx.work.replica.province_code
