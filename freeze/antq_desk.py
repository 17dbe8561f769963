"""What build.spec freezes into the windowed `antq-desk`: `python -m desktop_app`, as a script.

The launchers live outside the packages because PyInstaller searches a script's own folder
first, where desktop_app/calendar.py would stand in for the standard library's calendar.
"""

from __future__ import annotations

import sys

from desktop_app.__main__ import main

sys.exit(main())
