"""`antq-desk --self-test`: what a freshly built bundle runs to prove it works, here from source."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.self_test import SelfTestError, check_pdf, step

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_self_test_passes_headless_without_being_told(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "ANTQ_DB"}
    }
    env["ANTQ_DATA_DIR"] = str(tmp_path / "officer-data")
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["ok"]
    # The test ran in its own temp folder: the officer's data folder was never touched.
    assert not (tmp_path / "officer-data").exists()


def test_a_failing_check_names_its_step() -> None:
    def broken() -> None:
        raise OSError("libpdfium.so: cannot open shared object file")

    with pytest.raises(SelfTestError) as caught:
        step("in biên bản cuộc họp", broken)
    assert "in biên bản cuộc họp" in str(caught.value)
    assert "libpdfium.so" in str(caught.value)


@pytest.mark.parametrize("data", [b"", b"<html>not a pdf</html>" * 400, b"%PDF-1.4\n%%EOF"])
def test_what_is_not_a_real_pdf_fails(data: bytes) -> None:
    with pytest.raises(SelfTestError):
        check_pdf(data)
