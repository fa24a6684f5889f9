"""Nightly flow: sweep the inbox, reload hot jobs, rank everyone, write call lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, task

from hotlist.flows.export import export
from hotlist.flows.ingest import IngestSummary, ingest_with_runner
from hotlist.flows.match import match
from hotlist.flows.reparse import ReparseSummary, reparse
from hotlist.flows.resources import resolve_skill
from hotlist.settings import get_settings
from hotlist.models.db import session_scope
from hotlist.models.reparse import count_behind
from hotlist.models.jobs import upsert_jobs
from hotlist.pipeline.jobs.hot_job import load_jobs


@dataclass
class NightlySummary:
    ingest: IngestSummary
    jobs_imported: list[str] = field(default_factory=list)
    ranked: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    documents_behind: int = 0  # documents an older parser read, before any reparse below
    reparse: ReparseSummary | None = None  # HOTLIST_REPARSE_ON_UPGRADE: what re-parsing them did


@task(name="import-jobs")
def import_jobs(jobs_dir: str, database_url: str) -> list[str]:
    """Load every job YAML in ``jobs_dir`` into the database (a missing folder imports nothing)."""
    path = Path(jobs_dir)
    if not path.exists():
        return []
    jobs = load_jobs(path)
    with session_scope(database_url) as session:
        return upsert_jobs(session, jobs, resolve_skill, source=str(path))


@flow(name="nightly", flow_run_name="nightly")
def nightly(
    inbox: str | None = None,
    jobs_dir: str | None = None,
    out_dir: str | None = None,
    formats: list[str] | None = None,
    progress: bool = False,
    full: bool = False,
) -> NightlySummary:
    """Ingest the inbox, import jobs, match every open job, export call lists.

    With no ``inbox`` argument the configured inbox is swept in inbox mode
    (unreadable files are moved to quarantine); a folder given explicitly is only read.
    """
    settings = get_settings()
    inbox_path = inbox or str(settings.inbox_dir)
    Path(inbox_path).mkdir(parents=True, exist_ok=True)
    imported = import_jobs(jobs_dir or str(settings.jobs_path), settings.db_url)
    summary = ingest_with_runner([inbox_path], label="inbox", progress=progress, inbox=inbox is None)
    behind, reparsed = reparse_after_upgrade(settings.reparse_on_upgrade, progress)
    ranked = match(full=full)
    files = export(out_dir=out_dir, formats=formats, dated=True)
    return NightlySummary(ingest=summary, jobs_imported=imported, ranked=ranked, files=files, documents_behind=behind,
                          reparse=reparsed)


@task(name="reparse-after-upgrade")
def reparse_after_upgrade(enabled: bool, progress: bool) -> tuple[int, ReparseSummary | None]:
    """How many documents an older parser read; with ``enabled``, re-parse them (before matching re-ranks)."""
    settings = get_settings()
    with session_scope(settings.db_url) as session:
        behind = count_behind(session)
    if not behind or not enabled:
        return behind, None
    return behind, reparse(settings, progress=progress)
