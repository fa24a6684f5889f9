"""Parse files in worker processes, with a time limit per file and a memory cap per worker.

A hostile or broken file (a decompression bomb, a PDF whose objects loop forever)
can only take its own worker down: the parent kills a worker that spends more than
``timeout`` seconds on one file, and each worker's address space is capped at
``memory_mb`` above what it started with.  Either way the file comes back
quarantined with a reason, a fresh worker takes the dead one's place, and the rest
of the batch carries on.

Workers are long-lived (each parses many files) and are forked from a
``forkserver`` whose spaCy pipelines are already loaded (``hotlist.flows.preload``), so a
replacement costs a fork, not a model load.  A worker is recycled after
``RECYCLE_AFTER`` files so slow leaks never reach the memory cap; a file that fails
on a worker that had already parsed others is retried once on a fresh worker, so a
benign file is never blamed for its predecessors.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import queue
import resource
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from typing import TYPE_CHECKING

from hotlist.settings import Settings

if TYPE_CHECKING:
    from hotlist.pipeline.parse.resume import ParseOutcome
    from hotlist.pipeline.read.documents import DocumentText

# pipeline.resume (spaCy, the parsers) is imported where it is used, not here: `hotlist ingest`
# imports this module to start the workers' preload first thing, and importing spaCy here would
# hold that start back by a second (the forkserver and its workers have it preloaded anyway).

RECYCLE_AFTER = 200

_pools: dict[tuple[int, int], _Pool] = {}
_pools_lock = threading.Lock()


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _serve(conn: Connection, memory_mb: int) -> None:
    """The worker loop: cap memory, then parse each path sent until told to stop."""
    # Ctrl-C reaches the whole terminal's process group: the parent stops the workers, quietly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        limit = _address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass
    from hotlist.flows.resources import skill_nlp
    from hotlist.pipeline.parse.resume import parse_file

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        path, region, max_bytes, mode, margin = job
        fatal = False
        try:
            if mode == "text":  # only the document's text (a job description), not a resume parse
                outcome = _read_text(path, max_bytes)
            else:
                outcome = parse_file(Path(path), skill_nlp=skill_nlp(), default_region=region, max_bytes=max_bytes,
                                     margin_months=margin)
        except MemoryError:
            fatal = True  # the heap may be in a poor state: answer, then let a fresh worker take over
            outcome = _failed(path, f"needed more than {memory_mb} MB of memory to read (a damaged or hostile "
                                    "file): ask for a fresh copy")
        except RecursionError:
            outcome = _failed(path, "malformed document (structures nested too deeply): ask for a fresh copy")
        except Exception as exc:  # noqa: BLE001 - any other crash is this file's problem, not the batch's
            outcome = _failed(path, f"could not be read ({type(exc).__name__}): ask for a fresh copy or another format")
        try:
            conn.send((outcome, fatal))
        except (OSError, ValueError):
            return
        if fatal:
            return


def _read_text(path: str, max_bytes: int | None):
    from hotlist.pipeline.read.documents import read_document
    from hotlist.pipeline.errors import UnreadableDocument

    try:
        return read_document(Path(path), max_bytes=max_bytes)
    except UnreadableDocument as exc:
        return _failed(path, str(exc))


def _failed(path: str, reason: str) -> ParseOutcome:
    from hotlist.pipeline.read.documents import sha256_of
    from hotlist.pipeline.parse.resume import ParseOutcome

    file = Path(path)
    try:
        sha, size = sha256_of(file), file.stat().st_size
    except OSError:
        sha, size = "", 0
    return ParseOutcome(str(file), file.name, sha, size, "quarantined", reason)


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.Process
    conn: Connection
    parsed: int = 0

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                self.process.kill()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()


@dataclass(eq=False)
class _Pool:
    size: int
    memory_mb: int
    idle: queue.Queue = field(default_factory=queue.Queue)

    def __post_init__(self) -> None:
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["hotlist.flows.preload"])
        for _ in range(self.size):
            self.idle.put(None)  # a slot; the worker is started on first use

    def new_worker(self) -> _Worker:
        mine, theirs = self.context.Pipe(duplex=True)
        process = self.context.Process(target=_serve, args=(theirs, self.memory_mb), daemon=True,
                                       name="hotlist-parse")
        with _pools_lock:  # the parse service warms its workers while a first request may already fork one
            process.start()
        theirs.close()
        return _Worker(process, mine)

    def take(self, block: bool) -> _Worker | None:
        try:
            worker = self.idle.get(block=block)
        except queue.Empty:
            return None
        if worker is None or not worker.process.is_alive():
            worker = self.new_worker()
        return worker

    def give_back(self, worker: _Worker | None) -> None:
        if worker is not None and worker.parsed >= RECYCLE_AFTER:
            worker.stop()
            worker = None
        self.idle.put(worker)


def _pool(workers: int, memory_mb: int) -> _Pool:
    key = (max(1, workers), memory_mb)
    with _pools_lock:
        if key not in _pools:
            _pools[key] = _Pool(*key)
        return _pools[key]


def shutdown() -> None:
    """Stop every idle worker (called at exit; benchmarks call it to count the workers' CPU time)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        while True:
            try:
                worker = pool.idle.get_nowait()
            except queue.Empty:
                break
            if worker is not None:
                worker.stop()


atexit.register(shutdown)


class _Raised:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


_END = object()


class ParseStream:
    """Outcomes of a parse, taken a batch at a time while the rest is still being parsed.

    With ``background`` (the worker pool), a feeder thread drains ``outcomes`` as fast
    as the workers produce them, across batch boundaries, so the caller stores one
    batch while the workers are already parsing the next: the workers never wait for
    the database.  Without it, outcomes are produced on demand in the caller's thread.
    """

    def __init__(self, outcomes: Iterator[ParseOutcome], *, background: bool) -> None:
        self._outcomes = outcomes
        self._queue: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if background:
            self._thread = threading.Thread(target=self._feed, name="hotlist-parse-feed", daemon=True)
            self._thread.start()

    def _feed(self) -> None:
        try:
            for outcome in self._outcomes:
                self._queue.put(outcome)
                if self._stop.is_set():
                    break
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            self._queue.put(_Raised(exc))
        finally:
            close = getattr(self._outcomes, "close", None)
            if close is not None:
                close()  # a generator's cleanup (stopping busy workers) runs here, in its own thread
            self._queue.put(_END)

    def take(self, count: int) -> Iterator[ParseOutcome]:
        """Yield the next ``count`` outcomes (fewer at the end), each as soon as it is ready."""
        for _ in range(count):
            if self._thread is None:
                outcome = next(self._outcomes, None)
                if outcome is None:
                    return
                yield outcome
                continue
            item = self._queue.get()
            if item is _END:
                self._queue.put(_END)
                return
            if isinstance(item, _Raised):
                raise item.exc
            yield item

    def close(self, wait_seconds: float = 30.0) -> None:
        """Stop feeding (after the files in flight) and wait for the feeder to finish."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(wait_seconds)


def parse_socket(settings: Settings) -> Path | None:
    """Where the workspace's warm parse service listens (``HOTLIST_PARSE_SERVICE``), or None when it is off."""
    from hotlist.flows.parse_service import socket_path

    return socket_path(settings.prefect_home) if settings.parse_service else None


def start_workers(settings: Settings) -> None:
    """Start the forkserver's preload now, without waiting for it, when files will be parsed here.

    The preload (spaCy, the taxonomy, the English model) takes a second or two of
    one core; called before a flow starts, it runs while Prefect creates the flow
    run and the files are hashed.  Workers are still forked on first use.  Nothing
    happens without local workers (``HOTLIST_PARSE_WORKERS=0``, or a Dask cluster), nor
    when the workspace's warm parse service answers (``hotlist.flows.parse_service``).
    """
    if settings.parse_workers <= 0 or settings.dask_address:
        return
    socket = parse_socket(settings)
    if socket is not None and not _pools:
        from hotlist.flows.parse_service import answers

        if answers(socket):
            return  # the workspace's warm parse service will parse: no preload here
    _pool(settings.parse_workers, settings.parse_memory_mb)
    from multiprocessing import forkserver

    forkserver.ensure_running()


def read_isolated(path: Path, *, max_bytes: int | None, timeout: float, memory_mb: int) -> DocumentText:
    """The text of one document (a job description), read on the worker pool with its time and memory limits.

    Raises ``UnreadableDocument`` with the reason, as :func:`hotlist.pipeline.read.documents.read_document` does.
    """
    from hotlist.pipeline.read.documents import DocumentText
    from hotlist.pipeline.errors import UnreadableDocument

    (result,) = parse_isolated([str(path)], default_region="", max_bytes=max_bytes, timeout=timeout,
                               memory_mb=memory_mb, workers=1, mode="text")
    if isinstance(result, DocumentText):
        return result
    raise UnreadableDocument(result.reason)


def parse_isolated(
    paths: list[str], *, default_region: str, max_bytes: int | None, timeout: float, memory_mb: int, workers: int,
    mode: str = "resume", margin_months: int = 12, service: Path | None = None,
) -> Iterator[ParseOutcome]:
    """Parse ``paths`` on the worker pool; yields outcomes in the order of ``paths``.

    ``mode="text"`` only reads each document (yielding its ``DocumentText``, or a quarantine outcome).
    With ``service`` (:func:`parse_socket`), the workspace's warm parse service parses them with the
    same limits when it answers and this process has no workers of its own yet; else (or for the
    files left when it stops answering part-way) they are parsed here.
    """
    options = dict(default_region=default_region, max_bytes=max_bytes, timeout=timeout, memory_mb=memory_mb,
                   workers=workers, mode=mode, margin_months=margin_months)
    if service is not None and not _pools:
        from hotlist.flows.parse_service import ServiceLost, request

        remote = request(service, paths, **options)
        if remote is not None:
            done = 0
            try:
                for outcome in remote:
                    yield outcome
                    done += 1
            except ServiceLost:
                paths = paths[done:]
            else:
                return
            finally:
                remote.close()
    yield from _parse_here(paths, **options)


def _parse_here(
    paths: list[str], *, default_region: str, max_bytes: int | None, timeout: float, memory_mb: int, workers: int,
    mode: str, margin_months: int,
) -> Iterator[ParseOutcome]:
    pool = _pool(workers, memory_mb)
    pending = list(enumerate(paths))
    retried: set[int] = set()
    running: dict[Connection, tuple[int, _Worker, float]] = {}
    results: dict[int, ParseOutcome] = {}
    try:
        next_out = 0
        while pending or running:
            while pending:
                worker = pool.take(block=not running)
                if worker is None:
                    break
                index, path = pending.pop(0)
                try:
                    worker.conn.send((path, default_region, max_bytes, mode, margin_months))
                except (OSError, ValueError):
                    worker.stop(kill=True)
                    pool.give_back(None)
                    pending.insert(0, (index, path))
                    continue
                running[worker.conn] = (index, worker, time.monotonic())
            ready = wait(list(running), timeout=0.1)
            now = time.monotonic()
            for conn in list(running):
                index, worker, started = running[conn]
                outcome: ParseOutcome | None = None
                keep_worker = True
                if conn in ready:
                    try:
                        outcome, fatal = conn.recv()
                        keep_worker = not fatal
                    except (EOFError, OSError):
                        worker.process.join(5)
                        outcome = _failed(paths[index], _death_reason(worker.process.exitcode, memory_mb))
                        keep_worker = False
                elif now - started > timeout:
                    outcome = _failed(paths[index], f"took longer than {timeout:g} s to read (a damaged or hostile "
                                                    "file): ask for a fresh copy")
                    keep_worker = False
                    worker.process.kill()
                else:
                    continue
                del running[conn]
                failed_on_used_worker = not keep_worker and worker.parsed > 0 and index not in retried
                if keep_worker:
                    worker.parsed += 1
                    pool.give_back(worker)
                else:
                    worker.stop(kill=True)
                    pool.give_back(None)
                if failed_on_used_worker and "took longer" not in (outcome.reason or ""):
                    retried.add(index)  # maybe the worker, not the file: try once more on a fresh one
                    pending.insert(0, (index, paths[index]))
                    continue
                results[index] = outcome
            while next_out in results:
                yield results.pop(next_out)
                next_out += 1
    finally:
        # Abandoned part-way (the consumer stopped early): busy workers are stopped, their slots freed.
        for _index, worker, _started in running.values():
            worker.stop(kill=True)
            pool.give_back(None)


def _death_reason(exitcode: int | None, memory_mb: int) -> str:
    if exitcode is not None and exitcode < 0:
        return (f"the reader was stopped (signal {-exitcode}), most likely for needing more than {memory_mb} MB "
                "of memory (a damaged or hostile file): ask for a fresh copy")
    return f"the reader crashed (exit code {exitcode}): ask for a fresh copy"
