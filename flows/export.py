"""Export flow: write a CSV and/or XLSX call list per job from the latest match run, hottest job first.

Each export is recorded (who was listed, where), so the next one can say what
changed: the ``change`` column, the XLSX "Changes" sheet, and ``hotlist export``'s summary.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.runtime import flow_run

from hotlist.settings import get_settings
from hotlist.models.db import session_scope
from hotlist.models.ranking_io import CallList, build_call_list
from hotlist.models.store import get_job, list_jobs, save_call_list_export
from hotlist.pipeline.export import write_call_list_csv, write_call_list_xlsx

FORMATS = ("csv", "xlsx")


@task(name="build-call-lists")
def build_call_lists(
    database_url: str, job_id: str | None, cooldown_days: int, limit: int, cooldown_action: str = "omit"
) -> list[CallList]:
    """One call list per open job (or ``job_id``), hottest job first (urgency, then id)."""
    with session_scope(database_url) as session:
        jobs = [get_job(session, job_id)] if job_id else list_jobs(session, open_only=True)
        return [
            build_call_list(session, job.id, cooldown_days=cooldown_days, limit=limit, cooldown_action=cooldown_action)
            for job in jobs
        ]


@task(name="write-files")
def write_files(lists: list[CallList], out_dir: str, formats: list[str]) -> list[str]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = []
    for call_list in lists:
        if "csv" in formats:
            written.append(str(write_call_list_csv(call_list.rows, out / f"{call_list.job_id}.csv")))
        if "xlsx" in formats:
            written.append(str(write_call_list_xlsx(
                call_list.rows, out / f"{call_list.job_id}.xlsx", title=call_list.title,
                changes=call_list.changes, gone_names=call_list.gone_names,
            )))
    return written


@task(name="record-exports")
def record_exports(database_url: str, lists: list[CallList]) -> None:
    """Remember each list as exported: the next export compares with it."""
    with session_scope(database_url) as session:
        for call_list in lists:
            save_call_list_export(
                session, call_list.job_id, [(r.candidate_id, r.rank) for r in call_list.rows],
                call_list.changes.to_dict(), run_id=call_list.run_id,
            )


def _run_name() -> str:
    return f"export-{flow_run.parameters.get('job_id') or 'open-jobs'}"


@flow(name="export", flow_run_name=_run_name)
def export(out_dir: str | None = None, formats: list[str] | None = None, job_id: str | None = None) -> list[str]:
    """Write call lists, hottest job first; returns the paths written."""
    settings = get_settings()
    formats = list(formats or FORMATS)
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown export format {sorted(unknown)}: use csv or xlsx")
    lists = build_call_lists(
        settings.db_url, job_id, settings.contact_cooldown_days, settings.call_list_size, settings.cooldown_action
    )
    written = write_files(lists, out_dir or str(settings.exports_path), formats)
    record_exports(settings.db_url, lists)
    return written
