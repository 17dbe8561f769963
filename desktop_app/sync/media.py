"""Writing packages to removable media so that a pulled stick never leaves a file that looks
whole but is not: temp file beside the target, flush, fsync, rename, fsync the folder, read
back and compare hashes. Then, and only then, the officer may remove the stick."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from desktop_app.errors import AntqError
from desktop_app.i18n import tr

TEMP_PREFIX = ".antq-dang-ghi-"


class MediaError(AntqError):
    """The file could not be written or read back; nothing on the stick may be trusted."""

    exit_code = 10


def write_file(folder: Path, name: str, data: bytes) -> Path:
    """Write `data` as `folder/name` atomically and durably; returns the final path."""
    target = folder / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(folder)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        _fsync_folder(folder)
    except OSError as error:
        raise MediaError(
            tr(
                "Không ghi được tệp vào '{folder}': {reason}. Hãy kiểm tra USB rồi xuất lại.",
                folder=str(folder),
                reason=error.strerror or str(error),
            )
        ) from error
    _read_back(target, hashlib.sha256(data).hexdigest())
    return target


def copy_to_local(source: Path, folder: Path) -> Path:
    """Copy a package from the stick before opening it; the stick may be pulled afterwards."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / source.name
        if target.exists() and target.resolve() == source.resolve():
            return target  # a held package, retried from its local copy
        shutil.copyfile(source, target)
        return target
    except OSError as error:
        raise MediaError(
            tr(
                "Không đọc được tệp '{name}': {reason}.",
                name=source.name,
                reason=error.strerror or str(error),
            )
        ) from error


def _read_back(target: Path, expected: str) -> None:
    try:
        actual = hashlib.sha256(target.read_bytes()).hexdigest()
    except OSError as error:
        raise MediaError(
            tr("Không đọc lại được tệp vừa ghi: {reason}.", reason=str(error))
        ) from error
    if actual != expected:
        raise MediaError(tr("Tệp vừa ghi đọc lại không khớp: USB có thể hỏng. Hãy dùng USB khác."))


def _fsync_folder(folder: Path) -> None:
    if sys.platform.startswith("win"):
        return  # Windows cannot open a directory for fsync; NTFS/FAT journal the rename
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_leftovers(folder: Path) -> None:
    """Temp files of an export that was interrupted (stick pulled, power cut)."""
    for leftover in folder.glob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def removable_drives() -> list[Path]:
    """Mounted removable drives: USB sticks and memory cards."""
    if sys.platform.startswith("win"):
        return _windows_removable()
    return _linux_removable()


def _linux_removable() -> list[Path]:
    """Desktops mount sticks at /media/<label>, /media/<user>/<label> or /run/media/<user>/…"""
    found: list[Path] = []
    for root in (Path("/media"), Path("/run/media")):
        if not root.is_dir():
            continue
        for entry in sorted(root.iterdir()):
            if os.path.ismount(entry):
                found.append(entry)
            elif entry.is_dir():
                found += [d for d in sorted(entry.iterdir()) if os.path.ismount(d)]
    return found


def _windows_removable() -> list[Path]:
    import ctypes
    import string

    drive_removable = 2
    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel.GetLogicalDrives()
    drives = []
    for index, letter in enumerate(string.ascii_uppercase):
        root = f"{letter}:\\"
        if mask & (1 << index) and kernel.GetDriveTypeW(root) == drive_removable:
            drives.append(Path(root))
    return drives
