"""The sync page, driven as an officer would: key cards compared before trusting a peer, a
package written to a "USB stick" (a temporary folder standing in for a removable drive) and
imported on the other machine through its own page, a dry run, a tampered file, held
packages, re-enrolment after a restore, conflicts reviewed with a reason, and a viewer.

Each replica is a real database, copied per test from templates made once (a post, a second
machine of the same commune, the hub); ops run inline.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QTableWidget

from desktop_app import backups
from desktop_app.changes import Changes
from desktop_app.database import open_database
from desktop_app.services import conflicts, officers, peers, records
from desktop_app.sync import importer, media, status
from tests.sync_harness import PASSWORD, Replica, exchange
from tests.test_ui_forms import Questions
from ui import errors
from ui.context import AppContext
from ui.ops import task_manager
from ui.pages.sync import SyncPage
from ui.signals import app_signals
from ui.sync_cards import PeerCardDialog
from ui.sync_conflicts import ConflictsDialog
from ui.sync_import import ImportSummaryDialog

HONG_HA, HANOI = "00097", "01"
TEMPLATES = (("post", "post", HONG_HA), ("post2", "post", HONG_HA), ("hub", "hub", HANOI))


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """One initialised database per machine (path, replica id), made once per session."""
    folder = tmp_path_factory.mktemp("sync-templates")
    made = {}
    for name, role, unit in TEMPLATES:
        replica = Replica.create(name, str(folder / f"{name}.sqlite3"), role, unit, folder)
        made[name] = (folder / f"{name}.sqlite3", replica.replica_id)
        replica.close()
    return made


@pytest.fixture
def machines(
    templates: dict[str, tuple[Path, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, Replica]]:
    """Fresh copies of the three machines, and a private data folder (the import inbox)."""
    monkeypatch.setenv("ANTQ_DATA_DIR", str(tmp_path / "data"))
    made = {}
    for name, _role, unit in TEMPLATES:
        source, replica_id = templates[name]
        shutil.copyfile(source, tmp_path / source.name)
        db = open_database(tmp_path / source.name)
        actor = officers.login(db, "truong", PASSWORD)
        made[name] = Replica(name, db, actor, replica_id, unit, tmp_path / name)
    yield made
    for replica in made.values():
        replica.close()


@pytest.fixture
def usb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder that the page takes for the only removable drive plugged in."""
    stick = tmp_path / "USB"
    stick.mkdir()
    monkeypatch.setattr(media, "removable_drives", lambda: [stick])
    return stick


@pytest.fixture(autouse=True)
def inline_ops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(task_manager(), "synchronous", True)
    monkeypatch.setattr(sys, "_antq_quiet_errors", True, raising=False)
    errors.shown.clear()


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    asked = Questions()
    monkeypatch.setattr(QMessageBox, "question", asked)
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)
    return asked


@pytest.fixture
def open_page(qtbot: QtBot) -> Iterator[Callable[[Replica], SyncPage]]:
    """The sync page of a machine, refreshed by `changes_applied` as the main window does."""
    pages: list[SyncPage] = []

    def route(changes: Changes, _initiator: object) -> None:
        for page in pages:
            page.on_changes(changes)

    app_signals().changes_applied.connect(route)

    def make(replica: Replica) -> SyncPage:
        page = SyncPage(AppContext(replica.db, replica.actor))
        qtbot.addWidget(page)
        page.resize(1136, 740)
        page.show()
        page.load()
        pages.append(page)
        return page

    yield make
    app_signals().changes_applied.disconnect(route)


def introduce(*replicas: Replica) -> None:
    """Every post trusts the hub and the hub trusts every post (as if cards were exchanged)."""
    *posts, hub = replicas
    for post in posts:
        post.trust(hub)
        hub.trust(post)


def column(table: QTableWidget, title: str) -> list[str]:
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    index = headers.index(title)
    return [table.item(r, index).text() for r in range(table.rowCount()) if table.item(r, index)]


def click(button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    button.click()


def choose_packages(monkeypatch: pytest.MonkeyPatch, page: SyncPage, *files: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a: ([str(f) for f in files], ""))
    click(page.files_button)


def export_to(page: SyncPage, stick: Path) -> Path:
    page.refresh_drives()
    page.target_combo.setCurrentIndex(page.target_combo.findData(str(stick)))
    before = set(stick.glob("*.antq"))
    click(page.export_button)
    written = set(stick.glob("*.antq")) - before
    assert len(written) == 1
    return written.pop()


def backup_kinds() -> list[str]:
    return [b.kind for b in backups.list_backups()]


def person_on(replica: Replica, name: str) -> list[str]:
    found = records.list_records(replica.db, replica.actor, "person", search=name)
    return [str(r.get("full_name")) for r in found]


def test_the_key_card_is_shown_large_and_saved_to_the_stick(
    machines: dict[str, Replica],
    open_page: Callable[[Replica], SyncPage],
    usb: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    post = machines["post"]
    page = open_page(post)
    card = peers.key_card(post.db, post.actor)
    shown = page.card_panel.fingerprint.text()
    assert shown.split() == card.fingerprint.split() and "\n" in shown  # two lines of four
    assert page.card_panel.fingerprint.font().pointSizeF() >= 16
    assert page.card_panel.unit.text() == card.name
    assert HONG_HA in page.card_panel.details.text()

    starts: list[str] = []

    def save_as(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        starts.append(start)
        return str(usb / "the-khoa-post"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    click(page.card_panel.save_button)
    assert starts == [str(usb / f"the-khoa-{HONG_HA}.json")]  # offered on the stick
    saved = usb / "the-khoa-post.json"
    assert json.loads(saved.read_text(encoding="utf-8")) == card.to_json()
    assert "rút USB" in page.note.text()
    assert peers.read_card(saved) == card


def test_a_peer_is_added_only_after_the_officer_confirms_the_fingerprint(
    machines: dict[str, Replica],
    open_page: Callable[[Replica], SyncPage],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    post, hub = machines["post"], machines["hub"]
    card_file = tmp_path / "hub-card.json"
    hub_card = peers.key_card(hub.db, hub.actor)
    peers.write_card(hub_card, card_file)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(card_file), ""))
    page = open_page(post)
    assert column(page.peers_table, "Đơn vị") == [
        "Chưa có đối tác. Thêm bằng thẻ khóa của đối tác."
    ]

    click(page.add_button)
    dialog = page.dialog
    assert isinstance(dialog, PeerCardDialog) and dialog.isVisible()
    assert dialog.unit.text() == hub_card.name
    assert dialog.fingerprint.text().split() == hub_card.fingerprint.split()
    assert dialog.fingerprint.font().pointSizeF() >= 16
    assert not dialog.add_button.isEnabled()  # not before the officer says it matches
    dialog.reject()  # the peer read out something else
    assert peers.list_peers(post.db, post.actor) == []

    click(page.add_button)
    dialog = page.dialog
    assert isinstance(dialog, PeerCardDialog)
    dialog.matches.setChecked(True)
    click(dialog.add_button)
    assert [p.replica_id for p in peers.list_peers(post.db, post.actor)] == [hub.replica_id]
    assert column(page.peers_table, "Đơn vị") == [hub_card.name]
    assert column(page.peers_table, "Dấu vân tay") == [hub_card.fingerprint]
    assert page.peer_combo.currentData() == hub.replica_id  # ready to export to it


def test_a_card_whose_fingerprint_does_not_match_its_keys_is_refused(
    machines: dict[str, Replica],
    open_page: Callable[[Replica], SyncPage],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    post, hub = machines["post"], machines["hub"]
    forged = peers.key_card(hub.db, hub.actor).to_json()
    forged["sign_public"] = peers.key_card(post.db, post.actor).sign_public
    card_file = tmp_path / "forged.json"
    card_file.write_text(json.dumps(forged), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(card_file), ""))
    page = open_page(post)
    click(page.add_button)
    assert page.dialog is None  # no fingerprint shown to compare
    assert "Dấu vân tay của thẻ khóa không khớp" in errors.shown[-1]
    assert peers.list_peers(post.db, post.actor) == []


def test_revoking_a_peer_asks_first(
    machines: dict[str, Replica], open_page: Callable[[Replica], SyncPage], questions: Questions
) -> None:
    post, hub = machines["post"], machines["hub"]
    introduce(post, hub)
    page = open_page(post)
    page.peers_table.selectRow(0)
    questions.answers = [False]
    click(page.revoke_button)
    assert "Thu hồi đối tác" in questions.asked[-1]
    assert peers.list_peers(post.db, post.actor)[0].revoked_at is None
    click(page.revoke_button)
    assert peers.list_peers(post.db, post.actor)[0].revoked_at is not None
    assert "đã thu hồi" in column(page.peers_table, "Thêm lúc")[0]
    assert page.peer_combo.count() == 0 and not page.export_button.isEnabled()


def test_export_writes_one_verified_package_and_the_history_shows_it(
    machines: dict[str, Replica], open_page: Callable[[Replica], SyncPage], usb: Path
) -> None:
    post, hub = machines["post"], machines["hub"]
    introduce(post, hub)
    post.put("area", name="Tổ dân phố Ánh Dương", kind="to_dan_pho")
    page = open_page(post)
    assert page.target_combo.currentData() == str(usb)  # the stick, offered first
    package = export_to(page, usb)
    assert [p.name for p in usb.iterdir()] == [package.name]  # no temp file left behind
    note = page.note.text()
    assert package.name in note and "rút USB ngay bây giờ" in note
    history = page.history_table
    assert column(history, "Chiều") == ["Gửi đi"]
    assert column(history, "Đối tác") == [hub.card()["name"]]
    assert column(history, "Gói số") == ["1"]
    assert int(column(history, "Thay đổi")[0]) > 0
    assert "gửi gói số 1" in column(page.peers_table, "Gói gần nhất")[0]


def test_a_package_imported_through_the_page_after_a_dry_run(
    machines: dict[str, Replica],
    open_page: Callable[[Replica], SyncPage],
    usb: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    post, hub = machines["post"], machines["hub"]
    introduce(post, hub)
    area = post.put("area", name="Tổ dân phố Ánh Dương", kind="to_dan_pho")
    home = post.put("household", address="Số 7 ngõ Huế", area_id=area)
    post.put("person", full_name="Nguyễn Thị Hoà", household_id=home, birth_year=1980)
    package = export_to(open_page(post), usb)

    page = open_page(hub)
    assert not page.preview_button.isEnabled()  # nothing chosen yet
    choose_packages(monkeypatch, page, package)
    assert package.name in page.files_label.text()
    click(page.preview_button)
    preview = page.dialog
    assert isinstance(preview, ImportSummaryDialog) and preview.outcome.dry_run
    assert "chưa có gì thay đổi" in preview.intro.text()
    assert column(preview.table, "Gửi từ") == [post.card()["name"]]
    assert column(preview.table, "Gói số") == ["1"]
    assert int(column(preview.table, "Sẽ áp dụng")[0]) > 0
    assert person_on(hub, "Hoà") == []  # the dry run changed nothing
    assert backup_kinds() == []  # and copied nothing
    assert column(page.history_table, "Lúc") == ["Chưa gửi hay nhận gói nào."]
    preview.close()

    click(page.import_button)
    summary = page.dialog
    assert isinstance(summary, ImportSummaryDialog) and not summary.outcome.dry_run
    assert column(summary.table, "Kết quả") == ["Đã nhập (gói toàn bộ dữ liệu)"]
    assert person_on(hub, "Hoà") == ["Nguyễn Thị Hoà"]
    assert backup_kinds() == [backups.BEFORE_IMPORT]  # as `antq sync import` makes
    assert column(page.history_table, "Chiều") == ["Nhận về"]
    assert column(page.history_table, "Tình trạng") == ["Đã nhập"]
    assert page.files == [] and not page.import_button.isEnabled()
    assert errors.shown == []


def test_a_tampered_package_is_refused_in_vietnamese_and_changes_nothing(
    machines: dict[str, Replica],
    open_page: Callable[[Replica], SyncPage],
    usb: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    post, hub = machines["post"], machines["hub"]
    introduce(post, hub)
    post.put("area", name="Tổ dân phố Bị Sửa", kind="to_dan_pho")
    package = export_to(open_page(post), usb)
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0xFF
    package.write_bytes(bytes(data))
    page = open_page(hub)
    before = hub.dump()
    choose_packages(monkeypatch, page, package)
    click(page.import_button)
    assert errors.shown == [
        "Không giải mã được gói: tệp bị hỏng, bị cắt cụt, hoặc không gửi cho máy này."
    ]
    assert page.dialog is None  # no summary of a package that was not read
    assert hub.dump() == before
    assert column(page.history_table, "Lúc") == ["Chưa gửi hay nhận gói nào."]


def test_a_package_held_for_a_clock_far_ahead_is_accepted_by_the_chief(
    machines: dict[str, Replica],
    open_page: Callable[[Replica], SyncPage],
    usb: Path,
    monkeypatch: pytest.MonkeyPatch,
    questions: Questions,
) -> None:
    from db.hlc import wall_clock_ms
    from db.uow import Database

    post, hub = machines["post"], machines["hub"]
    introduce(post, hub)
    post.db = Database(post.db.engine, now_ms=lambda: wall_clock_ms() + 5 * 86_400_000)
    post.put("area", name="Tổ dân phố Tương Lai", kind="to_dan_pho")
    package = post.send(hub)
    page = open_page(hub)
    choose_packages(monkeypatch, page, package)
    click(page.import_button)
    assert column(page.held.table, "Tình trạng") == ["Giữ lại: đồng hồ máy gửi chạy trước"]
    assert page.tabs.tabText(2) == "Gói đang giữ (1)"
    assert page.held.clone_warning.isHidden()
    assert not page.held.release_button.isEnabled()  # choose the package first
    page.held.table.selectRow(0)
    assert page.held.release_button.isEnabled() and page.held.retry_button.isEnabled()

    click(page.held.release_button)
    assert "Đồng hồ của máy gửi chạy trước" in questions.asked[-1]
    summary = page.dialog
    assert isinstance(summary, ImportSummaryDialog)
    assert column(summary.table, "Kết quả")[0].startswith("Đã nhập")
    assert column(page.held.table, "Nhận lúc") == ["Không có gói nào đang giữ."]
    found = records.list_records(hub.db, hub.actor, "area", search="Tuong Lai")
    assert [r.get("name") for r in found] == ["Tổ dân phố Tương Lai"]


def test_a_restored_machine_is_quarantined_and_reenrols_from_the_page(
    machines: dict[str, Replica],
    open_page: Callable[[Replica], SyncPage],
    tmp_path: Path,
    questions: Questions,
) -> None:
    post, hub = machines["post"], machines["hub"]
    introduce(post, hub)
    post.put("area", name="Tổ dân phố Phục Hồi", kind="to_dan_pho")
    exchange(post, hub)
    post.db.dispose()
    shutil.copyfile(tmp_path / "post.sqlite3", tmp_path / "backup.sqlite3")
    post.put("area", name="Tổ dân phố Sau Sao Lưu", kind="to_dan_pho")
    exchange(post, hub)
    post.db.dispose()
    shutil.copyfile(tmp_path / "backup.sqlite3", tmp_path / "post.sqlite3")  # restored
    assert post.receive(hub.send(post))[0].status == importer.QUARANTINED

    page = open_page(post)
    old = page.card_panel.fingerprint.text()
    assert not page.held.clone_warning.isHidden()
    assert "bản sao lưu" in page.held.clone_text.text()
    questions.answers = [False]
    click(page.held.reenrol_button)
    assert "mã máy và khóa mới" in questions.asked[-1]
    assert page.card_panel.fingerprint.text() == old  # declined: nothing changed
    click(page.held.reenrol_button)
    assert page.card_panel.fingerprint.text() != old
    assert "Lưu thẻ khóa" in page.note.text()
    assert page.held.clone_warning.isHidden()
    assert status.status(post.db, post.actor).held == ()


def test_a_conflict_from_two_machines_is_resolved_with_a_reason(
    machines: dict[str, Replica], open_page: Callable[[Replica], SyncPage]
) -> None:
    post, post2, hub = machines["post"], machines["post2"], machines["hub"]
    introduce(post, post2, hub)
    area = post.put("area", name="Tổ dân phố Xung Đột", kind="to_dan_pho")
    home = post.put("household", address="Số 3 ngõ Chợ", area_id=area)
    person = post.put("person", full_name="Trần Văn Bình", household_id=home, birth_year=1975)
    for _ in range(2):
        exchange(post, hub)
        exchange(post2, hub)
    post.put("person", id=person, phone="0912000001")
    post2.put("person", id=person, phone="0912000002")
    for _ in range(2):
        exchange(post, hub)
        exchange(post2, hub)

    page = open_page(hub)
    assert "1 xung đột" in page.conflict_button.text() and page.conflict_button.isEnabled()
    click(page.conflict_button)
    dialog = page.dialog
    assert isinstance(dialog, ConflictsDialog)
    assert column(dialog.table, "Hồ sơ") == ["Nhân khẩu: Trần Văn Bình"]
    assert column(dialog.table, "Trường") == ["Số điện thoại"]
    in_use, other = (
        column(dialog.table, "Giá trị đang dùng")[0],
        column(dialog.table, "Giá trị kia")[0],
    )
    assert {in_use, other} == {"0912000001", "0912000002"}
    assert set(column(dialog.table, "Đang dùng của") + column(dialog.table, "Giá trị kia của")) == {
        post.card()["name"],
        post2.card()["name"],
    }
    dialog.table.selectRow(0)
    assert not dialog.swap_button.isEnabled()  # a reason is required
    dialog.reason.setText("   ")
    assert not dialog.swap_button.isEnabled() and not dialog.keep_button.isEnabled()
    dialog.reason.setText("Đã gọi điện xác minh với hộ")
    click(dialog.swap_button)
    assert conflicts.list_conflicts(hub.db, hub.actor) == []
    assert hub.get("person", person).get("phone") == other
    assert column(dialog.table, "Hồ sơ") == ["Không còn xung đột nào chưa giải quyết."]
    assert dialog.reason.text() == ""
    assert "Không có xung đột" in page.conflict_button.text()
    assert not page.conflict_button.isEnabled()
    resolved = conflicts.list_conflicts(hub.db, hub.actor, include_resolved=True)
    assert resolved[0].resolution == "swap: Đã gọi điện xác minh với hộ"


def test_a_viewer_sees_everything_and_can_change_nothing(
    machines: dict[str, Replica], open_page: Callable[[Replica], SyncPage], usb: Path
) -> None:
    post, hub = machines["post"], machines["hub"]
    introduce(post, hub)
    exchange(post, hub)
    post.actor = dataclasses.replace(post.actor, role="viewer")
    page = open_page(post)
    page.set_files([usb / "goi.antq"])
    page.peers_table.selectRow(0)
    assert column(page.peers_table, "Đơn vị") == [hub.card()["name"]]
    assert column(page.history_table, "Chiều") == ["Nhận về", "Gửi đi"]
    assert page.card_panel.save_button.isEnabled()  # a key card is public
    for button in (
        page.add_button,
        page.revoke_button,
        page.export_button,
        page.files_button,
        page.preview_button,
        page.import_button,
        page.held.release_button,
        page.held.retry_button,
        page.held.reenrol_button,
    ):
        assert not button.isEnabled(), button.text()


def test_an_officer_exports_and_imports_but_does_not_manage_peers(
    machines: dict[str, Replica], open_page: Callable[[Replica], SyncPage], usb: Path
) -> None:
    post, hub = machines["post"], machines["hub"]
    introduce(post, hub)
    post.actor = dataclasses.replace(post.actor, role="officer")
    page = open_page(post)
    page.set_files([usb / "goi.antq"])
    page.peers_table.selectRow(0)
    assert page.export_button.isEnabled() and page.import_button.isEnabled()
    assert not page.add_button.isEnabled() and not page.revoke_button.isEnabled()
