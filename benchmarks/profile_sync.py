"""cProfile of one sync export or import, on the sync bench's set-up (docs/performance.md).

`python -m benchmarks.profile_sync [N] [export|import] [cumulative|tottime]`: a post and a hub
exchange once, N (default 20,000) resident creations go into the post's log, and the export
or the import of that package is profiled; the top 30 functions are printed.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.replicas import fill_log, introduce, replica
from desktop_app.sync import exporter, importer


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    which = sys.argv[2] if len(sys.argv) > 2 else "import"
    order = sys.argv[3] if len(sys.argv) > 3 else "cumulative"
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ANTQ_DATA_DIR"] = folder
        base = Path(folder)
        post = replica(base / "post.sqlite3", "post", "00097")
        hub = replica(base / "hub.sqlite3", "hub", "01")
        hub_id = introduce(base, post, hub)
        fill_log(post[0], count)
        profile = cProfile.Profile()
        start = time.perf_counter()
        with _profiled(profile, which == "export"):
            package = exporter.export_package(post[0], post[1], hub_id, base / "usb")
        print(f"export {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        with _profiled(profile, which == "import"):
            importer.import_package(hub[0], hub[1], package.path)
        print(f"import {time.perf_counter() - start:.2f} s")
        pstats.Stats(profile).sort_stats(order).print_stats(30)


class _profiled:
    def __init__(self, profile: cProfile.Profile, on: bool) -> None:
        self.profile, self.on = profile, on

    def __enter__(self) -> None:
        if self.on:
            self.profile.enable()

    def __exit__(self, *_: object) -> None:
        self.profile.disable()


if __name__ == "__main__":
    main()
