"""Planning a folded-word search over a large register (a province's million residents).

A search matches the rows having, for every word typed, an indexed word starting with it
(`search_token`, see `indexing`). Two ways to find them, chosen per search from how many
index entries each word has (counted once, then remembered for a while):

- drive from the rarest word: read its entries and keep a row if it has the other words;
- scan the list in its own order (the sort-key index) and keep the rows that have all the
  words, stopping after the rows wanted: best when the words are common together
  ("nguyen van": one resident in ten).

A candidate costs one index probe per word until one is missing. The cost is the rarest
word's entries, or the rows scanned before enough match: docs/performance.md.
"""

from __future__ import annotations

import functools
import operator
import threading
import time
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, select
from sqlalchemy.orm import Session

from db.base import SYNCED, table_of
from db.models import SearchToken
from desktop_app.indexing import MAX_TOKEN, PREFIX_END
from desktop_app.text import tokens

SCAN_DOUBT = 10  # how much cheaper a scan must look than driving from the rarest word
# What a scanned row costs, as a share of a driving entry, when the list index lets most rows
# be turned down without a probe (`_prefilter`): ~0.3 µs against ~8 µs on a province.
PREFILTERED_ROW = 0.05
COUNT_CAP = 250_000  # entries counted per word at most (planning needs the order of sizes)
REMEMBER_S = 600.0  # how long a word's count serves: sizes change slowly, plans stay right
# Per kind, a folded column holding every word a lettered query word can match (see
# `_prefilter`; tests/test_province_lists.py checks the catalog still agrees).
PREFILTER = {"person": "name_fold"}
_counts: dict[tuple[str, str, str], tuple[float, int]] = {}
_lock = threading.Lock()


def condition(
    session: Session, kind: str, id_column: Any, query: str, wanted: int
) -> ColumnElement[bool] | None:
    """Rows of `kind` matching `query`, planned for a list that shows `wanted` rows first."""
    words = [w[:MAX_TOKEN] for w in tokens(query)]
    if not words:
        return None
    sizes = {w: _size(session, kind, w) for w in set(words)}
    total = max(1, _rows(session, kind))
    words.sort(key=lambda w: (sizes[w], w))
    rarest, others = words[0], words[1:]
    # Rows to scan before `wanted` match, were the words independent: wanted / Π(share).
    # They are not (a given name gathers its matches in one stretch of the list's order),
    # so the scan must look far cheaper than reading the rarest word's entries.
    share = functools.reduce(operator.mul, (min(1.0, sizes[w] / total) for w in words))
    doubt = SCAN_DOUBT * (PREFILTERED_ROW if kind in PREFILTER else 1.0)
    if wanted / max(share, 1e-9) * doubt < sizes[rarest]:
        return and_(*_prefilter(kind, id_column, words), has_words(kind, id_column, words))
    driver = table_of(SearchToken).alias("driver")
    rows = select(driver.c.row_id).where(*_starts(driver, kind, rarest))
    if others:
        rows = rows.where(has_words(kind, driver.c.row_id, others))
    return id_column.in_(rows)


def has_words(kind: str, row_id: Any, words: list[str]) -> ColumnElement[bool]:
    """Whether the row `row_id` has a word starting with each of `words` (rarest first:
    the first word missing ends the check)."""
    t = table_of(SearchToken)
    return and_(
        *(
            exists().where(t.c.row_id == row_id, *_starts(t, kind, w)).correlate_except(t)
            for w in words
        )
    )


def _prefilter(kind: str, id_column: Any, words: list[str]) -> list[ColumnElement[bool]]:
    """Cheap conditions every match meets, checked before the words are probed.

    A word with a letter can only start one of a resident's name words (the other searched
    fields, id and phone numbers, are digits), so it is in the folded name, which the list
    index carries: a scan turns most residents down without leaving the index.
    """
    name = PREFILTER.get(kind)
    if name is None:
        return []
    column = id_column.table.c[name]
    return [column.contains(w, autoescape=True) for w in words if not w.isdigit()]


def _starts(t: Any, kind: str, word: str) -> tuple[ColumnElement[bool], ...]:
    return (t.c.kind == kind, t.c.token >= word, t.c.token < word + PREFIX_END)


def _size(session: Session, kind: str, word: str) -> int:
    """Index entries of `kind` starting with `word`, up to `COUNT_CAP`."""
    t = table_of(SearchToken)
    capped = select(t.c.row_id).where(*_starts(t, kind, word)).limit(COUNT_CAP).subquery()
    return _remembered(session, (kind, word), select(func.count()).select_from(capped))


def _rows(session: Session, kind: str) -> int:
    """Rows of `kind`, deleted ones too (SQLite counts them from its smallest index)."""
    return _remembered(session, (kind, ""), select(func.count()).select_from(SYNCED[kind]))


def _remembered(session: Session, key: tuple[str, str], count: Select[Any]) -> int:
    """`count` run now, or as run less than `REMEMBER_S` ago on the same database."""
    bind = session.get_bind()
    full = (str(bind.engine.url), *key)
    now = time.monotonic()
    with _lock:
        found = _counts.get(full)
    if found is not None and now - found[0] < REMEMBER_S:
        return found[1]
    value = int(session.scalar(count) or 0)
    with _lock:
        _counts[full] = (now, value)
    return value
