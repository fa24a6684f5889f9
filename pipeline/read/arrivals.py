"""Decide when a file dropped into the inbox is complete enough to read.

A copy in progress keeps growing; a file is *settled* once its size and
modification time have not changed for ``settle`` seconds.  Pure logic: the
watcher feeds observations in, gets settled paths out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Signature = tuple[int, int]  # (size, mtime_ns)
EMPTY_FACTOR = 5


@dataclass
class SettleTracker:
    """Tracks candidate files until they stop changing; each version is released once."""

    settle: float = 1.0
    _pending: dict[Path, tuple[Signature, float]] = field(default_factory=dict)
    _released: dict[Path, Signature] = field(default_factory=dict)

    def observe(self, path: Path, signature: Signature | None, now: float) -> None:
        """Record what a file looks like at ``now`` (``None``: it is gone)."""
        if signature is None:
            self._pending.pop(path, None)
            self._released.pop(path, None)
            return
        if self._released.get(path) == signature:
            return  # this exact version was already handed over
        previous = self._pending.get(path)
        if previous is None or previous[0] != signature:
            self._pending[path] = (signature, now)

    def settled(self, now: float) -> list[Path]:
        """Files unchanged for ``settle`` seconds; each version is released once.

        An empty file may be a copy that has not started writing yet, so it must stay
        empty for ``EMPTY_FACTOR`` times as long (at least 5 s) before it is released
        (and then quarantined as empty).
        """
        empty_wait = max(self.settle * EMPTY_FACTOR, 5.0)
        ready = [
            path
            for path, (signature, since) in self._pending.items()
            if now - since >= (self.settle if signature[0] > 0 else empty_wait)
        ]
        for path in sorted(ready):
            self._released[path] = self._pending.pop(path)[0]
        return sorted(ready)

    def retry(self, path: Path, signature: Signature | None, at: float) -> None:
        """Hand ``path`` over again at ``at`` (plus the settle time), even if it does not change meanwhile.

        For a file ingest could not read while it was still arriving: it is tried again later, and
        quarantined for good once it has stopped changing for the grace period.
        """
        self._released.pop(path, None)
        if signature is not None:
            self._pending[path] = (signature, at)

    def waiting(self) -> list[Path]:
        """Files seen but not yet settled."""
        return sorted(self._pending)
