"""The schema version stamped on every change and package; it follows the Alembic head."""

from __future__ import annotations

# Bump with every Alembic revision (revision ids start with this number, e.g. "0001_…").
SCHEMA_VERSION = 7
# The oldest schema whose readers can still apply what this version writes.
MIN_READER_SCHEMA = 1
