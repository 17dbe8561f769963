"""Run every benchmark that exists and print one table (see docs/performance.md).

`python -m benchmarks` runs them all (`make bench`); `python -m benchmarks province seed`
runs only those named (seed, startup, sync, province, pdf, hub).
"""

from __future__ import annotations

import os
import sys
import tempfile

from benchmarks import hub_bench, pdf_bench, province_bench, seed_bench, startup_bench, sync_bench
from benchmarks.report import Figure, print_table

BENCHES = {
    "seed": seed_bench.run,
    "startup": startup_bench.run,
    "sync": sync_bench.run,
    "province": province_bench.run,
    "pdf": pdf_bench.run,
    "hub": hub_bench.run,
}


def main() -> None:
    chosen = sys.argv[1:] or list(BENCHES)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="antq-bench-") as folder:
        os.environ["ANTQ_DATA_DIR"] = folder
        for name in chosen:
            figures += BENCHES[name](folder)
    print_table(figures)


if __name__ == "__main__":
    main()
