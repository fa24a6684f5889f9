"""Parse each file in its own short-lived process, with a time limit and a memory cap.

A hostile or broken file (a decompression bomb, a PDF whose objects loop forever)
can only take its own process down: the parent kills it after ``timeout`` seconds,
and the child's address space is capped at ``memory_mb`` above what it started
with.  Either way the file comes back quarantined with a reason, and the rest of
the batch carries on.

Children are forked from a ``forkserver`` whose spaCy pipeline is already built
(``hotlist.preload``), so each file costs a fork, not a model load; up to
``workers`` run at once (both cores on a 2-core machine).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import threading
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline.resume import ParseOutcome, parse_file

_context = None
_context_lock = threading.Lock()
_slots: threading.BoundedSemaphore | None = None


def _ctx(workers: int):
    global _context, _slots
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["hotlist.preload"])
            _context = context
            _slots = threading.BoundedSemaphore(max(1, workers))
        return _context, _slots


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(conn: Connection, path: str, region: str, max_bytes: int | None, memory_mb: int) -> None:
    """Runs in the forked child: cap memory, parse, send the outcome back."""
    try:
        limit = _address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass
    try:
        from hotlist.resources import skill_nlp

        outcome = parse_file(Path(path), skill_nlp=skill_nlp(), default_region=region, max_bytes=max_bytes)
    except MemoryError:
        outcome = _failed(path, f"needed more than {memory_mb} MB of memory to read (a damaged or hostile file): "
                                "ask for a fresh copy")
    except RecursionError:
        outcome = _failed(path, "malformed document (structures nested too deeply): ask for a fresh copy")
    except Exception as exc:  # noqa: BLE001 - any other crash is this file's problem, not the batch's
        outcome = _failed(path, f"could not be read ({type(exc).__name__}): ask for a fresh copy or another format")
    conn.send(outcome)
    conn.close()


def _failed(path: str, reason: str) -> ParseOutcome:
    from pipeline.documents import sha256_of

    file = Path(path)
    try:
        sha, size = sha256_of(file), file.stat().st_size
    except OSError:
        sha, size = "", 0
    return ParseOutcome(str(file), file.name, sha, size, "quarantined", reason)


def parse_isolated(
    paths: list[str], *, default_region: str, max_bytes: int | None, timeout: float, memory_mb: int, workers: int
) -> Iterator[ParseOutcome]:
    """Parse ``paths`` in child processes; yields outcomes in the order of ``paths``."""
    context, slots = _ctx(workers)
    results: dict[int, ParseOutcome] = {}
    running: dict[Connection, tuple[int, multiprocessing.Process, float]] = {}
    queue = list(enumerate(paths))
    next_out = 0
    while queue or running:
        while queue and len(running) < max(1, workers) and slots.acquire(blocking=not running):
            index, path = queue.pop(0)
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(send, path, default_region, max_bytes, memory_mb), daemon=True)
            process.start()
            send.close()
            running[receive] = (index, process, time.monotonic())
        ready = wait(list(running), timeout=0.1)
        now = time.monotonic()
        for conn in list(running):
            index, process, started = running[conn]
            outcome = None
            if conn in ready:
                try:
                    outcome = conn.recv()
                except (EOFError, OSError):
                    process.join(5)
                    outcome = _failed(paths[index], _death_reason(process.exitcode, memory_mb))
            elif now - started > timeout:
                process.kill()
                outcome = _failed(paths[index], f"took longer than {timeout:g} s to read (a damaged or hostile file): "
                                                "ask for a fresh copy")
            if outcome is not None:
                process.join(5)
                conn.close()
                del running[conn]
                slots.release()
                results[index] = outcome
        while next_out in results:
            yield results.pop(next_out)
            next_out += 1


def _death_reason(exitcode: int | None, memory_mb: int) -> str:
    if exitcode is not None and exitcode < 0:
        return (f"the reader was stopped (signal {-exitcode}), most likely for needing more than {memory_mb} MB "
                "of memory (a damaged or hostile file): ask for a fresh copy")
    return f"the reader crashed (exit code {exitcode}): ask for a fresh copy"
