"""The ``hotlist`` command: a thin edge over the flows and the pipeline.

Every command opens the workspace, calls one flow or library function and prints.
Domain errors become ``Error: ...`` with exit code 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from pipeline.errors import HotlistError
from pipeline.outcomes import OUTCOMES

FORMATS = ("csv", "xlsx")


def _settings():
    from hotlist.settings import get_settings

    settings = get_settings()
    settings.ensure_workspace()
    return settings


def _friendly(func: Callable) -> Callable:
    """Turn domain errors into ``Error: ...`` messages (exit 1)."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except HotlistError as exc:
            raise click.ClickException(str(exc)) from exc
        except FileNotFoundError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hotlist")
def main() -> None:
    """Hotlist: turn a folder of resumes into ranked call lists for your hot jobs.

    The workspace (database, inbox, exports, quarantine) is HOTLIST_HOME, ~/hotlist by default.
    """


# parse ------------------------------------------------------------------------


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line per file.")
@_friendly
def parse(files: tuple[Path, ...], as_json: bool) -> None:
    """Parse resume FILES and print what was found (writes nothing)."""
    from hotlist.resources import skill_nlp
    from hotlist.settings import get_settings
    from pipeline.resume import parse_file

    settings = get_settings()
    nlp = skill_nlp()
    for path in files:
        outcome = parse_file(path, skill_nlp=nlp, default_region=settings.default_region, max_bytes=int(settings.max_file_mb * 1e6))
        record = _parse_record(outcome)
        if as_json:
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        click.secho(f"{path}: {record['status']}" + (f" ({record['reason']})" if record["reason"] else ""), bold=True)
        if outcome.resume is not None:
            for key in ("name", "emails", "phones", "links", "location", "years_experience"):
                click.echo(f"  {key}: {record[key]}")
            for exp in record["experience"]:
                click.echo(f"  - {exp['title']} at {exp['employer']} ({exp['start']} to {exp['end'] or 'present'})")
            click.echo(f"  skills: {', '.join(s['name'] for s in record['skills'])}")


def _parse_record(outcome) -> dict:
    record = {"file": outcome.path, "status": "quarantined" if outcome.resume is None else "ok", "reason": outcome.reason}
    if outcome.resume is None:
        record.update(name=None, emails=[], phones=[], links=[], location=None, years_experience=None,
                      experience=[], education=[], skills=[])
        return record
    data = outcome.resume.to_dict()
    record["needs_review"] = outcome.status == "needs_review"
    record.update(
        name=data["name"], emails=data["emails"], phones=data["phones"], links=data["links"],
        location=data["location"], years_experience=data["years_experience"],
        experience=data["experience"], education=data["education"],
        skills=[{"id": s["id"], "name": s["name"], "count": s["count"], "sections": s["sections"],
                 "last_used": s["last_used"]} for s in data["skills"]],
        sections=data["sections"],
    )
    return record


# ingest -----------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_friendly
def ingest(paths: tuple[Path, ...]) -> None:
    """Parse and store resumes from files and/or folders (already-seen files are skipped)."""
    _settings()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise click.ClickException(f"{path}: no such file or folder")
    from flows.ingest import ingest as ingest_flow

    summary = ingest_flow([str(p) for p in paths], label=_label(paths), progress=sys.stderr.isatty())
    _print_ingest(summary)


def _label(paths) -> str:
    first = Path(paths[0]).name or "files"
    return first if len(paths) == 1 else f"{first}+{len(paths) - 1}"


def _print_ingest(summary) -> None:
    click.echo(
        f"Ingested: {summary.added} added, {summary.updated} updated, {summary.duplicate} duplicate, "
        f"{summary.quarantined} quarantined" + (f", {summary.needs_review} need review" if summary.needs_review else "")
        + (f" ({summary.skipped} other files skipped)" if summary.skipped else "")
    )
    for result in summary.results:
        if result.action == "quarantined":
            click.echo(f"  quarantined {result.filename}: {result.reason}")
        elif result.reason:
            click.echo(f"  needs review {result.filename}: {result.reason}")


# jobs -------------------------------------------------------------------------


@main.group()
def jobs() -> None:
    """Hot jobs: import YAML definitions, list them."""


@jobs.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@_friendly
def jobs_import(path: Path) -> None:
    """Import hot jobs from a YAML file (one job or a list) or a folder of them."""
    from hotlist.resources import resolve_skill
    from models.db import session_scope
    from models.store import upsert_jobs
    from pipeline.jobs import load_jobs

    settings = _settings()
    if not path.exists():
        raise click.ClickException(f"{path}: no such file or folder")
    specs = load_jobs(path)
    with session_scope(settings.db_url) as session:
        ids = upsert_jobs(session, specs, resolve_skill, source=str(path))
    click.echo(f"Imported {len(ids)} job(s): {', '.join(ids)}")


@jobs.command("list")
@_friendly
def jobs_list() -> None:
    """List hot jobs, hottest first."""
    from models.db import session_scope
    from models.store import list_jobs

    settings = _settings()
    with session_scope(settings.db_url) as session:
        jobs = list_jobs(session)
        rows = [
            [job.id, job.title, job.client or "", job.location or ("remote" if job.remote else ""),
             f"{job.min_years:g}", str(job.urgency), job.status,
             ", ".join(r.label for r in job.requirements if r.kind == "must")]
            for job in jobs
        ]
    if not rows:
        click.echo("No hot jobs yet: import some with `hotlist jobs import FILE_OR_FOLDER`.")
        return
    _print_columns(["id", "title", "client", "location", "min yrs", "urgency", "status", "must have"], rows)


def _print_columns(headers: list[str], rows: list[list[str]]) -> None:
    """Plain aligned columns (readable in any terminal width, and easy to grep)."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    for row in rows:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())


# match / export / shortlist ------------------------------------------------------


@main.command()
@click.option("--job", "job_id", help="Rank for this job only (default: every open job).")
@_friendly
def match(job_id: str | None) -> None:
    """Rank every candidate against the open hot jobs."""
    settings = _settings()
    _check_job(settings, job_id)
    from flows.match import match as match_flow

    ranked = match_flow(job_id=job_id)
    if not ranked:
        click.echo("No open jobs to match: import some with `hotlist jobs import`.")
    for jid, count in ranked.items():
        click.echo(f"{jid}: ranked {count} candidate(s)")


@main.command()
@click.option("--format", "formats", type=click.Choice(FORMATS), multiple=True, help="csv and/or xlsx (default both).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="Folder for the files (default: workspace exports/).")
@click.option("--job", "job_id", help="Export this job only.")
@_friendly
def export(formats: tuple[str, ...], out_dir: Path | None, job_id: str | None) -> None:
    """Write a call list per job (<job-id>.csv / .xlsx) from the latest match."""
    settings = _settings()
    _check_job(settings, job_id)
    from flows.export import export as export_flow

    for path in export_flow(out_dir=str(out_dir) if out_dir else None, formats=list(formats or FORMATS), job_id=job_id):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("job_id")
@click.option("--top", default=10, show_default=True, help="How many candidates to show.")
@_friendly
def shortlist(job_id: str, top: int) -> None:
    """Show a job's call list in the terminal."""
    settings = _settings()
    _check_job(settings, job_id)
    _print_call_lists(settings, [job_id], top)


def _check_job(settings, job_id: str | None) -> None:
    if job_id is None:
        return
    from models.db import session_scope
    from models.store import get_job

    with session_scope(settings.db_url) as session:
        get_job(session, job_id)


def _print_call_lists(settings, job_ids: list[str] | None, top: int) -> None:
    """Each job's call list, two lines a candidate: who and how to reach them, then why."""
    from models.db import session_scope
    from models.ranking_io import call_list_rows
    from models.store import get_job, list_jobs

    with session_scope(settings.db_url) as session:
        jobs = [get_job(session, j) for j in job_ids] if job_ids else list_jobs(session, open_only=True)
        for job in jobs:
            rows = call_list_rows(session, job.id, cooldown_days=settings.contact_cooldown_days, limit=top)
            click.echo()
            click.secho(f"{job.id}: {job.title} (urgency {job.urgency}, {job.location or 'no location'})", bold=True)
            if not rows:
                click.echo("  (nobody to call: no ranked candidate has a must-have; run `hotlist match` after ingesting)")
            for row in rows:
                click.echo(f"  {row.rank:>2}. {row.name or '(name not found)':<22} {_display_phone(row.phone):<18} "
                           f"{row.email:<34} {row.score:.3f}")
                click.echo(f"      {row.reason}")


def _display_phone(e164: str) -> str:
    """+15125550132 -> +1 512-555-0132 (the stored value stays E.164)."""
    import phonenumbers

    try:
        return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164


# candidates / outcomes -------------------------------------------------------------


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@_friendly
def candidates(as_json: bool) -> None:
    """List stored candidates."""
    from models.db import session_scope
    from models.store import list_candidates

    settings = _settings()
    with session_scope(settings.db_url) as session:
        rows = list_candidates(session)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        click.echo("No candidates yet: add resumes with `hotlist ingest FOLDER`.")
        return
    _print_columns(
        ["id", "name", "email", "phone", "location", "years", "status", "source file"],
        [[str(r["id"]), r["name"] or "", (r["emails"] or [""])[0], (r["phones"] or [""])[0], r["location"] or "",
          "" if r["years_experience"] is None else f"{r['years_experience']:g}", r["status"],
          Path(r["source_file"] or "").name] for r in rows],
    )


@main.command()
@click.argument("candidate_id", type=int)
@click.argument("job_id")
@click.argument("result", type=click.Choice(OUTCOMES))
@click.option("--note", help="Free text, e.g. what they said.")
@_friendly
def outcome(candidate_id: int, job_id: str, result: str, note: str | None) -> None:
    """Record a call outcome (JOB_ID '-' for a call not about one job). do-not-call is permanent."""
    from models.db import session_scope
    from models.store import record_outcome

    settings = _settings()
    with session_scope(settings.db_url) as session:
        record_outcome(session, candidate_id, None if job_id == "-" else job_id, result, note)
    click.echo(f"Recorded {result} for candidate {candidate_id}" + ("" if job_id == "-" else f" on {job_id}"))


# nightly -----------------------------------------------------------------------------


@main.command()
@click.option("--inbox", type=click.Path(path_type=Path), help="Folder of resumes (default: workspace inbox/).")
@click.option("--jobs", "jobs_dir", type=click.Path(path_type=Path), help="Folder of hot-job YAML (default: workspace jobs/).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="Folder for call lists (default: workspace exports/).")
@click.option("--top", default=5, show_default=True, help="Rows of each call list to print.")
@_friendly
def nightly(inbox: Path | None, jobs_dir: Path | None, out_dir: Path | None, top: int) -> None:
    """Run the nightly job now: ingest the inbox, import jobs, match, write call lists."""
    settings = _settings()
    from flows.nightly import nightly as nightly_flow

    summary = nightly_flow(
        inbox=str(inbox) if inbox else None,
        jobs_dir=str(jobs_dir) if jobs_dir else None,
        out_dir=str(out_dir) if out_dir else None,
        progress=sys.stderr.isatty(),
    )
    if summary.jobs_imported:
        click.echo(f"Imported {len(summary.jobs_imported)} job(s)")
    _print_ingest(summary.ingest)
    if summary.ranked:
        click.echo(f"Ranked candidates for {len(summary.ranked)} open job(s)")
    if summary.files:
        click.echo(f"Wrote {len(summary.files)} call list(s) to {Path(summary.files[0]).parent}/")
    _print_call_lists(settings, None, top)


def _add_eval() -> None:
    from hotlist.evaluation.cli import eval_group

    main.add_command(eval_group)


_add_eval()

if __name__ == "__main__":  # pragma: no cover
    main()
