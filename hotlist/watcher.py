"""Watch the inbox: hand each settled batch of new or changed resumes to a callback.

File events (watchfiles) give low latency; a periodic full sweep is the safety net
for network shares and synced folders that deliver no events.  A file is handed
over only after its size has stopped changing (``SettleTracker``), so a copy in
progress is never parsed.  Handing over the same content twice is harmless:
ingest is idempotent by sha256.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from hotlist.pipeline.read.arrivals import EMPTY_FACTOR, SettleTracker, Signature
from hotlist.pipeline.read.files import COLLECTED_SUFFIXES

log = logging.getLogger("hotlist.watcher")


def _signature(path: Path) -> Signature | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


class InboxWatcher:
    """Calls ``on_batch(paths)`` for resumes that arrive in ``inbox`` (and once for those already there)."""

    def __init__(
        self,
        inbox: Path,
        on_batch: Callable[[list[Path]], object],
        *,
        settle: float = 1.0,
        sweep_every: float = 300.0,
        tick: float = 0.2,
        exclude: Iterable[Path] = (),
    ) -> None:
        self.inbox = inbox
        self.on_batch = on_batch
        self.tracker = SettleTracker(settle)
        self.sweep_every = sweep_every
        self.tick = tick
        self.exclude = [e.absolute() for e in exclude]
        self.batches = 0

    def wanted(self, path: Path) -> bool:
        """A resume-type file inside the inbox, not hidden, not in Hotlist's own folders."""
        try:
            relative = path.absolute().relative_to(self.inbox.absolute())
        except ValueError:
            return False
        if any(part.startswith(".") for part in relative.parts):
            return False
        if any(path.absolute().is_relative_to(e) for e in self.exclude):
            return False
        return path.suffix.lower() in COLLECTED_SUFFIXES

    def sweep(self) -> None:
        """Look at every file in the inbox (the safety net)."""
        now = time.monotonic()
        for path in self.inbox.rglob("*"):
            if self.wanted(path) and not path.is_dir():
                self.tracker.observe(path, _signature(path), now)

    def run(self, stop: threading.Event) -> None:
        """Watch until ``stop`` is set."""
        import watchfiles

        self.inbox.mkdir(parents=True, exist_ok=True)
        self.sweep()
        last_sweep = time.monotonic()
        self._dispatch()
        for changes in watchfiles.watch(
            self.inbox, stop_event=stop, yield_on_timeout=True, rust_timeout=int(self.tick * 1000),
            debounce=int(self.tick * 1000), step=50, raise_interrupt=False,
        ):
            now = time.monotonic()
            for _change, name in changes:
                path = Path(name)
                if self.wanted(path):
                    self.tracker.observe(path, _signature(path), now)
            for path in self.tracker.waiting():  # growing files: re-check even without events
                self.tracker.observe(path, _signature(path), now)
            if now - last_sweep >= self.sweep_every:
                self.sweep()
                last_sweep = now
            self._dispatch()
            if stop.is_set():
                break

    def _dispatch(self) -> None:
        ready = [p for p in self.tracker.settled(time.monotonic()) if p.exists() or p.is_symlink()]
        if not ready:
            return
        self.batches += 1
        try:
            summary = self.on_batch(ready)
            # Files that failed while still arriving (a paused copy) are tried again a little later.
            later = time.monotonic() + max(5.0, self.tracker.settle * EMPTY_FACTOR)
            for result in getattr(summary, "results", ()):
                if result.action == "waiting":
                    for path in ready:
                        if path.name == result.filename:
                            self.tracker.retry(path, _signature(path), later)
        except Exception:  # noqa: BLE001 - the watcher must outlive any one batch
            log.exception("ingest of %d file(s) failed; they will be retried by the next sweep", len(ready))
            for path in ready:
                self.tracker.observe(path, None, time.monotonic())
