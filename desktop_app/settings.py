"""Where data lives and the app's settings, each declared once (key, type, default, title)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

APP_NAME = "ANTQDesk"
DATA_DIR_ENV = "ANTQ_DATA_DIR"
DB_ENV = "ANTQ_DB"


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    title: str


SETTINGS = (
    Setting("language", str, "vi", "Ngôn ngữ giao diện"),
    Setting("auto_lock_minutes", int, 10, "Tự khóa màn hình sau (phút)"),
    Setting("clock_drift_days", int, 2, "Giữ lại gói đồng bộ có đồng hồ nhanh hơn (ngày)"),
    Setting("window_geometry", str, "", "Vị trí và kích thước cửa sổ chính"),
    Setting("contact_days_a", int, 90, "Số ngày giữa hai lần tiếp xúc – loại A (hằng quý)"),
    Setting("contact_days_b", int, 30, "Số ngày giữa hai lần tiếp xúc – loại B (hằng tháng)"),
    Setting("contact_days_c", int, 14, "Số ngày giữa hai lần tiếp xúc – loại C (nửa tháng)"),
    Setting(
        "contact_days_d",
        int,
        0,
        "Số ngày giữa hai lần tiếp xúc – loại D (0: không)",
    ),
    Setting("last_user", str, "", "Tên đăng nhập gần nhất"),
    # The province decides the period; five years after closing is a placeholder, not law.
    Setting("case_retention_years", int, 5, "Số năm giữ hồ sơ tái hòa nhập sau khi kết thúc"),
)
_BY_KEY = {s.key: s for s in SETTINGS}


def data_dir() -> Path:
    """The user data folder (platformdirs), or $ANTQ_DATA_DIR; created on first use."""
    path = Path(os.environ.get(DATA_DIR_ENV) or user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> str:
    """$ANTQ_DB, or antq.sqlite3 in the data folder."""
    return os.environ.get(DB_ENV) or str(data_dir() / "antq.sqlite3")


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def load() -> dict[str, Any]:
    """Every setting, with defaults for what the file lacks or holds with the wrong type."""
    stored = _read()
    return {
        s.key: stored[s.key] if isinstance(stored.get(s.key), s.type) else s.default
        for s in SETTINGS
    }


def save(key: str, value: Any) -> None:
    setting = _BY_KEY[key]
    if not isinstance(value, setting.type):
        raise TypeError(f"{key} must be {setting.type.__name__}")
    stored = _read()
    stored[key] = value
    path = data_dir() / "settings.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(stored, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def _read() -> dict[str, Any]:
    path = data_dir() / "settings.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
