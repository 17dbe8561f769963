"""Officers' passwords and the tamper-evident audit chain: `antq audit verify` finds a deleted,
an altered and a reordered event and says where; roles are enforced in the services."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.errors import AuthenticationError, PermissionDeniedError, ValidationError
from desktop_app.services import audit, officers, records
from tests.conftest import ADMIN, PASSWORD, Env


def _some_events(env: Env, n: int = 4) -> None:
    for i in range(n):
        records.put(env.db, env.admin, "area", {"name": f"Thôn {i}", "kind": "thon"})


def _sql(env: Env, statement: str, *params: object) -> None:
    path = env.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute(statement, params)
    conn.close()


def _seqs(env: Env) -> list[int]:
    path = env.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT seq FROM audit_event ORDER BY seq")]


def test_an_untouched_chain_verifies(env: Env) -> None:
    _some_events(env)
    reports = audit.verify(env.db, env.admin)
    assert len(reports) == 1
    assert reports[0].ok
    assert reports[0].events == reports[0].last_seq >= 5


def test_a_deleted_event_is_found_and_named(sqlite_env: Env) -> None:
    _some_events(sqlite_env)
    _sql(sqlite_env, "DELETE FROM audit_event WHERE seq = 3")
    problem = audit.verify(sqlite_env.db, sqlite_env.admin)[0].problem
    assert problem is not None
    assert (problem.kind, problem.seq) == (audit.MISSING, 3)
    assert "Thiếu sự kiện số 3" in problem.message


def test_an_altered_event_is_found(sqlite_env: Env) -> None:
    _some_events(sqlite_env)
    _sql(sqlite_env, "UPDATE audit_event SET action = 'view' WHERE seq = 4")
    problem = audit.verify(sqlite_env.db, sqlite_env.admin)[0].problem
    assert problem is not None
    assert (problem.kind, problem.seq) == (audit.ALTERED, 4)
    assert "đã bị sửa" in problem.message


def test_a_deleted_event_hidden_by_renumbering_breaks_the_link(sqlite_env: Env) -> None:
    """Deleting event 3 and shifting the later ones down, with hashes recomputed, still shows."""
    _some_events(sqlite_env)
    _sql(sqlite_env, "DELETE FROM audit_event WHERE seq = 3")
    path = sqlite_env.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_event SET seq = -seq WHERE seq > 3")
        conn.execute("UPDATE audit_event SET seq = -seq - 1 WHERE seq < 0")
    conn.close()
    _rehash_all(sqlite_env)
    problem = audit.verify(sqlite_env.db, sqlite_env.admin)[0].problem
    assert problem is not None
    assert (problem.kind, problem.seq) == (audit.REORDERED, 3)
    assert _seqs(sqlite_env)[:4] == [1, 2, 3, 4]


def test_swapped_events_are_found(sqlite_env: Env) -> None:
    _some_events(sqlite_env)
    path = sqlite_env.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_event SET seq = -1 WHERE seq = 3")
        conn.execute("UPDATE audit_event SET seq = 3 WHERE seq = 4")
        conn.execute("UPDATE audit_event SET seq = 4 WHERE seq = -1")
    conn.close()
    _rehash_all(sqlite_env)
    problem = audit.verify(sqlite_env.db, sqlite_env.admin)[0].problem
    assert problem is not None
    assert problem.kind == audit.REORDERED
    assert problem.seq == 3


def _rehash_all(env: Env) -> None:
    """What a careful forger does: recompute each event's own hash (not the chain's links)."""
    from sqlalchemy import select

    from db.models import AuditEvent
    from desktop_app.work import work

    with work(env.db, env.admin, write=True) as w:
        for event in w.session.scalars(select(AuditEvent)):
            event.hash = audit.event_hash(event)


def test_only_the_post_chief_verifies(env: Env) -> None:
    officers.add(env.db, env.admin, "xem", "mat-khau-xem", role="viewer")
    viewer = officers.login(env.db, "xem", "mat-khau-xem")
    with pytest.raises(PermissionDeniedError):
        audit.verify(env.db, viewer)


def test_cli_audit_verify_exits_non_zero_and_says_where(
    sqlite_env: Env, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTQ_PASSWORD", PASSWORD)
    _some_events(sqlite_env)
    argv = ["--db", sqlite_env.url, "--user", ADMIN, "audit", "verify"]
    assert main(argv) == 0
    assert "nguyên vẹn" in capsys.readouterr().out
    _sql(sqlite_env, "DELETE FROM audit_event WHERE seq = 2")
    assert main(argv) == audit.ChainBrokenError.exit_code
    err = capsys.readouterr().err
    assert "Thiếu sự kiện số 2" in err


def test_an_officer_changes_their_own_password(env: Env) -> None:
    officers.add(env.db, env.admin, "lan", "mat-khau-lan", role="officer")
    lan = officers.login(env.db, "lan", "mat-khau-lan")
    with pytest.raises(AuthenticationError, match="hiện tại không đúng"):
        officers.change_password(env.db, lan, "sai-mat-khau", "mat-khau-moi-1")
    with pytest.raises(ValidationError, match="ít nhất"):
        officers.change_password(env.db, lan, "mat-khau-lan", "ngan")
    officers.change_password(env.db, lan, "mat-khau-lan", "mat-khau-moi-1")
    with pytest.raises(AuthenticationError):
        officers.login(env.db, "lan", "mat-khau-lan")
    assert officers.login(env.db, "lan", "mat-khau-moi-1").username == "lan"
    actions = [e.action for e in audit.list_events(env.db, env.admin, officer="lan")]
    assert "password_change" in actions


def test_the_chief_resets_a_locked_out_officer(env: Env) -> None:
    officers.add(env.db, env.admin, "lan", "mat-khau-lan", role="officer")
    for _ in range(officers.MAX_FAILURES):
        with pytest.raises(AuthenticationError):
            officers.login(env.db, "lan", "doan-sai-mai")
    with pytest.raises(AuthenticationError, match="tạm khóa"):
        officers.login(env.db, "lan", "mat-khau-lan")
    lan_view = next(o for o in officers.list_officers(env.db, env.admin) if o.username == "lan")
    assert lan_view.active
    officers.reset_password(env.db, env.admin, "lan", "mat-khau-cap-lai")
    assert officers.login(env.db, "lan", "mat-khau-cap-lai").username == "lan"


def test_an_officer_cannot_reset_another_password(env: Env) -> None:
    officers.add(env.db, env.admin, "lan", "mat-khau-lan", role="officer")
    lan = officers.login(env.db, "lan", "mat-khau-lan")
    with pytest.raises(PermissionDeniedError):
        officers.reset_password(env.db, lan, ADMIN, "mat-khau-chiem")


def test_cli_passwd_changes_own_password(
    sqlite_env: Env, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTQ_PASSWORD", PASSWORD)
    monkeypatch.setenv("ANTQ_NEW_PASSWORD", "mat-khau-moi-truong")
    assert main(["--db", sqlite_env.url, "--user", ADMIN, "officers", "passwd"]) == 0
    assert "Đã đổi mật khẩu" in capsys.readouterr().out
    monkeypatch.setenv("ANTQ_PASSWORD", "mat-khau-moi-truong")
    assert main(["--db", sqlite_env.url, "--user", ADMIN, "officers", "list"]) == 0
    monkeypatch.setenv("ANTQ_PASSWORD", PASSWORD)
    assert main(["--db", sqlite_env.url, "--user", ADMIN, "officers", "list"]) != 0


def test_roles_are_enforced_in_the_services_not_only_the_window(
    env: Env, tmp_path: Path
) -> None:
    officers.add(env.db, env.admin, "xem", "mat-khau-xem", role="viewer")
    viewer = officers.login(env.db, "xem", "mat-khau-xem")
    with pytest.raises(PermissionDeniedError):
        records.put(env.db, viewer, "area", {"name": "Thôn Lạ", "kind": "thon"})
    with pytest.raises(PermissionDeniedError):
        officers.add(env.db, viewer, "moi", "mat-khau-moi", role="admin")
    officers.add(env.db, env.admin, "lan", "mat-khau-lan", role="officer")
    lan = officers.login(env.db, "lan", "mat-khau-lan")
    with pytest.raises(PermissionDeniedError):
        officers.set_role(env.db, lan, "lan", "admin")
