"""A fork server for the kill tests: imports the `antq` command line once, then forks one child
per run, so a run starts in milliseconds instead of the two seconds of imports and a random
kill lands in the work, not in the start-up.

Each child is a real process running `desktop_app.cli.main(argv)` with its own environment,
stdout and stderr, exactly as `antq` does after its imports. The server reaps a child only when
asked, so its pid cannot be reused while the test may still send it SIGKILL.

Protocol, one JSON object a line: {"argv", "env", "log"} → {"pid"}; {"reap": pid} →
{"status"} (the exit code, or minus the signal that ended it). Unix only: the tests that use
it kill processes with SIGKILL.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def _warm() -> None:
    """Everything the runs import, loaded before the first fork."""
    import faker  # demo seed imports it lazily

    import desktop_app.cli
    import desktop_app.demo.seed
    import desktop_app.spreadsheets.households_import
    import desktop_app.sync.exporter
    import desktop_app.sync.importer  # noqa: F401

    faker.Faker("vi_VN")  # loads the locale's providers


def _child(request: dict[str, Any]) -> None:
    from desktop_app.cli import main

    os.environ.clear()
    os.environ.update(request["env"])
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    code = 70
    try:
        code = main(request["argv"])
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve() -> None:
    _warm()
    reply({"ready": True})
    for line in sys.stdin:
        request = json.loads(line)
        if "reap" in request:
            _, status = os.waitpid(request["reap"], 0)
            reply({"status": os.waitstatus_to_exitcode(status)})
            continue
        pid = os.fork()
        if pid == 0:
            _child(request)
        reply({"pid": pid})


def reply(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    serve()
