"""Surviving a kill: `antq` is SIGKILLed at random moments during a package import, a package
export, demo seeding and a spreadsheet import. Afterwards the SQLite file passes
`PRAGMA integrity_check` and holds all or none of the interrupted work, and running the command
again finishes it. A package cut short on the stick is refused and changes nothing.

What is atomic, as the code commits it:
- `sync import`: one transaction per package (`importer.import_package`);
- `sync export`: the package is written under a temporary name, fsynced and renamed
  (`media.write_file`); one transaction then records it. A kill leaves no file under the final
  name, or a whole one (possibly not yet recorded: the next export rewrites it);
- `demo seed`: one transaction per commune. A post seeds one commune: all or nothing. A hub
  seeds its communes one after another: a kill leaves the first few whole and the rest empty;
- `import xlsx`: one transaction for the whole sheet.

Each operation is run once uninterrupted to measure it; then the kills are spread over that
duration, one in each of N equal slices at a point drawn from a seeded generator. Runs are
children forked from `tests/fault_runner.py`, which has already imported the application, so
the kill lands in the work and not in two seconds of imports.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from db.base import SYNCED
from desktop_app.actor import Actor
from desktop_app.database import open_database
from desktop_app.services import officers
from desktop_app.services.dump import write_dump
from desktop_app.sync.media import TEMP_PREFIX
from desktop_app.sync.package import open_package, verify_signature

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "mat-khau-cua-truong"
SEED = 20_251_123
KILLS = 6
HOUSEHOLDS = 300  # a post's seed of ~1,000 residents: a package of ~2,000 changes


# --- Running `antq` in processes that can be killed ------------------------------------------


class Forks:
    """The client of `tests/fault_runner.py`: start, kill and reap `antq` runs."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env, self.logs, self.runs = env, logs, 0
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.fault_runner"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._ask(None) == {"ready": True}

    def run(self, argv: list[str]) -> tuple[int, float, str]:
        """Run to the end: (exit status, seconds, output)."""
        started = time.monotonic()
        pid, log = self._start(argv)
        status = self._reap(pid)
        return status, time.monotonic() - started, log.read_text(encoding="utf-8")

    def run_together(self, *argvs: list[str]) -> list[tuple[int, str]]:
        """Run side by side to the end: [(exit status, output)]."""
        started = [self._start(argv) for argv in argvs]
        return [(self._reap(pid), log.read_text(encoding="utf-8")) for pid, log in started]

    def kill_after(self, argv: list[str], delay: float) -> tuple[int, str]:
        """SIGKILL the run `delay` seconds after it started (a no-op if it has finished)."""
        pid, log = self._start(argv)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)  # not yet reaped, so the pid is still this run's
        return self._reap(pid), log.read_text(encoding="utf-8")

    def kill_when(
        self, argv: list[str], ready: Callable[[], bool], extra: float, limit: float
    ) -> tuple[int, str]:
        """SIGKILL the run `extra` seconds after `ready()` first holds (looked at every
        millisecond, for at most `limit` seconds)."""
        pid, log = self._start(argv)
        deadline = time.monotonic() + limit
        while not ready() and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(extra)
        os.kill(pid, signal.SIGKILL)
        return self._reap(pid), log.read_text(encoding="utf-8")

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)

    def _start(self, argv: list[str]) -> tuple[int, Path]:
        self.runs += 1
        log = self.logs / f"run-{self.runs}.log"
        pid: int = self._ask({"argv": argv, "env": self.env, "log": str(log)})["pid"]
        return pid, log

    def _reap(self, pid: int) -> int:
        status: int = self._ask({"reap": pid})["status"]
        return status

    def _ask(self, request: dict[str, Any] | None) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        if request is not None:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        return answer


def antq(db: Path, *args: str) -> list[str]:
    return ["--db", str(db), "--user", "truong", "--json", *args]


def schedule(name: str, duration: float, kills: int = KILLS) -> list[float]:
    """One kill in each of `kills` equal slices of `duration`, at a seeded random point."""
    rng = random.Random(f"{SEED}-{name}")
    return [duration * (i + rng.random()) / kills for i in range(kills)]


KILLED = -signal.SIGKILL


# --- Looking at a database file -------------------------------------------------------------


def copy_db(source: Path, target: Path) -> Path:
    """A consistent copy (SQLite's backup API: the WAL's pages included)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    src.close()
    return target


def integrity(path: Path) -> str:
    """`PRAGMA integrity_check` on the file as the kill left it (SQLite replays the WAL)."""
    with sqlite3.connect(path) as conn:
        result: str = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return result


def query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(sql).fetchall()
    conn.close()
    return rows


def counts(path: Path) -> dict[str, int]:
    """Rows of every synced table, and the demo seed's audit events."""
    found = {name: query(path, f'SELECT count(*) FROM "{name}"')[0][0] for name in sorted(SYNCED)}
    seeds = "SELECT count(*) FROM audit_event WHERE action = 'demo_seed'"
    found["audit:demo_seed"] = query(path, seeds)[0][0]
    return found


def dump(path: Path, actor: Actor) -> str:
    """`antq dump` of the file: every synced record, canonical."""
    db = open_database(path)
    try:
        out = io.StringIO()
        write_dump(db, actor, out)
        return out.getvalue()
    finally:
        db.dispose()


# --- A post, a hub, and one uninterrupted run of each operation ------------------------------


@dataclass
class Lab:
    folder: Path
    forks: Forks
    post_empty: Path  # initialised, the hub trusted; no records
    hub_empty: Path
    hub_actor: Actor  # the hub's chief, for dumps
    hub_id: str
    hub_identity: str  # to open the post's packages
    post_sign_public: str
    seeded: Path  # post_empty after `demo seed`
    seed_took: float
    sender: Path  # seeded, with an attachment
    package: Path  # the sender's first package to the hub
    export_took: float
    hub_after: str  # the hub's dump after importing `package`
    import_took: float


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    folder = tmp_path_factory.mktemp("faults")
    env = {**os.environ, "ANTQ_PASSWORD": PASSWORD, "ANTQ_DATA_DIR": str(folder / "data")}
    (folder / "logs").mkdir()
    forks = Forks(env, folder / "logs")
    post, hub = _introduced(forks, folder)
    keys = _keys(post, hub)
    seeded = copy_db(post, folder / "seeded.sqlite3")
    seeding = forks.run(antq(seeded, "demo", "seed", "--households", str(HOUSEHOLDS)))
    assert seeding[0] == 0, seeding[2]
    sender = _with_scan(forks, copy_db(seeded, folder / "sender.sqlite3"), folder)
    exported = copy_db(sender, folder / "exported.sqlite3")
    stick = str(folder / "stick")
    exporting = forks.run(
        antq(exported, "sync", "export", "--peer", keys["hub_id"], "--out", stick)
    )
    assert exporting[0] == 0, exporting[2]
    package = Path(json.loads(exporting[2])["path"])
    receiver = copy_db(hub, folder / "receiver.sqlite3")
    importing = forks.run(antq(receiver, "sync", "import", str(package)))
    assert importing[0] == 0, importing[2]
    hub_actor = _login(hub)
    yield Lab(
        folder,
        forks,
        post,
        hub,
        hub_actor,
        keys["hub_id"],
        keys["hub_identity"],
        keys["post_sign_public"],
        seeded,
        seeding[1],
        sender,
        package,
        exporting[1],
        dump(receiver, hub_actor),
        importing[1],
    )
    forks.close()


def _introduced(forks: Forks, folder: Path) -> tuple[Path, Path]:
    """A post of Phường Hồng Hà and the Hà Nội hub, each trusting the other's key card."""
    post, hub = folder / "post.sqlite3", folder / "hub.sqlite3"
    init = ["init", "--admin-user", "truong", "--role"]
    done = forks.run_together(
        ["--db", str(post), *init, "post", "--unit-code", "00097", "--name", "Công an phường"],
        ["--db", str(hub), *init, "hub", "--unit-code", "01", "--name", "Công an thành phố"],
    )
    assert all(status == 0 for status, _ in done), done
    steps = [
        antq(post, "keys", "card", "--out", str(folder / "post.json")),
        antq(hub, "keys", "card", "--out", str(folder / "hub.json")),
    ]
    steps += [antq(post, "peers", "add", str(folder / "hub.json"))]
    steps += [antq(hub, "peers", "add", str(folder / "post.json"))]
    for argv in steps:
        status, _, output = forks.run(argv)
        assert status == 0, output
    return post, hub


def _with_scan(forks: Forks, post: Path, folder: Path) -> Path:
    """A household's scanned papers: 4 MiB that do not compress, so writing the package to
    the stick takes long enough for kills to land in it."""
    scan = folder / "so-ho-khau.bin"
    scan.write_bytes(random.Random(SEED).randbytes(4 << 20))
    household = query(post, "SELECT id FROM household ORDER BY id LIMIT 1")[0][0]
    status, _, output = forks.run(
        antq(post, "attachments", "add", "household", household, str(scan))
    )
    assert status == 0, output
    return post


def _login(path: Path) -> Actor:
    db = open_database(path)
    try:
        return officers.login(db, "truong", PASSWORD)
    finally:
        db.dispose()


def _keys(post: Path, hub: Path) -> dict[str, str]:
    return {
        "hub_id": query(hub, "SELECT replica_id FROM local_replica")[0][0],
        "hub_identity": query(hub, "SELECT age_identity FROM local_replica")[0][0],
        "post_sign_public": query(post, "SELECT sign_public FROM local_replica")[0][0],
    }


# --- The kills -------------------------------------------------------------------------------


def test_a_killed_package_import_applies_all_or_nothing_and_a_retry_finishes(lab: Lab) -> None:
    hub = copy_db(lab.hub_empty, lab.folder / "hub-killed.sqlite3")
    before = dump(hub, lab.hub_actor)
    argv = antq(hub, "sync", "import", str(lab.package))
    statuses = []
    # Kills in time order on the same file: until one lands after the commit, each run
    # starts again from the state before the package.
    for delay in schedule("import", lab.import_took):
        status, output = lab.forks.kill_after(argv, delay)
        statuses.append(status)
        assert integrity(hub) == "ok", output
        assert dump(hub, lab.hub_actor) in (before, lab.hub_after), output
    assert KILLED in statuses
    status, _, output = lab.forks.run(argv)
    assert status == 0, output
    assert json.loads(output)[0]["status"] in ("applied", "already_imported")
    assert dump(hub, lab.hub_actor) == lab.hub_after


def test_a_killed_export_leaves_no_half_package_and_the_next_export_works(lab: Lab) -> None:
    """Kills spread over the whole export, and kills while the file is written (once its
    temporary file appears on the stick): building the package takes most of the time."""
    rng = random.Random(f"{SEED}-export-write")
    kills: list[tuple[float, str | None]]
    kills = [(delay, None) for delay in schedule("export", lab.export_took, kills=2)]
    kills += [(rng.uniform(0, 0.04), "writing") for _ in range(4)]
    statuses, unchanged = [], counts(lab.sender)
    for number, (delay, when) in enumerate(kills):
        post = copy_db(lab.sender, lab.folder / f"export-{number}.sqlite3")
        stick = lab.folder / f"stick-{number}"
        argv = antq(post, "sync", "export", "--peer", lab.hub_id, "--out", str(stick))
        if when is None:
            status, output = lab.forks.kill_after(argv, delay)
        else:
            writing = functools.partial(_written, stick)
            status, output = lab.forks.kill_when(argv, writing, delay, 3 * lab.export_took)
        statuses.append(status)
        assert integrity(post) == "ok", output
        assert counts(post) == unchanged
        _check_stick(lab, post, stick)
        if _written(stick):
            status, _, output = lab.forks.run(argv)  # the officer exports again
            assert status == 0, output
            _check_package(lab, Path(json.loads(output)["path"]))
            assert not [p for p in stick.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert KILLED in statuses


def _written(stick: Path) -> bool:
    """Something of the package is on the stick: its temporary file, or the package."""
    return stick.exists() and any(stick.iterdir())


def _check_stick(lab: Lab, post: Path, stick: Path) -> None:
    """Only temporary files or whole packages; what the database recorded is on the stick."""
    files = sorted(stick.iterdir()) if stick.exists() else []
    packages = [f for f in files if not f.name.startswith(TEMP_PREFIX)]
    assert all(f.suffix == ".antq" for f in packages)
    for package in packages:
        _check_package(lab, package)
    recorded = query(post, "SELECT file_name, sha256 FROM sync_outbox")
    assert len(recorded) <= 1
    for name, sha in recorded:
        assert hashlib.sha256((stick / name).read_bytes()).hexdigest() == sha


def _check_package(lab: Lab, path: Path) -> None:
    opened = open_package(path.read_bytes(), lab.hub_identity)
    verify_signature(opened, lab.post_sign_public)
    assert len(opened.changes()) == opened.manifest["counts"]["changes"] > 1500
    assert len(opened.blobs()) == 1


def test_a_killed_post_seed_leaves_the_whole_commune_or_nothing(lab: Lab) -> None:
    """A post's seed is one transaction: every table is empty or complete, with its audit."""
    empty, full = counts(lab.post_empty), counts(lab.seeded)
    statuses = []
    for number, delay in enumerate(schedule("seed", lab.seed_took)):
        post = copy_db(lab.post_empty, lab.folder / f"seed-{number}.sqlite3")
        argv = antq(post, "demo", "seed", "--households", str(HOUSEHOLDS))
        status, output = lab.forks.kill_after(argv, delay)
        statuses.append(status)
        assert integrity(post) == "ok", output
        assert counts(post) in (empty, full), output
    assert KILLED in statuses


def test_a_killed_hub_seed_leaves_whole_communes(lab: Lab) -> None:
    """A hub seeds commune by commune, one transaction each: a kill leaves every commune
    empty or whole, and one audit event per whole commune."""
    argv = ["demo", "seed", "--households", "60", "--communes", "3"]
    reference = copy_db(lab.hub_empty, lab.folder / "hub-seeded.sqlite3")
    status, took, output = lab.forks.run(antq(reference, *argv))
    assert status == 0, output
    whole = _by_commune(reference)
    assert len(whole) == 3
    statuses = []
    for number, delay in enumerate(schedule("hub-seed", took, kills=3)):
        hub = copy_db(lab.hub_empty, lab.folder / f"hub-seed-{number}.sqlite3")
        status, output = lab.forks.kill_after(antq(hub, *argv), delay)
        statuses.append(status)
        assert integrity(hub) == "ok", output
        found = _by_commune(hub)
        assert all(found[unit] == whole[unit] for unit in found), output
        assert counts(hub)["audit:demo_seed"] == len(found)
    assert KILLED in statuses


def _by_commune(path: Path) -> dict[str, int]:
    """Rows of synced tables per commune (the hub's own rows, province-wide, left out)."""
    totals: dict[str, int] = {}
    for name in SYNCED:
        for unit, n in query(path, f'SELECT unit_code, count(*) FROM "{name}" GROUP BY 1'):
            if unit and len(unit) == 5:
                totals[unit] = totals.get(unit, 0) + n
    return totals


def test_a_killed_spreadsheet_import_saves_every_row_or_none(lab: Lab) -> None:
    """30 households of three (a head, a wife, a child): one transaction for the sheet."""
    sheet = _register_sheet(lab.folder / "so-ho-khau.xlsx", households=30)
    reference = copy_db(lab.post_empty, lab.folder / "sheet-reference.sqlite3")
    argv = ["import", "xlsx", "household", str(sheet)]
    status, took, output = lab.forks.run(antq(reference, *argv))
    assert status == 0, output
    before, after = _register(lab.post_empty), _register(reference)
    assert len(after["person"]) == 90
    statuses = []
    for number, delay in enumerate(schedule("xlsx", took)):
        post = copy_db(lab.post_empty, lab.folder / f"sheet-{number}.sqlite3")
        status, output = lab.forks.kill_after(antq(post, *argv), delay)
        statuses.append(status)
        assert integrity(post) == "ok", output
        assert _register(post) in (before, after), output
    assert KILLED in statuses


def _register(path: Path) -> dict[str, list[Any]]:
    return {
        "area": sorted(r[0] for r in query(path, "SELECT name FROM area")),
        "household": sorted(r[0] for r in query(path, "SELECT address FROM household")),
        "person": sorted(r[0] for r in query(path, "SELECT full_name FROM person")),
    }


def _register_sheet(path: Path, households: int) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "STT",
            "Họ và tên",
            "Năm sinh",
            "Giới tính",
            "Quan hệ với chủ hộ",
            "Địa chỉ",
            "Thôn, tổ dân phố",
        ]
    )
    areas = ("Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Bắc")
    for h in range(households):
        area = areas[h % len(areas)]
        sheet.append(
            [
                3 * h + 1,
                f"Nguyễn Văn Chủ {h}",
                1960 + h % 30,
                "Nam",
                "Chủ hộ",
                f"Số {h}, {area}",
                area,
            ]
        )
        sheet.append([3 * h + 2, f"Trần Thị Vợ {h}", 1962 + h % 30, "Nữ", "Vợ", None, None])
        sheet.append([3 * h + 3, f"Nguyễn Văn Con {h}", 1990 + h % 20, "Nam", "Con", None, None])
    book.save(path)
    return path


# --- A package cut short on the stick ------------------------------------------------------


def test_a_package_cut_short_on_the_stick_is_refused_in_vietnamese_and_changes_nothing(
    lab: Lab,
) -> None:
    hub = copy_db(lab.hub_empty, lab.folder / "hub-truncated.sqlite3")
    before = dump(hub, lab.hub_actor)
    whole = lab.package.read_bytes()
    for length in (0, 64, len(whole) // 2, len(whole) - 1):
        cut = lab.folder / f"cut-{length}" / lab.package.name
        cut.parent.mkdir()
        cut.write_bytes(whole[:length])
        status, _, output = lab.forks.run(antq(hub, "sync", "import", str(cut)))
        assert status == 9, output  # PackageError
        assert "Lỗi: Không giải mã được gói: tệp bị hỏng, bị cắt cụt" in output
        assert dump(hub, lab.hub_actor) == before
