"""Floors measured in the same run as the figure they are set against."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path


def raw_insert_seconds(path: Path, count: int) -> float:
    """Seconds for a bare sqlite3 executemany of `count` narrow rows in one transaction, with
    the app's journal settings (WAL, synchronous=FULL); the file is removed afterwards."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT, b TEXT, n INTEGER)")
    data = [(f"{i:036d}", "Nguyễn Văn An", "Số 12, Thôn Đồng Tâm", i) for i in range(count)]
    start = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", data)
    seconds = time.perf_counter() - start
    conn.close()
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    return seconds
