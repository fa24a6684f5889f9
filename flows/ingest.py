"""Ingest flow: files and folders -> parsed candidates in the database; bad files quarantined.

Prefect keeps what it is told (flow-run names and parameters, task-run names, log lines) in its own
database, which an erasure cannot reach. So the files of a run travel as an opaque batch key
(:func:`hold_batch`), never as names or paths, and log lines name a file only by a hash prefix.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from hotlist.flows.progress import ProgressBar
from hotlist.flows.runtime import command_runs, owner_only
from hotlist.flows.isolation import ParseStream, parse_isolated, parse_socket, start_workers
from hotlist.models.db import session_scope
from hotlist.errors import UnknownBatch
from hotlist.models.candidates import StoreResult, known_hashes, store_parsed_file
from hotlist.models.privacy import erased_among
from hotlist.pipeline.read.documents import sha256_of
from hotlist.pipeline.calls.erasure import ERASED_REASON
from hotlist.pipeline.read.files import collect_files, links_outside
from hotlist.pipeline.read.ingest_plan import disposition, plan_ingest, still_arriving
from hotlist.pipeline.read.quarantine import discard, move_processed, quarantine_file
from hotlist.settings import get_settings

if TYPE_CHECKING:  # spaCy comes with it: the parse workers load it, this process only when it parses itself
    from hotlist.pipeline.parse.resume import ParseOutcome


@dataclass
class IngestSummary:
    """Counts of what one ingest did, and the per-file results."""

    added: int = 0
    updated: int = 0
    duplicate: int = 0
    quarantined: int = 0
    needs_review: int = 0
    skipped: int = 0
    waiting: int = 0
    suppressed: int = 0  # resumes of people erased after asking never to be called (stored without personal data)
    erased: int = 0  # files whose content was erased on request: refused unread, removed from the inbox
    results: list[StoreResult] = field(default_factory=list)

    def count(self, result: StoreResult) -> None:
        self.results.append(result)
        if result.action == "added":
            self.added += 1
        elif result.action == "updated":
            self.updated += 1
        elif result.action == "duplicate":
            self.duplicate += 1
        elif result.action == "quarantined":
            self.quarantined += 1
        elif result.action == "waiting":
            self.waiting += 1
        elif result.action == "suppressed":
            self.suppressed += 1
        elif result.action == "erased":
            self.erased += 1
        if result.action in {"added", "updated"} and result.reason:
            self.needs_review += 1


@task(name="hash-files")
def hash_files(paths: list[str]) -> dict[str, str]:
    """sha256 of each readable file (unreadable files are left to the parser to report)."""
    hashes = {}
    for path in paths:
        try:
            hashes[path] = sha256_of(Path(path))
        except OSError:
            continue
    return hashes


@task(name="find-known")
def find_known(hashes: list[str], database_url: str) -> set[str]:
    with session_scope(database_url) as session:
        return known_hashes(session, hashes)


@task(name="find-erased")
def find_erased(hashes: list[str], database_url: str) -> set[str]:
    """The hashes whose content was erased on request (checked against the salted erasure record)."""
    with session_scope(database_url) as session:
        return erased_among(session, hashes)


@task(name="parse-batch", task_run_name="parse-batch-{index}")
def parse_batch(paths: list[str], index: int, default_region: str, max_bytes: int) -> list[ParseOutcome]:
    """Parse a batch of resumes on a Dask worker, in the worker itself (the distributed path).

    Tens of files per task: Prefect's per-task cost is ~50 ms.  Locally, files are
    parsed on the isolated worker pool instead (``ingest_batch``).
    """
    from hotlist.flows.resources import skill_nlp
    from hotlist.pipeline.parse.resume import parse_file

    nlp = skill_nlp()
    margin = get_settings().as_of_margin_months
    return [parse_file(Path(p), skill_nlp=nlp, default_region=default_region, max_bytes=max_bytes, margin_months=margin)
            for p in paths]


@task(name="ingest-batch", task_run_name="ingest-batch-{index}", cache_policy=NO_CACHE)
def ingest_batch(stream: ParseStream, count: int, index: int, database_url: str, quarantine_dir: str,
                 processed_dir: str | None, move_quarantined: bool,
                 advance: Callable[[int], None] | None = None, grace: float = 0.0) -> list[StoreResult]:
    """Take the next ``count`` parsed files from ``stream``; store and file away each as soon as it is parsed.

    Locally the workers keep parsing the files after this batch meanwhile
    (``ParseStream``), so storing overlaps parsing; on Dask, ``stream`` holds a batch
    parsed there.  Unreadable files are quarantined (copied, or moved for the inbox)
    with their reason; with ``processed_dir`` stored inbox files move there.
    ``advance(1)`` is called after each file (the progress bar).
    """
    results = []
    for outcome in stream.take(count):
        source = Path(outcome.path)
        if still_arriving(outcome.status, inbox=move_quarantined, modified_ago=_modified_ago(source), grace=grace):
            results.append(StoreResult(outcome.filename, "waiting", reason=outcome.reason))
            if advance is not None:
                advance(1)
            continue
        result = store_parsed_file(database_url, outcome)
        where = disposition(result.action, inbox=move_quarantined, move_processed=processed_dir is not None)
        if where == "quarantine":
            quarantine_file(source, outcome.sha256, outcome.reason or "unreadable", Path(quarantine_dir),
                            move=move_quarantined)
            # Prefect keeps its logs: the file is named by its quarantine prefix, never by its name.
            get_run_logger().warning("quarantined %s-*: %s", (outcome.sha256 or "nohash")[:12], outcome.reason)
        elif where == "processed":
            move_processed(source, Path(processed_dir))
        elif where == "remove":
            discard(source)
        results.append(result)
        if advance is not None:
            advance(1)
    return results


def _modified_ago(path: Path) -> float | None:
    try:
        return time.time() - path.lstat().st_mtime
    except OSError:
        return None


def _ingest_run_name() -> str:
    from prefect.runtime import flow_run

    return f"ingest-{flow_run.parameters.get('label') or 'files'}"


# Batches of paths waiting for their flow run, by key: held in this process only, so no file name is written anywhere.
_BATCHES: dict[str, list[str]] = {}


def hold_batch(paths: list[str]) -> str:
    """Keep ``paths`` for an ``ingest`` run in this process; return the opaque key to pass as ``batch``."""
    key = f"batch-{secrets.token_hex(8)}"
    _BATCHES[key] = [str(p) for p in paths]
    return key


def _take_batch(key: str) -> list[str]:
    try:
        return _BATCHES.pop(key)
    except KeyError:
        raise UnknownBatch(f"no batch {key} in this process: batches of files are not kept between processes; "
                           "run `hotlist ingest PATH` again") from None


@flow(name="ingest", flow_run_name=_ingest_run_name)
def ingest(paths: list[str] | None = None, label: str = "files", progress: bool = False, inbox: bool = False,
           isolate: bool = True, distributed: bool = False, batch: str | None = None) -> IngestSummary:
    """Parse and store every resume under ``paths``; idempotent by file sha256.

    Hotlist's own callers pass ``batch`` (a key from :func:`hold_batch`, see ``ingest_with_runner``), so
    Prefect records no file name or path; ``paths`` is for folders such as the inbox (the scheduled sweep).
    ``label`` names the run (``ingest-<label>``): a fixed word, never a file name. Files whose content was
    erased on request are refused unread and, from the inbox, removed.
    ``inbox=True`` (the watcher and the sweep): unreadable files are moved to the
    quarantine folder rather than copied, and with ``HOTLIST_AFTER_INGEST=move``
    processed files go to ``<inbox>/processed/``.  ``distributed=True`` (a Dask task
    runner): parse batches are submitted to the runner's workers instead of the
    local worker pool.
    """
    logger = get_run_logger()
    settings = get_settings()
    paths = _take_batch(batch) if batch is not None else list(paths or [])
    owner_only()  # quarantine copies and the database are readable by their owner only
    files, skipped = collect_files([Path(p) for p in paths], exclude=_workspace_folders(settings))
    summary = IngestSummary(skipped=len(skipped))
    # Links pointing out of the folder they were found in are refused unread (never hashed or parsed).
    refused = links_outside(files, [Path(p) for p in paths])
    readable = [str(f) for f in files if f not in refused]
    hashes = hash_files(readable)
    shas = list(hashes.values())
    plan = plan_ingest(readable, hashes, find_known(shas, settings.db_url), refused,
                       erased=find_erased(shas, settings.db_url))
    move_to_processed = settings.after_ingest == "move"
    processed_dir = str(settings.inbox_dir / "processed") if inbox and move_to_processed else None
    for path in plan.erased:
        summary.count(StoreResult("", "erased", reason=ERASED_REASON))
        if disposition("erased", inbox=inbox or _in_inbox(path, settings), move_processed=False) == "remove":
            discard(Path(path))  # keeping the file would keep the person's data
    if plan.erased:
        logger.warning("refused %d file(s): %s", len(plan.erased), ERASED_REASON)
    for path in plan.duplicates:
        summary.count(StoreResult(Path(path).name, "duplicate"))
        if disposition("duplicate", inbox=inbox, move_processed=move_to_processed) == "processed":
            move_processed(Path(path), settings.inbox_dir / "processed")
    todo, refusals = plan.parse, plan.refused
    size = settings.batch_size
    max_bytes = int(settings.max_file_mb * 1e6)
    with ProgressBar(progress, len(todo) + len(refusals)) as advance:
        def store(stream: ParseStream, count: int, index: int) -> None:
            for result in ingest_batch(stream, count, index, settings.db_url, str(settings.quarantine_path),
                                       processed_dir, inbox, advance, settings.arrival_grace_seconds):
                summary.count(result)

        first = 0
        if refusals:
            store(ParseStream(iter(refusals), background=False), len(refusals), 0)
            first = 1
        if distributed:
            # Parse batches fan out to the task runner's workers (Dask); storing stays here, in order.
            batches = [todo[i : i + size] for i in range(0, len(todo), size)]
            futures = [parse_batch.submit(batch, i, settings.default_region, max_bytes) for i, batch in enumerate(batches)]
            for index, (batch, future) in enumerate(zip(batches, futures, strict=True), start=first):
                store(ParseStream(iter(future.result()), background=False), len(batch), index)
            return summary
        stream = _parse_stream(todo, settings, max_bytes, isolate)
        try:
            for index, start in enumerate(range(0, len(todo), size), start=first):
                store(stream, min(size, len(todo) - start), index)
        finally:
            stream.close()
    return summary


def _parse_stream(todo: list[str], settings, max_bytes: int, isolate: bool) -> ParseStream:
    """Parse ``todo`` on the isolated worker pool, in the background (or in this thread without isolation)."""
    if isolate and settings.parse_workers > 0:
        outcomes = parse_isolated(todo, default_region=settings.default_region, max_bytes=max_bytes,
                                  margin_months=settings.as_of_margin_months,
                                  timeout=settings.parse_timeout_seconds, memory_mb=settings.parse_memory_mb,
                                  workers=settings.parse_workers, service=parse_socket(settings))
        return ParseStream(outcomes, background=True)
    from hotlist.flows.resources import skill_nlp
    from hotlist.pipeline.parse.resume import parse_file

    nlp = skill_nlp() if todo else None
    return ParseStream((parse_file(Path(p), skill_nlp=nlp, default_region=settings.default_region, max_bytes=max_bytes,
                                   margin_months=settings.as_of_margin_months)
                        for p in todo), background=False)


def _in_inbox(path: str, settings) -> bool:
    return Path(path).absolute().is_relative_to(settings.inbox_dir.absolute())


def _workspace_folders(settings) -> list[Path]:
    """Folders inside the inbox that hold Hotlist's own output, never resumes to ingest."""
    return [settings.quarantine_path, settings.inbox_dir / "processed", settings.exports_path]


def ingest_with_runner(paths: list[str], **kwargs) -> IngestSummary:
    """Run ``ingest`` on a Dask cluster when ``HOTLIST_DASK_ADDRESS`` is set, else in-process."""
    settings = get_settings()
    batch = hold_batch(paths)  # Prefect records the key, not the names
    try:
        if not settings.dask_address:
            if kwargs.get("isolate", True):
                start_workers(settings)  # the preload runs while Prefect starts the flow run
            with command_runs():
                return ingest(batch=batch, **kwargs)
        from prefect_dask import DaskTaskRunner

        runner = DaskTaskRunner(address=settings.dask_address)
        # Dask workers are the isolation and the parallelism there.
        with command_runs():
            return ingest.with_options(task_runner=runner)(batch=batch, isolate=False, distributed=True, **kwargs)
    finally:
        _BATCHES.pop(batch, None)  # a run that failed before taking it

