"""Export flow: write a CSV and/or XLSX call list per job from the latest match run, hottest job first.

Each export is recorded (who was listed, where), so the next one can say what
changed: the ``change`` column, the XLSX "Changes" sheet, and ``hotlist export``'s summary.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from prefect import flow, task
from prefect.runtime import flow_run

from hotlist.settings import get_settings
from hotlist.models.db import session_scope
from hotlist.models.followups import load_followups
from hotlist.models.ranking_io import CallList, build_call_list
from hotlist.models.jobs import get_job, list_jobs
from hotlist.models.outcomes import import_outcomes
from hotlist.models.runs import save_call_list_export
from hotlist.pipeline.calls.file_names import dated_name, kept_name, latest_name
from hotlist.pipeline.errors import HotlistError
from hotlist.pipeline.calls.export import write_call_list_csv, write_call_list_xlsx
from hotlist.pipeline.calls.outcomes import read_outcome_file

FORMATS = ("csv", "xlsx")


class ExportFiles(list):
    """The call-list files written (stable names), plus what was done with recruiter input found in the old ones.

    ``imported``: a line per old file whose typed-in outcomes were recorded before it was overwritten;
    ``kept``: a line per old file that could not be imported and was kept beside the new one (and where);
    ``dated``: the nightly's dated copies.
    """

    def __init__(self, paths=(), imported=(), kept=(), dated=()):
        super().__init__(paths)
        self.imported, self.kept, self.dated = list(imported), list(kept), list(dated)


@task(name="import-typed-outcomes")
def import_typed_outcomes(database_url: str, targets: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Before call-list files are written over: record the outcomes and notes typed into them.

    ``targets``: (path, job id) of each file about to be written. The rules are those of
    ``hotlist outcomes import`` (rows imported before count once; one bad row and nothing of that
    file is recorded). A file that cannot be imported is moved aside, kept beside the new one.
    """
    imported, kept = [], []
    for path_text, job_id in targets:
        path = Path(path_text)
        if not path.is_file():
            continue
        try:
            entries = read_outcome_file(path, job_id=job_id)
            if not entries:
                continue
            with session_scope(database_url) as session:
                result = import_outcomes(session, entries, source=f"import:{path.name}")
        except (HotlistError, OSError, ValueError, KeyError) as exc:
            aside = kept_name(path, datetime.now(), exists=Path.exists)
            os.replace(path, aside)
            kept.append(f"{path.name}: typed-in outcomes not imported ({exc}); the old file is kept as {aside}")
            continue
        if result.recorded:
            imported.append(f"{path.name}: recorded {result.recorded} outcome(s) typed in before it was overwritten")
    return imported, kept


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


@task(name="load-followups")
def load_job_followups(database_url: str, job_ids: list[str]) -> dict[str, list]:
    """Each job's follow-ups (call-backs about it or about no job)."""
    with session_scope(database_url) as session:
        every = load_followups(session)
    return {job_id: [f for f in every if f.job_id in (job_id, None)] for job_id in job_ids}


@task(name="write-files")
def write_files(lists: list[CallList], out_dir: str, formats: list[str], day: date | None = None,
                followups: dict | None = None) -> list[str]:
    """Write each list under its stable name (and, with ``day``, a dated copy); returns every path written.

    ``followups``: job id -> its follow-ups (the XLSX's "Follow-ups" sheet)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = []
    for call_list in lists:
        names = [lambda fmt, j=call_list.job_id: latest_name(out, j, fmt)]
        if day is not None:
            names.append(lambda fmt, j=call_list.job_id: dated_name(out, j, fmt, day))
        for name in names:
            if "csv" in formats:
                written.append(str(write_call_list_csv(call_list.rows, name("csv"))))
            if "xlsx" in formats:
                written.append(str(write_call_list_xlsx(
                    call_list.rows, name("xlsx"), title=call_list.title,
                    changes=call_list.changes, gone_names=call_list.gone_names,
                    followups=(followups or {}).get(call_list.job_id, []),
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
def export(
    out_dir: str | None = None, formats: list[str] | None = None, job_id: str | None = None, dated: bool = False
) -> ExportFiles:
    """Write call lists, hottest job first; returns the paths written under their stable names.

    Outcomes typed into the files about to be overwritten are recorded first (see
    :func:`import_typed_outcomes`). ``dated``: also write ``<job-id>-YYYY-MM-DD`` copies (the nightly).
    """
    settings = get_settings()
    formats = list(formats or FORMATS)
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown export format {sorted(unknown)}: use csv or xlsx")
    out = Path(out_dir or str(settings.exports_path))
    day = date.today() if dated else None
    with session_scope(settings.db_url) as session:
        job_ids = [get_job(session, job_id).id] if job_id else [j.id for j in list_jobs(session, open_only=True)]
    targets = [(str(latest_name(out, j, fmt)), j) for j in job_ids for fmt in formats]
    if day is not None:
        targets += [(str(dated_name(out, j, fmt, day)), j) for j in job_ids for fmt in formats]
    imported, kept = import_typed_outcomes(settings.db_url, targets)
    lists = build_call_lists(
        settings.db_url, job_id, settings.contact_cooldown_days, settings.call_list_size, settings.cooldown_action
    )
    written = write_files(lists, str(out), formats, day, load_job_followups(settings.db_url, [c.job_id for c in lists]))
    record_exports(settings.db_url, lists)
    stable = {str(latest_name(out, c.job_id, fmt)) for c in lists for fmt in formats}
    return ExportFiles([p for p in written if p in stable], imported, kept, [p for p in written if p not in stable])
