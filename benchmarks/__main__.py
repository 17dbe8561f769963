"""Run every benchmark that exists and print one table (see docs/performance.md)."""

from __future__ import annotations

import os
import tempfile

from benchmarks import seed_bench, startup_bench, sync_bench
from benchmarks.report import print_table


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="antq-bench-") as folder:
        os.environ["ANTQ_DATA_DIR"] = folder
        figures = seed_bench.run(folder) + startup_bench.run(folder) + sync_bench.run(folder)
    print_table(figures)


if __name__ == "__main__":
    main()
