"""One "Công an lắng nghe ý kiến Nhân dân" conference of a thôn, written through the services:
the meeting the self-test prints and the minutes benchmark times (any size, same content)."""

from __future__ import annotations

from typing import Any

from db.uow import Database
from desktop_app.actor import Actor
from desktop_app.services import records

FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ")
MIDDLES = ("Văn", "Thị", "Đức", "Thị Ngọc", "Quốc", "Minh")
GIVEN = ("An", "Bình", "Cường", "Dung", "Giang", "Hoa", "Hùng", "Lan", "Phương Thảo", "Xuân")
OFFICIALS = (
    ("Nguyễn Văn Trưởng", "Trưởng Công an phường"),
    ("Trần Văn Phó", "Phó Chủ tịch UBND phường Thành Sen"),
)
AGENDA = (
    "Thông báo tình hình an ninh, trật tự trên địa bàn",
    "Phổ biến Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
    "Hướng dẫn phòng ngừa lừa đảo qua mạng",
    "Triển khai công tác phòng cháy, chữa cháy tại khu dân cư",
)
SAID = (
    "Từ đầu năm trên địa bàn xảy ra 3 vụ trộm cắp tài sản, 1 vụ đánh nhau; Công an phường đã "
    "xử lý 2 đối tượng, đề nghị các hộ gia đình nâng cao cảnh giác, khóa cửa cẩn thận."
)
OPINIONS = (
    (
        "Nguyễn Văn An",
        "Đề nghị tăng cường tuần tra ban đêm vì gần đây có mất trộm xe máy.",
        "Công an sẽ bố trí tuần tra, phối hợp Tổ bảo vệ an ninh, trật tự.",
    ),
    (
        "Trần Thị Bình",
        "Đề nghị lắp thêm đèn chiếu sáng ở ngõ 12.",
        "Công an phường chuyển đề nghị tới UBND phường.",
    ),
    (
        "Lê Văn Cường",
        "Đề nghị hướng dẫn cách nhận biết cuộc gọi lừa đảo giả danh Công an.",
        "Công an phường sẽ phát tờ rơi và hướng dẫn tại nhà văn hóa.",
    ),
)
ABSENT_EVERY = 14  # one household in this many sends its apologies


def conference(
    db: Database,
    actor: Actor,
    *,
    households: int = 1,
    agenda: int = 1,
    opinions: int = 1,
    paragraphs: int = 1,
    closed: bool = False,
) -> str:
    """The meeting's id: two officials, `households` households (a few absent, with reasons),
    `agenda` items of `paragraphs` paragraphs, `opinions` answered opinions (each at most
    the size of its tuple above); held and closed when `closed`."""

    def put(type_name: str, **values: Any) -> str:
        return str(records.put(db, actor, type_name, values).record.id)

    area = put("area", name="Đồng Tâm", kind="thon")
    meeting = put("meeting", area_id=area, **_header(households))
    for name, title in OFFICIALS:
        put("meeting_attendee", meeting_id=meeting, kind="official", name=name, title=title)
    for n in range(households):
        home = put("household", address=f"Số {n + 1}, ngõ 12, thôn Đồng Tâm", area_id=area)
        absent = {"present": False, "absent_reason": "Đi làm ăn xa"} if _absent(n) else {}
        put(
            "meeting_attendee",
            meeting_id=meeting,
            kind="household",
            name=name_of(n),
            household_id=home,
            **absent,
        )
    text = "\n".join(f"{SAID} Đoạn {k}." for k in range(1, paragraphs + 1))
    for position, title in enumerate(AGENDA[:agenda], start=1):
        put("agenda_item", meeting_id=meeting, position=position, title=title, content=text)
    for position, (speaker, content, answer) in enumerate(OPINIONS[:opinions], start=1):
        put(
            "opinion",
            meeting_id=meeting,
            position=position,
            speaker_name=speaker,
            content=content,
            answer=answer,
            responsible="Lê Thị Thu",
            deadline="2026-04-05",
        )
    if closed:
        records.put(db, actor, "meeting", {"id": meeting, "status": "held"})
        records.put(db, actor, "meeting", {"id": meeting, "status": "closed"})
    return meeting


def name_of(i: int) -> str:
    """The i-th of 600 distinct Vietnamese names."""
    return f"{FAMILIES[i % 10]} {MIDDLES[i // 10 % 6]} {GIVEN[i // 60 % 10]}"


def _absent(n: int) -> bool:
    return n % ABSENT_EVERY == 3


def _header(households: int) -> dict[str, Any]:
    absent = sum(_absent(n) for n in range(households))
    present = households - absent
    dissent = (1, 2) if present > 3 else (0, 0)  # against, other
    return {
        "meeting_type": "lang_nghe",
        "subject": "năm 2026",
        "starts_at": "2026-03-05 19:30",
        "ends_at": "2026-03-05 21:15",
        "place": "Nhà văn hóa thôn Đồng Tâm",
        "chair_name": OFFICIALS[0][0],
        "chair_title": OFFICIALS[0][1],
        "secretary_name": "Lê Thị Thu",
        "secretary_title": "Cán bộ Công an phường",
        "present_count": present,
        "absent_count": absent,
        "conclusions": "Hội nghị thống nhất các nội dung đã trao đổi.\n"
        "Giao Công an phường tiếp thu, trả lời các ý kiến trước ngày 05/4/2026.",
        "votes_for": present - sum(dissent),
        "votes_against": dissent[0],
        "votes_other": dissent[1],
        "recipients": "- Công an thành phố;\n- Đảng ủy, UBND phường Thành Sen;\n- Lưu: VT.",
    }
