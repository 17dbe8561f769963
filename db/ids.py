"""Record ids: UUIDv7 text, time-ordered, made on whichever machine creates the row."""

from __future__ import annotations

import os
import random
import threading
import time
from typing import NewType

RecordId = NewType("RecordId", str)
ReplicaId = NewType("ReplicaId", str)

# RFC 9562 UUIDv7 with a 12-bit counter in `rand_a` (its "method 1"): ids made in the same
# millisecond count up, so one process's ids sort in the order they were made, and seeding a
# province (millions of ids a minute) costs a microsecond an id instead of a system call.
_COUNTER_MAX = 0xFFF
_random = random.Random()  # seeded from the OS; ids need to be unique, not unguessable
_lock = threading.Lock()
_last_ms = 0
_counter = 0
os.register_at_fork(after_in_child=_random.seed)  # a forked child must not repeat the parent


def new_id() -> str:
    """A fresh UUIDv7 as 36-character text; never an autoincrement (rows are made offline)."""
    global _last_ms, _counter
    now = time.time_ns() // 1_000_000
    with _lock:
        if now > _last_ms:
            _last_ms, _counter = now, _random.getrandbits(8)  # a random start, room to count
        elif _counter < _COUNTER_MAX:
            _counter += 1
        else:  # more than ~4,000 ids in one millisecond: borrow the next one
            _last_ms, _counter = _last_ms + 1, 0
        ms, counter, tail = _last_ms, _counter, _random.getrandbits(62)
    value = ms << 80 | 0x7 << 76 | counter << 64 | 0b10 << 62 | tail
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
