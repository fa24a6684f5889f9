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

from hotlist.pipeline.errors import HotlistError
from hotlist.pipeline.calls.outcomes import OUTCOMES

FORMATS = ("csv", "xlsx")


def _settings():
    from hotlist.settings import get_settings

    settings = get_settings()
    settings.ensure_workspace()
    return settings


def _prefect_ready(settings) -> None:
    """Set Prefect's environment for this workspace; called before a command imports a flow."""
    from hotlist.prefect_server import configure_prefect

    configure_prefect(settings)


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
    import atexit
    import gc

    from hotlist.flows.runtime import owner_only

    owner_only()  # every file Hotlist creates (database, exports, logs, quarantine) is readable by its owner only
    # Registered first, so it runs last at exit (after Prefect has sent its events and the workers have stopped):
    # the interpreter's final collection then skips the whole heap, which took 0.7-0.9 s after a flow (measured).
    atexit.register(gc.freeze)


# parse ------------------------------------------------------------------------


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line per file.")
@_friendly
def parse(files: tuple[Path, ...], as_json: bool) -> None:
    """Parse resume FILES and print what was found (writes nothing).

    Files are parsed in the same isolated workers as `ingest`, with the same time and memory limits
    (HOTLIST_PARSE_TIMEOUT_SECONDS, HOTLIST_PARSE_MEMORY_MB); HOTLIST_PARSE_WORKERS=0 parses in-process.
    """
    from hotlist.service import parse_files
    from hotlist.settings import get_settings

    outcomes = parse_files(get_settings(), files)
    for path, outcome in zip(files, outcomes):
        record = _parse_record(outcome)
        if as_json:
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        click.secho(f"{path}: {record['status']}" + (f" ({record['reason']})" if record["reason"] else ""), bold=True)
        if outcome.resume is not None:
            for key in ("name", "emails", "phones", "links", "location", "years_experience"):
                click.echo(f"  {key}: {record[key]}")
            click.echo(f"  resume date: {(record['as_of'] or '')[:7]} ({record['as_of_source']})")
            for exp in record["experience"]:
                click.echo(f"  - {exp['title']} at {exp['employer']} ({exp['start']} to {exp['end'] or 'present'})")
            click.echo(f"  skills: {', '.join(s['name'] for s in record['skills'])}")


def _parse_record(outcome) -> dict:
    record = {"file": outcome.path, "status": outcome.status, "reason": outcome.reason}
    if outcome.resume is None:
        record.update(needs_review=False, name=None, emails=[], phones=[], links=[], location=None,
                      years_experience=None, experience=[], education=[], skills=[], sections=[],
                      certifications=[], languages=[], confidence={}, quality=None, quality_flags=[],
                      as_of=None, as_of_source=None, stated_years=None, kind=outcome.kind)
        return record
    data = outcome.resume.to_dict()
    record["needs_review"] = outcome.status == "needs_review"
    record.update(
        name=data["name"], emails=data["emails"], phones=data["phones"], links=data["links"],
        location=data["location"], years_experience=data["years_experience"],
        experience=data["experience"], education=data["education"],
        skills=[{"id": s["id"], "name": s["name"], "count": s["count"], "sections": s["sections"],
                 "snippet": s["snippet"], "first_used": s.get("first_used"), "last_used": s["last_used"],
                 "years_used": s.get("years_used")} for s in data["skills"]],
        sections=data["sections"],
        certifications=data["certifications"], languages=data["languages"], confidence=data["confidence"],
        quality=data["quality"], quality_flags=data["quality_flags"], as_of=data["as_of"],
        as_of_source=data["as_of_source"], stated_years=data["stated_years"], kind=outcome.kind,
    )
    return record


# ingest -----------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_friendly
def ingest(paths: tuple[Path, ...]) -> None:
    """Parse and store resumes from files and/or folders (already-seen files are skipped)."""
    settings = _settings()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise click.ClickException(f"{path}: no such file or folder")
    from hotlist.flows.isolation import start_workers

    start_workers(settings)  # preloads while Prefect is imported
    _prefect_ready(settings)
    from hotlist.flows.ingest import ingest_with_runner

    summary = ingest_with_runner([str(p) for p in paths], label="files", progress=sys.stderr.isatty())
    _print_ingest(summary)


def _print_ingest(summary) -> None:
    click.echo(
        f"Ingested: {summary.added} added, {summary.updated} updated, {summary.duplicate} duplicate, "
        f"{summary.quarantined} quarantined" + (f", {summary.needs_review} need review" if summary.needs_review else "")
        + (f", {summary.waiting} still arriving" if summary.waiting else "")
        + (f", {summary.suppressed} suppressed (do-not-call)" if summary.suppressed else "")
        + (f", {summary.erased} erased (refused)" if summary.erased else "")
        + (f" ({summary.skipped} other files skipped)" if summary.skipped else "")
    )
    if summary.erased:  # one line naming no file: the content belongs to someone erased on request
        from hotlist.pipeline.calls.erasure import ERASED_REASON

        click.echo(f"  refused {summary.erased} file(s): {ERASED_REASON}")
    for result in summary.results:
        if result.action in ("quarantined", "suppressed"):
            click.echo(f"  {result.action} {result.filename}: {result.reason}")
        elif result.action == "waiting":
            click.echo(f"  still arriving {result.filename}: changed moments ago and not readable yet ({result.reason}); "
                       "it is read again once it stops changing")
        elif result.reason and result.action != "erased":
            click.echo(f"  needs review {result.filename}: {result.reason}")


# jobs -------------------------------------------------------------------------


@main.group()
def jobs() -> None:
    """Hot jobs: import YAML definitions, draft one from a job description, list them."""


@jobs.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@_friendly
def jobs_import(path: Path) -> None:
    """Import hot jobs from a YAML file (one job or a list) or a folder of them."""
    from hotlist.service import import_jobs

    ids = import_jobs(_settings(), path)
    click.echo(f"Imported {len(ids)} job(s): {', '.join(ids)}")


@jobs.command("add")
@click.option("--from-text", "source", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="A job description (TXT, PDF or DOCX) to draft the job from.")
@click.option("--out", "out", type=click.Path(path_type=Path, dir_okay=False), help="Write the draft YAML here (default: print it).")
@click.option("--id", "job_id", help="Job id (slug) for the draft (default: from the title).")
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@_friendly
def jobs_add(source: Path, out: Path | None, job_id: str | None, force: bool) -> None:
    """Draft a hot job (YAML) from a job description, for you to review and then `hotlist jobs import`."""
    from hotlist.pipeline.jobs.draft import draft_yaml
    from hotlist.service import draft_job
    from hotlist.settings import get_settings

    if not source.is_file():
        raise click.ClickException(f"{source}: no such file")
    if out is not None and out.exists() and not force:
        raise click.ClickException(f"{out}: already exists (use --force to overwrite)")
    draft = draft_job(get_settings(), source, job_id)
    text = draft_yaml(draft, source=source.name)
    if out is None:
        click.echo(text, nl=False)
        return
    out.write_text(text, encoding="utf-8")
    click.echo(f"Wrote draft {draft.job.id} to {out}: {len(draft.job.must_have)} must-have(s), "
               f"{len(draft.job.nice_to_have)} nice-to-have(s). Review it, then `hotlist jobs import {out}`.")
    for note in draft.notes:
        click.echo(f"  check: {note}")


@jobs.command("list")
@_friendly
def jobs_list() -> None:
    """List hot jobs, hottest first."""
    from hotlist.service import job_summaries

    rows = [[job.id, job.title, job.client or "", job.location or ("remote" if job.remote else ""),
             f"{job.min_years:g}", str(job.urgency), job.status, ", ".join(job.must_have)]
            for job in job_summaries(_settings())]
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
@click.option("--job", "job_id", help="Rank for this job only (default: every open job that needs it).")
@click.option("--full", is_flag=True, help="Re-rank every open job, even those with nothing new since their last ranking.")
@_friendly
def match(job_id: str | None, full: bool) -> None:
    """Rank candidates against the open hot jobs (only jobs with something new, unless --full)."""
    from hotlist.service import match_jobs

    settings = _settings()
    ranked = match_jobs(settings, job_id, full)
    if not ranked:
        click.echo("Nothing to re-rank: no open jobs, or nothing changed since the last ranking (--full forces it).")
    for jid, count in ranked.items():
        click.echo(f"{jid}: ranked {count} candidate(s)")
    _print_model_notes(settings)


def _print_model_notes(settings) -> None:
    """How the outcome model (when there were enough outcomes to fit one) changed the latest match."""
    from hotlist.pipeline.calls.outcomes import describe_changes
    from hotlist.service import latest_run_notes

    notes = latest_run_notes(settings)
    if not notes or "outcome_model" not in notes:
        return
    click.echo(f"Outcome model blended in at {notes['blend']:g}: {notes['outcome_model']}")
    for jid, change in notes.get("changes", {}).items():
        click.echo(f"  {jid}: {describe_changes(change)}")


@main.command()
@click.option("--format", "formats", type=click.Choice(FORMATS), multiple=True, help="csv and/or xlsx (default both).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="Folder for the files (default: workspace exports/).")
@click.option("--job", "job_id", help="Export this job only.")
@_friendly
def export(formats: tuple[str, ...], out_dir: Path | None, job_id: str | None) -> None:
    """Write a call list per job (<job-id>.csv / .xlsx) from the latest match (a list already written as it is stays)."""
    from hotlist.service import export_call_lists

    settings = _settings()
    result = export_call_lists(settings, out_dir, list(formats or FORMATS), job_id)
    _print_typed_outcomes(result.written)
    for path in result.written:
        click.echo(f"wrote {path}")
    for path in result.unchanged:
        click.echo(f"unchanged {path}")
    _print_export_changes(settings, job_id)


def _print_typed_outcomes(files) -> None:
    """What became of outcomes typed into the call lists that were just written over."""
    for line in getattr(files, "imported", []):
        click.echo(line)
    for line in getattr(files, "kept", []):
        click.echo(f"Warning: {line}")


def _print_export_changes(settings, job_id: str | None) -> None:
    """What changed on each call list since the export before this one, hottest job first."""
    from hotlist.service import export_changes

    for job in export_changes(settings, job_id):
        click.echo(f"{job.job_id} (urgency {job.urgency}): {job.changes.summary()}")


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
    from hotlist.service import check_job

    check_job(settings, job_id)


def _print_call_lists(settings, job_ids: list[str] | None, top: int, compare_with: str = "latest") -> None:
    """Each job's call list, two lines a candidate: who and how to reach them (and any change), then why."""
    from hotlist.service import call_lists

    for job in call_lists(settings, job_ids, top, compare_with):
        click.echo()
        click.secho(f"{job.job_id}: {job.title} (urgency {job.urgency}, {job.location or 'no location'})", bold=True)
        if not job.rows:
            click.echo("  (nobody to call: no ranked candidate has a must-have; run `hotlist match` after ingesting)")
        for row in job.rows:
            marks = " ".join(m for m in (row.change if row.change not in ("", "same") else "",
                                         f"cooldown until {row.cooldown_until}" if row.cooldown_until else "",
                                         f"contact: {row.contact}" if getattr(row, "contact", "") else "") if m)
            click.echo(f"  {row.rank:>2}. {row.name or '(name not found)':<22} {_display_phone(row.phone):<18} "
                       f"{row.email:<34} {row.score:.3f}" + (f"  {marks}" if marks else ""))
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
@click.option("--duplicates", is_flag=True, help="List probable duplicates (same name and employer or location) to review.")
@_friendly
def candidates(as_json: bool, duplicates: bool) -> None:
    """List stored candidates: one per person, however many resumes they sent."""
    from hotlist.service import candidates as stored_candidates

    if duplicates:
        _print_duplicates(as_json)
        return
    rows = stored_candidates(_settings())
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        click.echo("No candidates yet: add resumes with `hotlist ingest FOLDER`.")
        return
    _print_columns(
        ["id", "name", "email", "phone", "location", "years", "resume from", "status", "source file", "docs", "call"],
        [[str(r["id"]), _edited(r, "name", r["name"] or ""), _edited(r, "email", (r["emails"] or [""])[0]),
          _edited(r, "phone", (r["phones"] or [""])[0]), _edited(r, "location", r["location"] or ""),
          _edited(r, "years", "" if r["years_experience"] is None else f"{r['years_experience']:g}"),
          (r["resume_date"] or "")[:7], r["status"],
          Path(r["source_file"] or "").name, str(r["documents"]), "suppressed" if r["suppressed"] else ""]
         for r in rows],
    )
    if any(r.get("overrides") for r in rows):
        click.echo("* corrected by a recruiter (`hotlist candidate edit`): kept over every later parse")


def _edited(row: dict, field: str, shown: str) -> str:
    """A value a recruiter corrected is marked with a star."""
    return f"{shown}*" if field in (row.get("overrides") or {}) else shown


def _print_duplicates(as_json: bool) -> None:
    from hotlist.service import probable_duplicates

    pairs = probable_duplicates(_settings())
    if as_json:
        for p in pairs:
            click.echo(json.dumps({"first": p.first, "second": p.second, "why": p.why}, ensure_ascii=False))
        return
    if not pairs:
        click.echo("No probable duplicates.")
        return
    for p in pairs:
        click.echo(f"{p.first} {p.first_name} / {p.second} {p.second_name}: {p.why} "
                   f"(same person? `hotlist candidate merge {p.first} {p.second}`)")


def _outcome_word(ctx, param, value: str) -> str:
    """The canonical outcome for what was typed: the words ``outcomes import`` understands ("DNC", "hung up")."""
    from hotlist.pipeline.calls.outcomes import normalise_outcome

    try:
        result = normalise_outcome(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    if result is None:
        raise click.BadParameter(f"give one of {', '.join(OUTCOMES)}")
    return result


@main.command()
@click.argument("candidate_id", type=int)
@click.argument("job_id")
@click.argument("result", metavar="RESULT", callback=_outcome_word)
@click.option("--note", help="Free text, e.g. what they said.")
@click.option("--callback", "callback_on", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Call them back on this day (YYYY-MM-DD): they go on `hotlist followups` and the XLSX's Follow-ups sheet.")
@_friendly
def outcome(candidate_id: int, job_id: str, result: str, note: str | None, callback_on) -> None:
    """Record a call outcome (JOB_ID '-' for a call not about one job). do-not-call is permanent.

    RESULT: no-answer, left-voicemail, interested, not-interested, not-now, hung-up, do-not-call, placed,
    or the words a call list import understands ("DNC", "hung up", "voicemail", "no answer"...).
    """
    from hotlist.service import record_outcome

    day = callback_on.date() if callback_on else None
    name = record_outcome(_settings(), candidate_id, None if job_id == "-" else job_id, result, note, day)
    click.echo(f"Recorded {result} for candidate {candidate_id} ({name or 'name not found'})"
               + ("" if job_id == "-" else f" on {job_id}") + (f", call back on {day:%Y-%m-%d}" if day else ""))


@main.command()
@click.option("--job", "job_id", help="Only call-backs about this job (or about no job).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@_friendly
def followups(job_id: str | None, as_json: bool) -> None:
    """Who to call back and when: candidates recorded with `hotlist outcome ... --callback DATE`, soonest first."""
    from dataclasses import asdict

    from hotlist.service import followups as due

    rows = due(_settings(), job_id)
    if as_json:
        for row in rows:
            click.echo(json.dumps(asdict(row), ensure_ascii=False))
        return
    if not rows:
        click.echo("No follow-ups: record one with `hotlist outcome ID JOB interested --callback YYYY-MM-DD`.")
        return
    _print_columns(["call back", "id", "name", "phone", "email", "job", "outcome", "note"],
                   [[r.callback_on, str(r.candidate_id), r.name, _display_phone(r.phone), r.email, r.job_id or "-",
                     r.outcome, r.note] for r in rows])


@main.group()
def candidate() -> None:
    """One candidate: merge or unmerge people, erase personal data on request, or export it (subject access)."""


@candidate.command("erase")
@click.argument("candidate_id", type=int, required=False)
@click.option("--email", help="Erase every candidate with this email address instead of one id.")
@_friendly
def candidate_erase(candidate_id: int | None, email: str | None) -> None:
    """Erase a candidate: their record, documents, skills, matches, outcomes; every copy of their resumes in the
    workspace, their exports and call-list rows. The same files are refused if they come back."""
    from hotlist.service import erase

    if (candidate_id is None) == (email is None):
        raise click.ClickException("give a CANDIDATE_ID or --email, not both")
    report = erase(_settings(), candidate_id=candidate_id, email=email)
    click.echo(f"Erased candidate(s) {', '.join(map(str, report.candidate_ids))}: {report.documents} document(s), "
               f"{report.skills} skill(s), {report.matches} match(es), {report.outcomes} outcome(s), "
               f"{report.files} file(s), {report.rows} call-list row(s). The same documents are refused from now on.")
    for path in report.unrewritable:
        click.echo(f"  could not take their rows out of {path}: delete or fix it by hand")


@candidate.command("edit")
@click.argument("candidate_id", type=int)
@click.option("--name", help="The candidate's full name.")
@click.option("--phone", help="Phone number (with its country code, or in HOTLIST_DEFAULT_REGION).")
@click.option("--email", help="Email address.")
@click.option("--location", help="City, region or country.")
@click.option("--years", type=float, help="Years of experience.")
@_friendly
def candidate_edit(candidate_id: int, name: str | None, phone: str | None, email: str | None, location: str | None,
                   years: float | None) -> None:
    """Correct a candidate's name, phone, email, location or years: kept over every later parse (ingest, reparse).

    Each correction is recorded with who made it (HOTLIST_USER, else the OS user) and when; `candidates --json`
    shows them under "overrides". A corrected phone or email joins the person's identity and do-not-call keys.
    """
    from hotlist.service import edit_candidate

    overrides = edit_candidate(_settings(), candidate_id, name=name, phone=phone, email=email, location=location,
                               years=years)
    given = [k for k, v in (("name", name), ("phone", phone), ("email", email), ("location", location),
                            ("years", years)) if v is not None]
    shown = ", ".join(f"{k} {overrides[k]:g}" if k == "years" else f"{k} {overrides[k]}" for k in given)
    click.echo(f"Corrected candidate {candidate_id}: {shown} (kept over later parses)")


@candidate.command("merge")
@click.argument("keep", type=int)
@click.argument("other", type=int)
@_friendly
def candidate_merge(keep: int, other: int) -> None:
    """Make candidate OTHER part of KEEP: one person; every document, outcome and note is kept."""
    from hotlist.service import merge_candidates

    merge_candidates(_settings(), keep, other)
    click.echo(f"Merged candidate {other} into {keep} (undo with `hotlist candidate unmerge {other}`)")


@candidate.command("unmerge")
@click.argument("merged_id", type=int)
@_friendly
def candidate_unmerge(merged_id: int) -> None:
    """Undo a merge: candidate MERGED_ID comes back with its documents, outcomes and notes."""
    from hotlist.service import unmerge_candidate

    kept = unmerge_candidate(_settings(), merged_id)
    click.echo(f"Unmerged candidate {merged_id} from {kept}")


@candidate.command("export")
@click.argument("candidate_id", type=int)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help="JSON file to write (default: <exports>/candidate-<id>.json).")
@_friendly
def candidate_export(candidate_id: int, out: Path | None) -> None:
    """Write everything stored about a candidate as JSON (a subject access request), readable by you only."""
    from hotlist.service import export_candidate

    click.echo(f"wrote {export_candidate(_settings(), candidate_id, out)}")


@main.group()
def outcomes() -> None:
    """Call outcomes in bulk: import a call list whose outcome column you filled in."""


@outcomes.command("import")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--job", "job_id", help="Job the rows are about, when the file has no job_id column ('-': none).")
@_friendly
def outcomes_import(path: Path, job_id: str | None) -> None:
    """Record the outcome (and note) of every row of a call list CSV or XLSX; rows with no outcome are skipped."""
    from hotlist.service import import_outcomes

    result = import_outcomes(_settings(), path, job_id)
    counts = ", ".join(f"{n} {o}" for o, n in sorted(result.by_outcome.items()))
    click.echo(f"Recorded {result.recorded} outcome(s) from {path.name}" + (f": {counts}" if counts else "")
               + (f" ({result.already_imported} already imported)" if result.already_imported else ""))


# nightly -----------------------------------------------------------------------------


@main.command()
@click.option("--inbox", type=click.Path(path_type=Path), help="Folder of resumes (default: workspace inbox/).")
@click.option("--jobs", "jobs_dir", type=click.Path(path_type=Path), help="Folder of hot-job YAML (default: workspace jobs/).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="Folder for call lists (default: workspace exports/).")
@click.option("--top", default=5, show_default=True, help="Rows of each call list to print.")
@click.option("--full", is_flag=True, help="Re-rank every open job, not just those with something new.")
@_friendly
def nightly(inbox: Path | None, jobs_dir: Path | None, out_dir: Path | None, top: int, full: bool) -> None:
    """Run the nightly job now: ingest the inbox, import jobs, match, write call lists."""
    settings = _settings()
    _prefect_ready(settings)
    from hotlist.flows.nightly import nightly as nightly_flow
    from hotlist.flows.runtime import command_runs

    with command_runs():
        summary = nightly_flow(
            inbox=str(inbox) if inbox else None,
            jobs_dir=str(jobs_dir) if jobs_dir else None,
            out_dir=str(out_dir) if out_dir else None,
            progress=sys.stderr.isatty(),
            full=full,
        )
    if summary.jobs_imported:
        click.echo(f"Imported {len(summary.jobs_imported)} job(s)")
    _print_ingest(summary.ingest)
    if summary.reparse is not None:
        click.echo(f"Re-parsed {summary.reparse.reparsed} of {summary.documents_behind} document(s) an older parser "
                   f"read: {len(summary.reparse.changed_candidates)} candidate(s) changed")
    elif summary.documents_behind:
        click.echo(f"{summary.documents_behind} document(s) were read by an older parser: `hotlist reparse --all` "
                   "re-reads them (or set HOTLIST_REPARSE_ON_UPGRADE=true)")
    if summary.ranked:
        click.echo(f"Ranked candidates for {len(summary.ranked)} open job(s)")
    else:
        click.echo("Nothing changed since the last ranking: no job re-ranked (--full forces it)")
    _print_typed_outcomes(summary.files)
    if summary.files:
        dated = getattr(summary.files, "dated", [])
        click.echo(f"Wrote {len(summary.files)} call list(s) to {Path(summary.files[0]).parent}/"
                   + (f" (and dated copies, e.g. {Path(dated[0]).name})" if dated else ""))
    _print_call_lists(settings, None, top, compare_with="previous")


# service ---------------------------------------------------------------------------


def _service_logging(settings) -> None:
    """Service logs go to <home>/logs/hotlist.log and to stderr."""
    import logging

    logs = settings.home_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True, mode=0o700)
    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # not "KeyboardInterrupt caught" on Ctrl-C
    logger = logging.getLogger("hotlist")
    logger.setLevel(logging.INFO)
    logger.propagate = False  # Prefect's root handler would print every line twice
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    from hotlist.pipeline.parse.redact import RedactingFilter

    for handler in (logging.FileHandler(logs / "hotlist.log"), logging.StreamHandler()):
        handler.addFilter(RedactingFilter())  # no emails or phone numbers in logs
        handler.setFormatter(formatter)
        logger.addHandler(handler)


def _stop_on_sigterm() -> None:
    """SIGTERM (systemd, docker, kill) stops the service like Ctrl-C does."""
    import signal

    def handler(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


@main.command()
@click.argument("inbox", required=False, type=click.Path(path_type=Path, file_okay=False))
@_friendly
def watch(inbox: Path | None) -> None:
    """Watch the inbox and ingest resumes as they arrive (Ctrl-C to stop)."""
    import os
    import threading

    if inbox is not None:
        os.environ["HOTLIST_INBOX"] = str(inbox.absolute())
        from hotlist.settings import get_settings

        get_settings.cache_clear()
    settings = _settings()
    _service_logging(settings)
    _stop_on_sigterm()
    _prefect_ready(settings)
    from hotlist.serve import make_watcher

    watcher = make_watcher(settings)
    click.echo(f"Watching {settings.inbox_dir} (Ctrl-C to stop)")
    stop = threading.Event()
    try:
        watcher.run(stop)
    except KeyboardInterrupt:
        stop.set()
    click.echo(f"Stopped after {watcher.batches} batch(es)")


@main.command()
@_friendly
def serve() -> None:
    """Run Hotlist as a service: watcher, inbox sweep, the nightly schedule and the recruiter's desk (Ctrl-C to stop).

    The desk (the pages of `hotlist web`) answers on HOTLIST_WEB_HOST:HOTLIST_WEB_PORT (127.0.0.1:8765; port 0: none).

    Starts a local Prefect server in the workspace unless PREFECT_API_URL names one.
    """
    import os
    import threading

    from hotlist.prefect_server import LocalPrefectServer
    from hotlist.pipeline.rank.schedule import validate

    settings = _settings()
    validate(settings.nightly_cron, settings.timezone)
    if settings.web_port:
        from hotlist.web.app import check_host

        check_host(settings, settings.web_host)
    _service_logging(settings)
    _stop_on_sigterm()
    from hotlist.prefect_server import keep_alive, server_info

    server = None
    if "PREFECT_API_URL" not in os.environ:
        running = server_info(settings.prefect_home)
        if running is not None:  # a background server started by an earlier command: keep it alive while serving
            os.environ["PREFECT_API_URL"] = running.api_url
            keep_alive(settings.prefect_home)
        else:
            server = LocalPrefectServer(settings.prefect_home)
            click.echo("Starting the local Prefect server...")
            os.environ["PREFECT_API_URL"] = server.start()
        click.echo(f"Prefect UI at {os.environ['PREFECT_API_URL'].removesuffix('/api')}")
    _prefect_ready(settings)
    stop = threading.Event()
    try:
        from hotlist.serve import run_service

        if settings.web_port:
            click.echo(f"The recruiter's desk at http://{settings.web_host}:{settings.web_port}/")
        click.echo(f"Serving: watching {settings.inbox_dir}; nightly at '{settings.nightly_cron}' "
                   f"({settings.timezone}); sweep every {settings.sweep_minutes:g} min. Ctrl-C to stop.")
        run_service(settings, stop)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        if server is not None:
            server.stop()
        click.echo("Stopped.")


@main.group()
def server() -> None:
    """The workspace's local Prefect server (and its UI): started by the first command that runs a flow, stopped when idle."""


@server.command("start")
@_friendly
def server_start() -> None:
    """Start the workspace's background Prefect server now (or show the running one)."""
    from hotlist.prefect_server import ensure_server

    settings = _settings()
    info = ensure_server(settings)
    click.echo(f"Prefect server running: UI at {info.ui_url}, API at {info.api_url}"
               + (f" (stops after {settings.prefect_idle_minutes:g} idle minutes)" if info.owner == "background" else
                  " (owned by `hotlist serve`)"))


@server.command("stop")
@_friendly
def server_stop() -> None:
    """Stop the workspace's Prefect server (a running `hotlist serve` loses its server too)."""
    from hotlist.prefect_server import stop_server

    info = stop_server(_settings().prefect_home)
    click.echo(f"Stopped the Prefect server at {info.ui_url}" if info else "No Prefect server was running.")


@server.command("status")
@_friendly
def server_status() -> None:
    """Whether the workspace's Prefect server runs, where its UI is, and who owns it."""
    from hotlist.prefect_server import server_info

    settings = _settings()
    info = server_info(settings.prefect_home)
    if info is None:
        click.echo("No Prefect server running (the next command that runs a flow starts one).")
        return
    click.echo(f"Prefect server running (pid {info.pid}): UI at {info.ui_url}, API at {info.api_url}, "
               + ("owned by `hotlist serve`" if info.owner == "serve" else
                  f"background, stops after {settings.prefect_idle_minutes:g} idle minutes"))


@main.command()
@click.option("--all", "everyone", is_flag=True, help="Every candidate's documents behind the current parser.")
@click.option("--since", type=int, metavar="PARSER_VERSION",
              help="Only documents parsed with this parser version or later (and behind the current one).")
@click.option("--candidate", "candidate_id", type=int, help="Only this candidate's documents.")
@click.option("--dry-run", is_flag=True, help="Parse and print what would change per candidate; write nothing.")
@_friendly
def reparse(everyone: bool, since: int | None, candidate_id: int | None, dry_run: bool) -> None:
    """Re-run the current parser over stored resumes that an older parser (or taxonomy) read.

    Updates parsed fields and skills; never outcomes, notes, suppression, merges or recruiter corrections.
    Candidates that change are re-ranked by the next `hotlist match`. Stopped part-way, run it again:
    documents already at the current version are skipped.
    """
    from hotlist.service import reparse as run

    if sum((everyone, since is not None, candidate_id is not None)) != 1:
        raise click.ClickException("give one of --all, --since PARSER_VERSION or --candidate ID")
    summary = run(_settings(), candidate_id=candidate_id, since=since, dry_run=dry_run, progress=sys.stderr.isatty())
    for cid in summary.changed_candidates:
        click.echo(f"candidate {cid}:" + (" (would change)" if dry_run else ""))
        for line in summary.changes[cid].describe():
            click.echo(f"  {line}")
    for filename, why in summary.skipped:
        click.echo(f"  skipped {filename}: {why}")
    verb = "Would re-parse" if dry_run else "Re-parsed"
    click.echo(f"{verb} {summary.reparsed} of {summary.selected} document(s) behind the current parser: "
               f"{len(summary.changed_candidates)} candidate(s) " + ("would change" if dry_run else "changed")
               + (f", {len(summary.skipped)} skipped" if summary.skipped else "")
               + ("" if dry_run or not summary.changed_candidates else "; the next `hotlist match` re-ranks them"))


@main.command()
@_friendly
def status() -> None:
    """Inbox backlog, last runs, documents by status, quarantined files."""
    from hotlist.service import workspace_status

    status = workspace_status(_settings())
    server = status.prefect_server
    click.echo(f"Workspace:   {status.home}")
    click.echo(f"Service:     {'running' if server and server.owner == 'serve' else 'not running (start it with `hotlist serve`)'}")
    click.echo("Prefect UI:  " + (f"{server.ui_url} ({'owned by `hotlist serve`' if server.owner == 'serve' else 'background server'})"
                                  if server else "no server running (the next command that runs a flow starts one)"))
    click.echo(f"Inbox:       {status.inbox}: {status.inbox_files} file(s), {status.backlog} not yet ingested")
    click.echo(f"Candidates:  {status.candidates}")
    click.echo("Documents:   " + (", ".join(f"{n} {s}" for s, n in sorted(status.documents.items())) or "none"))
    click.echo(f"Last match:  {status.last_match:%Y-%m-%d %H:%M} UTC" if status.last_match else "Last match:  never")
    click.echo(f"Parser:      version {status.parser_version}, taxonomy {status.taxonomy_version}: "
               + (f"{status.documents_behind} document(s) behind (`hotlist reparse --all` re-reads them)"
                  if status.documents_behind else "every document is up to date"))
    for path, reason in status.quarantined[-10:]:
        click.echo(f"  quarantined {Path(path).name}: {reason}")


# the recruiter's desk ---------------------------------------------------------


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but localhost needs HOTLIST_WEB_TOKEN.")
@click.option("--port", type=int, help="Port to listen on (default: HOTLIST_WEB_PORT, 8765).")
@_friendly
def web(host: str, port: int | None) -> None:
    """The recruiter's desk in a browser: hot jobs, call lists with local times, one-click outcomes, reports."""
    from hotlist.web.app import check_host, serve as serve_web

    settings = _settings()
    check_host(settings, host)
    port = port or settings.web_port or 8765
    click.echo(f"Hotlist web on http://{host}:{port}/ (Ctrl-C to stop)")
    serve_web(settings, host, port)


@main.command()
@click.argument("job_id")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "pdf"]), default="md", show_default=True,
              help="Markdown, the printable HTML page /jobs/JOB_ID/report shows, or a PDF to attach to an email.")
@click.option("--out", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report here (default: print it; a PDF goes to the exports folder).")
@_friendly
def report(job_id: str, fmt: str, out: Path | None) -> None:
    """The hiring-manager update for JOB_ID: who was approached and when, each outcome and note, who is interested
    and the next step, and the status of every client-named target."""
    from hotlist.desk import job_report, report_markdown

    settings = _settings()
    found = job_report(settings, job_id)
    if fmt == "pdf":
        from hotlist.web.pdf import report_pdf

        out = out or settings.exports_path / f"{found.job['id']}-update-{found.generated:%Y-%m-%d}.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(report_pdf(found))
        click.echo(f"Wrote the hiring-manager update for {job_id} to {out}")
        return
    if fmt == "md":
        text = report_markdown(found)
    else:
        from hotlist.web.app import render

        text = render("report.html", report=found) + "\n"
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"Wrote the hiring-manager update for {job_id} to {out}")


def _add_eval() -> None:
    from hotlist.evaluation.cli import eval_group

    main.add_command(eval_group)


_add_eval()

if __name__ == "__main__":  # pragma: no cover
    main()
