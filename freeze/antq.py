"""What build.spec freezes into the console `antq`: the command line of desktop_app.cli."""

from __future__ import annotations

import sys

from desktop_app.cli import main

sys.exit(main())
