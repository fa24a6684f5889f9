"""Ingest flow: files and folders -> parsed candidates in the database; bad files quarantined."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task

from hotlist.resources import skill_nlp
from hotlist.settings import get_settings
from models.db import session_scope
from models.store import StoreResult, known_hashes, store_outcome
from pipeline.documents import sha256_of
from pipeline.files import collect_files
from pipeline.quarantine import quarantine_file
from pipeline.resume import ParseOutcome, parse_file


@dataclass
class IngestSummary:
    """Counts of what one ingest did, and the per-file results."""

    added: int = 0
    updated: int = 0
    duplicate: int = 0
    quarantined: int = 0
    needs_review: int = 0
    skipped: int = 0
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


@task(name="parse-batch", task_run_name="parse-batch-{index}")
def parse_batch(paths: list[str], index: int, default_region: str, max_bytes: int) -> list[ParseOutcome]:
    """Parse a batch of resumes (tens per task: Prefect's per-task cost is ~50 ms)."""
    nlp = skill_nlp()
    return [parse_file(Path(p), skill_nlp=nlp, default_region=default_region, max_bytes=max_bytes) for p in paths]


@task(name="store-batch", task_run_name="store-batch-{index}")
def store_batch(outcomes: list[ParseOutcome], index: int, database_url: str, quarantine_dir: str) -> list[StoreResult]:
    """Store each outcome in its own transaction; copy quarantined files aside with a reason."""
    results = []
    for outcome in outcomes:
        with session_scope(database_url) as session:
            result = store_outcome(session, outcome)
        if result.action == "quarantined":
            quarantine_file(Path(outcome.path), outcome.sha256, outcome.reason or "unreadable", Path(quarantine_dir))
        results.append(result)
    return results


@flow(name="ingest", flow_run_name="ingest-{label}")
def ingest(paths: list[str], label: str = "files", progress: bool = False) -> IngestSummary:
    """Parse and store every resume under ``paths``; idempotent by file sha256."""
    logger = get_run_logger()
    settings = get_settings()
    files, skipped = collect_files([Path(p) for p in paths])
    summary = IngestSummary(skipped=len(skipped))
    hashes = hash_files([str(f) for f in files])
    known = find_known(list(hashes.values()), settings.db_url)
    todo: list[str] = []
    seen_now: set[str] = set()
    for path in map(str, files):
        sha = hashes.get(path)
        if sha and (sha in known or sha in seen_now):
            summary.count(StoreResult(Path(path).name, "duplicate"))
            continue
        if sha:
            seen_now.add(sha)
        todo.append(path)
    batches = [todo[i : i + settings.batch_size] for i in range(0, len(todo), settings.batch_size)]
    with _progress(progress, len(todo)) as advance:
        for index, batch in enumerate(batches):
            outcomes = parse_batch(batch, index, settings.default_region, int(settings.max_file_mb * 1e6))
            for result in store_batch(outcomes, index, settings.db_url, str(settings.quarantine_path)):
                summary.count(result)
                if result.action == "quarantined":
                    logger.warning("quarantined %s: %s", result.filename, result.reason)
            advance(len(batch))
    return summary


class _progress:
    """A progress bar on stderr when asked for (the CLI asks; tests and deployments don't)."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled = enabled and total > 0
        self.total = total
        self._bar = None

    def __enter__(self):
        if not self.enabled:
            return lambda n: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
        from rich.console import Console

        self._bar = Progress(
            TextColumn("Parsing resumes"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), transient=False,
        )
        self._bar.start()
        task_id = self._bar.add_task("parse", total=self.total)
        return lambda n: self._bar.advance(task_id, n)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
