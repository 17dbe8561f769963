"""Logging to a rotating file in the data folder: details for support, not for officers."""

from __future__ import annotations

import logging
from pathlib import Path

from desktop_app import settings

_configured = False


def log_path() -> Path:
    return settings.data_dir() / "antq.log"


def configure(level: int = logging.INFO) -> None:
    global _configured
    if _configured:
        return
    # Imported here: logging.handlers pulls in socket and pickle, ~30 ms before the first
    # window could paint.
    from logging.handlers import RotatingFileHandler

    handler = RotatingFileHandler(log_path(), maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("antq")
    root.addHandler(handler)
    root.setLevel(level)
    _configured = True
