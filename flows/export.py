"""Export flow: write a CSV and/or XLSX call list per job from the latest match run."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.runtime import flow_run

from hotlist.settings import get_settings
from models.db import session_scope
from models.ranking_io import call_list_rows
from models.store import get_job, list_jobs
from pipeline.export import CallListRow, write_call_list_csv, write_call_list_xlsx

FORMATS = ("csv", "xlsx")


@task(name="build-call-lists")
def build_call_lists(database_url: str, job_id: str | None, cooldown_days: int, limit: int) -> dict[str, tuple[str, list[CallListRow]]]:
    """job id -> (job title, rows), hottest job first."""
    with session_scope(database_url) as session:
        jobs = [get_job(session, job_id)] if job_id else list_jobs(session, open_only=True)
        return {
            job.id: (job.title, call_list_rows(session, job.id, cooldown_days=cooldown_days, limit=limit)) for job in jobs
        }


@task(name="write-files")
def write_files(lists: dict[str, tuple[str, list[CallListRow]]], out_dir: str, formats: list[str]) -> list[str]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = []
    for job_id, (title, rows) in lists.items():
        if "csv" in formats:
            written.append(str(write_call_list_csv(rows, out / f"{job_id}.csv")))
        if "xlsx" in formats:
            written.append(str(write_call_list_xlsx(rows, out / f"{job_id}.xlsx", title=title)))
    return written


def _run_name() -> str:
    return f"export-{flow_run.parameters.get('job_id') or 'open-jobs'}"


@flow(name="export", flow_run_name=_run_name)
def export(out_dir: str | None = None, formats: list[str] | None = None, job_id: str | None = None) -> list[str]:
    """Write call lists; returns the paths written."""
    settings = get_settings()
    formats = list(formats or FORMATS)
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown export format {sorted(unknown)}: use csv or xlsx")
    lists = build_call_lists(settings.db_url, job_id, settings.contact_cooldown_days, settings.call_list_size)
    return write_files(lists, out_dir or str(settings.exports_path), formats)
