"""The `antq` command line, driven as a script would drive it, on both engines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli import main
from tests.conftest import ADMIN, PASSWORD, Env


class Run:
    def __init__(
        self, env: Env, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        self.env, self.capsys = env, capsys
        monkeypatch.setenv("ANTQ_PASSWORD", PASSWORD)

    def __call__(self, *args: str, user: bool = True, expect: int = 0) -> str:
        argv = ["--db", self.env.url, *(("--user", ADMIN) if user else ()), *args]
        code = main(argv)
        out, err = self.capsys.readouterr()
        assert code == expect, f"antq {' '.join(args)} → {code}: {err}"
        self.err = err
        return out

    def json(self, *args: str) -> Any:
        argv = ["--db", self.env.url, "--user", ADMIN, "--json", *args]
        code = main(argv)
        out, err = self.capsys.readouterr()
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def antq(env: Env, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    return Run(env, capsys, monkeypatch)


def put(antq: Run, tmp_path: Path, type_name: str, data: dict[str, Any]) -> str:
    path = tmp_path / f"{type_name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return antq("records", "put", type_name, "--file", str(path)).strip()


def test_put_get_list_search_delete(antq: Run, tmp_path: Path) -> None:
    area = put(antq, tmp_path, "area", {"name": "Thôn Đông Hòa", "kind": "thon"})
    hh = put(antq, tmp_path, "household", {"address": "Số 3, Thôn Đông Hòa", "area_id": area})
    person = put(
        antq,
        tmp_path,
        "person",
        {"full_name": "Đinh Thị Huệ", "birth_year": 1962, "household_id": hh},
    )
    got = json.loads(antq("records", "get", "person", person))
    assert got["full_name"] == "Đinh Thị Huệ" and got["birth_year"] == 1962
    assert [r["id"] for r in antq.json("records", "list", "person", "--search", "dinh hue")] == [
        person
    ]
    assert [r["id"] for r in antq.json("records", "list", "household", "--search", "dong hoa")] == [
        hh
    ]
    updated = put(antq, tmp_path, "person", {"id": person, "phone": "0987654321"})
    assert updated == person
    assert json.loads(antq("records", "get", "person", person))["full_name"] == "Đinh Thị Huệ"
    antq("records", "delete", "person", person)
    assert antq.json("records", "list", "person", "--search", "dinh hue") == []


def test_errors_are_vietnamese_on_stderr_with_nonzero_exit_and_change_nothing(
    antq: Run, tmp_path: Path
) -> None:
    before = antq("dump")
    bad = tmp_path / "bad.json"
    bad.write_text('{"full_name": "Lê Văn A", "id_number": "0123"}', encoding="utf-8")
    antq("records", "put", "person", "--file", str(bad), expect=2)
    assert "Số định danh cá nhân: phải gồm đúng 12 chữ số" in antq.err
    bad.write_text("{not json", encoding="utf-8")
    antq("records", "put", "person", "--file", str(bad), expect=2)
    assert "không phải JSON hợp lệ" in antq.err
    antq("records", "get", "person", "khong-co", expect=3)
    assert "Không tìm thấy" in antq.err
    after = antq("dump")
    assert json.loads(after)["records"] == json.loads(before)["records"]


def test_wrong_password_is_refused(antq: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTQ_PASSWORD", "sai-mat-khau")
    antq("records", "list", "area", expect=6)
    assert "Sai tên đăng nhập hoặc mật khẩu" in antq.err


def test_schema_describes_every_record_type(antq: Run) -> None:
    schemas = json.loads(antq("schema", user=False))
    for name in (
        "area",
        "household",
        "person",
        "household_group",
        "security_team",
        "reintegration_case",
        "case_contact",
        "meeting",
        "opinion",
    ):
        assert schemas[name]["type"] == "object"
    person = schemas["person"]
    assert "full_name" in person["required"]
    assert person["properties"]["id_number"]["anyOf"][0]["pattern"] == "^[0-9]{12}$"
    assert person["properties"]["sex"]["anyOf"][0]["enum"] == ["nam", "nu", "khac"]
    assert "officer" not in schemas


def test_officers_add_list_and_attribution(
    antq: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTQ_NEW_PASSWORD", "mat-khau-lan")
    antq("officers", "add", "lan", "--role", "officer", "--full-name", "Phạm Thị Lan")
    listed = {o["username"]: o["role"] for o in antq.json("officers", "list")}
    assert listed == {"truong": "admin", "lan": "officer"}
    monkeypatch.setenv("ANTQ_PASSWORD", "mat-khau-lan")
    area = tmp_path / "a.json"
    area.write_text('{"name": "Thôn Mới", "kind": "thon"}', encoding="utf-8")
    assert (
        main(["--db", antq.env.url, "--user", "lan", "records", "put", "area", "--file", str(area)])
        == 0
    )
    antq.capsys.readouterr()
    monkeypatch.setenv("ANTQ_PASSWORD", PASSWORD)
    events = [e for e in antq.json("audit", "list", "--officer", "lan") if e["action"] != "login"]
    assert [e["action"] for e in events] == ["create"]
    assert events[0]["record_type"] == "area"


def test_dump_is_canonical_and_filters_by_unit(antq: Run, tmp_path: Path) -> None:
    put(antq, tmp_path, "area", {"name": "Tổ dân phố 1", "kind": "to_dan_pho"})
    first, second = antq("dump"), antq("dump")
    assert first == second
    data = json.loads(first)
    assert list(data) == ["records", "schema_version"]
    assert list(data["records"]) == sorted(data["records"])
    assert all(
        "hlc" not in r and "updated_at" not in r for rows in data["records"].values() for r in rows
    )
    assert all("password_hash" not in r for r in data["records"]["officer"])
    only = json.loads(antq("dump", "--unit-code", "00097"))
    assert len(only["records"]["area"]) == 1
    assert only["records"]["vocabulary_term"] == []  # vocabularies belong to the province ("01")


def test_keys_card_and_peers(antq: Run, tmp_path: Path) -> None:
    card_file = tmp_path / "card.json"
    antq("keys", "card", "--out", str(card_file))
    card = json.loads(card_file.read_text(encoding="utf-8"))
    assert card["role"] == "post" and card["unit_code"] == "00097"
    assert card["age_recipient"].startswith("age1")
    # A card of our own replica is refused; a tampered card is refused.
    antq("peers", "add", str(card_file), expect=2)
    card["sign_public"] = card["sign_public"][::-1]
    card_file.write_text(json.dumps(card), encoding="utf-8")
    antq("peers", "add", str(card_file), expect=2)
    assert "Dấu vân tay" in antq.err


def test_init_refuses_a_second_time_and_bad_codes(antq: Run) -> None:
    antq(
        "init",
        "--role",
        "post",
        "--unit-code",
        "00097",
        "--name",
        "X",
        "--admin-user",
        "x",
        user=False,
        expect=7,
    )
    assert "đã được khởi tạo" in antq.err


def test_console_script_runs_a_fresh_init(tmp_path: Path) -> None:
    """The installed `antq` entry point, as a newcomer runs it from README."""
    antq_bin = Path(sys.executable).with_name("antq")
    env = {**os.environ, "ANTQ_PASSWORD": "mat-khau-moi", "ANTQ_DATA_DIR": str(tmp_path / "data")}
    db = str(tmp_path / "new.sqlite3")
    init = subprocess.run(
        [
            antq_bin,
            "--db",
            db,
            "init",
            "--role",
            "post",
            "--unit-code",
            "18073",
            "--name",
            "Công an phường Thành Sen",
            "--admin-user",
            "chief",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert init.returncode == 0, init.stderr
    assert "Công an phường Thành Sen" in init.stdout
    bad = subprocess.run(
        [
            antq_bin,
            "--db",
            str(tmp_path / "b.sqlite3"),
            "init",
            "--role",
            "post",
            "--unit-code",
            "99999",
            "--name",
            "X",
            "--admin-user",
            "chief",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode == 2 and "không phải mã xã" in bad.stderr


def test_cases_due_and_duplicates_from_the_command_line(antq: Run, tmp_path: Path) -> None:
    area = put(antq, tmp_path, "area", {"name": "Thôn 2", "kind": "thon"})
    home = put(antq, tmp_path, "household", {"address": "Số 2", "area_id": area})
    one = put(
        antq,
        tmp_path,
        "person",
        {"full_name": "Lý Văn Tư", "birth_year": 1970, "household_id": home},
    )
    two = put(
        antq,
        tmp_path,
        "person",
        {"full_name": "Ly Van Tu", "birth_year": 1970, "household_id": home},
    )
    put(
        antq,
        tmp_path,
        "reintegration_case",
        {"person_id": one, "release_type": "served", "notice_received_on": "2026-02-13"},
    )
    due = antq.json("cases", "due", "--on", "2026-02-26")
    assert [(d["kind"], d["due"], d["overdue"]) for d in due] == [
        ("confirm_residence", "2026-02-25", True)
    ]
    groups = antq.json("duplicates", "list")
    assert any({one, two} <= {r["id"] for r in g["records"]} for g in groups)
    antq("duplicates", "merge", "person", one, two)
    assert antq.json("duplicates", "list") == []
    assert json.loads(antq("records", "get", "person", two))["merged_into"] == one


def test_a_viewer_gets_the_minimal_case_view_and_the_view_is_audited(
    antq: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = put(antq, tmp_path, "person", {"full_name": "Vi Văn Xem", "birth_year": 1990})
    case = put(
        antq,
        tmp_path,
        "reintegration_case",
        {"person_id": person, "release_type": "amnesty", "facility": "Trại giam Thanh Xuân"},
    )
    put(
        antq,
        tmp_path,
        "case_judgement",
        {
            "case_id": case,
            "court": "TAND khu vực 1",
            "judgement_no": "5/2020/HS-ST",
            "judgement_date": "2020-05-05",
            "offence": "Cố ý gây thương tích",
        },
    )
    monkeypatch.setenv("ANTQ_NEW_PASSWORD", "mat-khau-xem")
    antq("officers", "add", "xem", "--role", "viewer")
    monkeypatch.setenv("ANTQ_PASSWORD", "mat-khau-xem")
    argv = ["--db", antq.env.url, "--user", "xem", "records", "get", "reintegration_case", case]
    assert main(argv) == 0
    seen = json.loads(antq.capsys.readouterr().out)
    assert seen["minimal"] and "facility" not in seen and "release_type" not in seen
    assert main(["--db", antq.env.url, "--user", "xem", "records", "list", "case_judgement"]) == 5
    assert "Cố ý gây thương tích" not in antq.capsys.readouterr().out
    monkeypatch.setenv("ANTQ_PASSWORD", PASSWORD)
    views = [e for e in antq.json("audit", "list", "--record", case) if e["action"] == "view"]
    assert views and views[0]["officer"] == "xem"
