"""Attachments: stored once by hash, listed per record, copied out intact, guarded for cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.errors import PermissionDeniedError, ValidationError
from desktop_app.services import attachments, officers, records
from tests.conftest import Env


def test_a_scan_is_stored_by_hash_and_comes_back_intact(env: Env, tmp_path: Path) -> None:
    area = records.put(env.db, env.admin, "area", {"name": "Thôn 5", "kind": "thon"}).record.id
    group = records.put(
        env.db,
        env.admin,
        "household_group",
        {"name": "Tổ liên gia số 5", "group_type": "to_lien_gia", "area_id": area},
    ).record.id
    scan = tmp_path / "quy-uoc.pdf"
    scan.write_bytes(b"%PDF-1.4 quy uoc to lien gia" * 100)
    added = attachments.add(env.db, env.admin, "household_group", group, scan, "Quy ước năm 2026")
    again = attachments.add(env.db, env.admin, "household_group", group, scan)
    assert added.get("sha256") == again.get("sha256")
    assert attachments.blob_path(added.get("sha256")).read_bytes() == scan.read_bytes()
    listed = attachments.list_for(env.db, env.admin, "household_group", group)
    assert [a.get("file_name") for a in listed] == ["quy-uoc.pdf", "quy-uoc.pdf"]
    out = attachments.export(env.db, env.admin, added.id, tmp_path / "copy.pdf")
    assert out.read_bytes() == scan.read_bytes()


def test_a_damaged_blob_is_reported_not_copied(env: Env, tmp_path: Path) -> None:
    area = records.put(env.db, env.admin, "area", {"name": "Thôn 6", "kind": "thon"}).record.id
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(b"\xff\xd8 anh chup" * 50)
    added = attachments.add(env.db, env.admin, "area", area, photo)
    attachments.blob_path(added.get("sha256")).write_bytes(b"hong")
    with pytest.raises(ValidationError, match="đã hỏng"):
        attachments.export(env.db, env.admin, added.id, tmp_path / "out.jpg")
    assert not (tmp_path / "out.jpg").exists()


def test_viewers_cannot_open_case_papers(env: Env, tmp_path: Path) -> None:
    person = records.put(env.db, env.admin, "person", {"full_name": "Mai Văn Lâm"}).record.id
    case = records.put(
        env.db, env.admin, "reintegration_case", {"person_id": person, "release_type": "served"}
    ).record.id
    paper = tmp_path / "giay-chung-nhan.png"
    paper.write_bytes(b"\x89PNG giay" * 20)
    attachments.add(env.db, env.admin, "reintegration_case", case, paper)
    officers.add(env.db, env.admin, "xem2", "mat-khau-xem", role="viewer")
    viewer = officers.login(env.db, "xem2", "mat-khau-xem")
    with pytest.raises(PermissionDeniedError):
        attachments.list_for(env.db, viewer, "reintegration_case", case)
