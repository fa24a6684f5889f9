"""What a workspace answers: one function per command, each opening the database, calling ``models`` and returning plain data.

The CLI (and any later edge, such as a web page) calls these and only prints; nothing here prints or
imports Prefect, spaCy or scikit-learn unless the command needs them. Errors are Hotlist's domain
exceptions, turned into messages at the edge.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from hotlist.settings import Settings


# --- parsing ---------------------------------------------------------------------------------------------------------


def parse_files(settings: Settings, files: Sequence[Path]) -> Iterator:
    """Parse ``files`` without storing anything: one ``ParseOutcome`` each, in order.

    The same isolated workers and limits as ingest (``HOTLIST_PARSE_WORKERS=0``: in this process).
    """
    max_bytes = int(settings.max_file_mb * 1e6)
    if settings.parse_workers > 0:
        from hotlist.flows.isolation import parse_isolated, parse_socket

        return parse_isolated([str(p) for p in files], default_region=settings.default_region, max_bytes=max_bytes,
                              margin_months=settings.as_of_margin_months,
                              timeout=settings.parse_timeout_seconds, memory_mb=settings.parse_memory_mb,
                              workers=min(settings.parse_workers, len(files)), service=parse_socket(settings))
    from hotlist.flows.resources import skill_nlp
    from hotlist.pipeline.parse.resume import parse_file

    nlp = skill_nlp()
    return (parse_file(p, skill_nlp=nlp, default_region=settings.default_region, max_bytes=max_bytes,
                       margin_months=settings.as_of_margin_months) for p in files)


# --- jobs ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobSummary:
    """One hot job as ``hotlist jobs list`` shows it."""

    id: str
    title: str
    client: str | None
    location: str | None
    remote: bool
    min_years: float
    urgency: int
    status: str
    must_have: tuple[str, ...]


def import_jobs(settings: Settings, path: Path) -> list[str]:
    """Import the hot-job YAML at ``path`` (a file or a folder); return the job ids."""
    from hotlist.flows.resources import resolve_skill
    from hotlist.models.db import session_scope
    from hotlist.models.jobs import upsert_jobs
    from hotlist.pipeline.jobs.hot_job import load_jobs

    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    specs = load_jobs(path)
    with session_scope(settings.db_url) as session:
        return upsert_jobs(session, specs, resolve_skill, source=str(path))


def draft_job(settings: Settings, source: Path, job_id: str | None, *, name_hint: str | None = None):
    """A hot-job draft from a job description file (TXT, PDF, DOCX), read in an isolated worker with its limits.

    ``name_hint``: a title fallback (default: the file's name).
    """
    from hotlist.flows.resources import skill_nlp
    from hotlist.pipeline.jobs.draft import draft_job as draft

    max_bytes = int(settings.max_file_mb * 1e6)
    if settings.parse_workers > 0:
        from hotlist.flows.isolation import read_isolated

        document = read_isolated(source, max_bytes=max_bytes, timeout=settings.parse_timeout_seconds,
                                 memory_mb=settings.parse_memory_mb)
    else:
        from hotlist.pipeline.read.documents import read_document

        document = read_document(source, max_bytes=max_bytes)
    return draft(document.text, skill_nlp=skill_nlp(), name_hint=source.stem if name_hint is None else name_hint,
                 job_id=job_id)


MAX_PASTED_CHARS = 200_000


def draft_job_from_text(settings: Settings, text: str, job_id: str | None = None):
    """A hot-job draft from pasted job description text: :func:`draft_job` on it, in the same isolated worker
    (the text is written to a private temporary file in the workspace, removed afterwards)."""
    import tempfile

    from hotlist.pipeline.errors import UnreadableDocument

    if not text.strip():
        raise UnreadableDocument("the pasted description is empty")
    if len(text) > MAX_PASTED_CHARS:
        raise UnreadableDocument(f"the pasted description is longer than {MAX_PASTED_CHARS:,} characters")
    settings.home_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".draft-", dir=settings.home_dir) as folder:
        source = Path(folder) / "pasted.txt"
        source.write_text(text, encoding="utf-8")
        return draft_job(settings, source, job_id, name_hint="")


def save_new_job(settings: Settings, job) -> Path:
    """Store a new hot job (``pipeline.jobs.HotJob``, say a reviewed draft) and write its YAML into the jobs folder
    the nightly run imports. Raises ``JobExists`` rather than replace a stored job or a file of that name."""
    from hotlist.errors import JobExists
    from hotlist.flows.resources import resolve_skill
    from hotlist.models.db import session_scope
    from hotlist.models.jobs import job_exists, upsert_jobs
    from hotlist.pipeline.jobs.draft import JobDraft, draft_yaml

    folder = settings.jobs_path
    target = folder / f"{job.id}.yaml"
    with session_scope(settings.db_url) as session:
        if job_exists(session, job.id) or target.exists():
            raise JobExists(f"a hot job with id '{job.id}' already exists: choose another id")
        upsert_jobs(session, [job], resolve_skill, source=str(target))
        folder.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as handle:  # never over a file that appeared meanwhile
            handle.write(draft_yaml(JobDraft(job=job, language="en"), source="the desk's pasted description"))
    return target


def job_summaries(settings: Settings) -> list[JobSummary]:
    """Every hot job, hottest first."""
    from hotlist.models.db import session_scope
    from hotlist.models.jobs import list_jobs

    with session_scope(settings.db_url) as session:
        return [JobSummary(job.id, job.title, job.client, job.location, bool(job.remote), job.min_years, job.urgency,
                           job.status, tuple(r.label for r in job.requirements if r.kind == "must"))
                for job in list_jobs(session)]


def check_job(settings: Settings, job_id: str | None) -> None:
    """Raise ``UnknownJob`` unless ``job_id`` is None or names a stored job."""
    if job_id is None:
        return
    from hotlist.models.db import session_scope
    from hotlist.models.jobs import get_job

    with session_scope(settings.db_url) as session:
        get_job(session, job_id)


# --- match and export ------------------------------------------------------------------------------------------------


def match_jobs(settings: Settings, job_id: str | None, full: bool) -> dict[str, int]:
    """Run the match flow (job id -> candidates ranked); with nothing new to rank, return {} without starting Prefect.

    The check is the flow's own plan (``pipeline.incremental.plan_rescore``), read before Prefect is imported.
    """
    check_job(settings, job_id)
    if job_id is None and not full and not _rescore_plan(settings).rerank:
        return {}
    from hotlist.prefect_server import configure_prefect

    configure_prefect(settings)
    from hotlist.flows.match import match
    from hotlist.flows.runtime import command_runs

    with command_runs():
        return match(job_id=job_id, full=full)


def _rescore_plan(settings: Settings):
    from hotlist.models.db import session_scope
    from hotlist.models.runs import ranking_freshness
    from hotlist.pipeline.rank.incremental import plan_rescore

    with session_scope(settings.db_url) as session:
        job_changed, last_ranked, latest_candidate = ranking_freshness(session, with_outcomes=settings.outcome_blend > 0)
    return plan_rescore(job_changed, last_ranked, latest_candidate, full=False)


@dataclass(frozen=True)
class ExportResult:
    """What ``hotlist export`` did: files written, or files left as they were (each already held the same list)."""

    written: list[str]
    unchanged: list[str]


def export_call_lists(settings: Settings, out_dir: Path | None, formats: Sequence[str], job_id: str | None) -> ExportResult:
    """Run the export flow, unless every call list it would write is already on disk as it would be written."""
    check_job(settings, job_id)
    out = Path(out_dir) if out_dir else settings.exports_path
    unchanged = _unchanged_exports(settings, out, list(formats), job_id)
    if unchanged:
        return ExportResult([], unchanged)
    from hotlist.prefect_server import configure_prefect

    configure_prefect(settings)
    from hotlist.flows.export import export
    from hotlist.flows.runtime import command_runs

    with command_runs():
        return ExportResult(export(out_dir=str(out_dir) if out_dir else None, formats=list(formats), job_id=job_id), [])


def _unchanged_exports(settings: Settings, out: Path, formats: list[str], job_id: str | None) -> list[str]:
    """The files of the last export when exporting again would write the same lists (else [], i.e. export).

    Same list: the rebuilt rows (compared, as the last export was, with the export before it) have the
    same candidates at the same ranks as the last export, their CSV is byte for byte the file on disk, and
    an XLSX asked for exists and is not older than that CSV or the job's last change.
    """
    from hotlist.models.db import session_scope
    from hotlist.models.ranking_io import build_call_list
    from hotlist.models.jobs import get_job, list_jobs
    from hotlist.models.runs import latest_export_time, previous_export
    from hotlist.pipeline.calls.export import csv_matches

    files: list[str] = []
    with session_scope(settings.db_url) as session:
        jobs = [get_job(session, job_id)] if job_id else list_jobs(session, open_only=True)
        for job in jobs:
            last = previous_export(session, job.id)
            exported_at = latest_export_time(session, job.id)
            if last is None or exported_at is None:
                return []
            call_list = build_call_list(session, job.id, cooldown_days=settings.contact_cooldown_days,
                                        limit=settings.call_list_size, cooldown_action=settings.cooldown_action,
                                        compare_with="previous")
            csv_path, xlsx_path = out / f"{job.id}.csv", out / f"{job.id}.xlsx"
            if {r.candidate_id: r.rank for r in call_list.rows} != last or not csv_matches(call_list.rows, csv_path):
                return []
            if "xlsx" in formats:
                try:
                    stamp = xlsx_path.stat().st_mtime
                except OSError:
                    return []
                changed = job.updated_at.replace(tzinfo=job.updated_at.tzinfo or timezone.utc).timestamp() if job.updated_at else 0.0
                written = csv_path.stat().st_mtime
                # Older than the CSV: a stale file; newer: someone edited it (typed outcomes to import first).
                if stamp < written - 60 or stamp > written + 5 or stamp < changed:
                    return []
            files += [str(csv_path)] * ("csv" in formats) + [str(xlsx_path)] * ("xlsx" in formats)
    return files


def latest_run_notes(settings: Settings) -> dict[str, Any] | None:
    """The latest match run's notes (how the outcome model changed it), if any."""
    from hotlist.models.db import session_scope
    from hotlist.models.runs import latest_run_notes as notes

    with session_scope(settings.db_url) as session:
        return notes(session)


@dataclass(frozen=True)
class JobChanges:
    """What changed on one job's call list at its latest export."""

    job_id: str
    urgency: int
    changes: Any  # hotlist.pipeline.calls.export.Changes


def export_changes(settings: Settings, job_id: str | None) -> list[JobChanges]:
    """Each exported job's changes since the export before, hottest job first (``job_id``: that job only)."""
    from hotlist.models.db import session_scope
    from hotlist.models.jobs import get_job, list_jobs
    from hotlist.models.runs import latest_export_changes
    from hotlist.pipeline.calls.export import Changes

    with session_scope(settings.db_url) as session:
        jobs = [get_job(session, job_id)] if job_id else list_jobs(session, open_only=True)
        found = [(job.id, job.urgency, latest_export_changes(session, job.id)) for job in jobs]
    return [JobChanges(jid, urgency, Changes.from_dict(data)) for jid, urgency, data in found if data is not None]


@dataclass(frozen=True)
class CallList:
    """One job's call list as the terminal shows it."""

    job_id: str
    title: str
    urgency: int
    location: str | None
    rows: list  # hotlist.pipeline.calls.export.CallListRow


def call_lists(settings: Settings, job_ids: list[str] | None, top: int, compare_with: str = "latest") -> list[CallList]:
    """The top ``top`` rows of each job's call list (``job_ids`` None: every open job, hottest first)."""
    from hotlist.models.db import session_scope
    from hotlist.models.ranking_io import call_list_rows
    from hotlist.models.jobs import get_job, list_jobs

    lists = []
    with session_scope(settings.db_url) as session:
        jobs = [get_job(session, j) for j in job_ids] if job_ids else list_jobs(session, open_only=True)
        for job in jobs:
            rows = call_list_rows(session, job.id, cooldown_days=settings.contact_cooldown_days, limit=top,
                                  cooldown_action=settings.cooldown_action, compare_with=compare_with)
            lists.append(CallList(job.id, job.title, job.urgency, job.location, rows))
    return lists


# --- candidates and outcomes -----------------------------------------------------------------------------------------


def candidates(settings: Settings) -> list[dict[str, Any]]:
    """Every stored candidate as ``hotlist candidates --json`` prints it: one person each, with how many
    documents they sent and whether they are suppressed (do-not-call, or a contact on the suppression list)."""
    from hotlist.models.db import session_scope
    from hotlist.models.identity import document_counts_by_candidate, suppressed_ids, suppression_salt
    from hotlist.models.candidates import list_candidates

    from hotlist.models.overrides import override_records
    from hotlist.models.reparse import behind_by_candidate

    with session_scope(settings.db_url) as session:
        rows = list_candidates(session)
        blocked = suppressed_ids(session, suppression_salt(settings.home_dir))
        counts = document_counts_by_candidate(session)
        overrides = override_records(session)
        versions = behind_by_candidate(session)
    for row in rows:
        row["documents"] = counts.get(row["id"], 0)
        row["suppressed"] = row["id"] in blocked
        # A recruiter's corrections: field -> {"value", "by", "at"}; they win over every later parse.
        row["overrides"] = overrides.get(row["id"], {})
        row.update(versions.get(row["id"], {"parser_version": None, "taxonomy_version": None, "documents_behind": 0}))
    return rows


def edit_candidate(settings: Settings, candidate_id: int, *, name: str | None = None, phone: str | None = None,
                   email: str | None = None, location: str | None = None, years: float | None = None) -> dict[str, Any]:
    """Store a recruiter's corrections of one candidate (who: ``HOTLIST_USER`` or the OS user); returns all their overrides.

    Raises ``InvalidEdit`` for a bad phone or email, ``UnknownCandidate`` for an unknown id.
    """
    from hotlist.models.db import session_scope
    from hotlist.models.identity import refresh_suppressions, suppression_salt
    from hotlist.models.overrides import edit_candidate as store_edit
    from hotlist.pipeline.parse.overrides import validate_edit

    edit = validate_edit(name=name, phone=phone, email=email, location=location, years=years,
                         default_region=settings.default_region)
    with session_scope(settings.db_url) as session:
        overrides = store_edit(session.connection(), candidate_id, edit, settings.editor)
        refresh_suppressions(session, suppression_salt(settings.home_dir))  # a do-not-call person's new contact too
    return overrides


def reparse(settings: Settings, *, candidate_id: int | None = None, since: int | None = None, dry_run: bool = False,
            progress: bool = False):
    """Re-run the current parser over stored documents behind it (``flows.reparse.ReparseSummary``)."""
    if settings.parse_workers > 0:
        from hotlist.flows.isolation import start_workers

        start_workers(settings)
    from hotlist.flows.reparse import reparse as run

    return run(settings, candidate_id=candidate_id, since=since, dry_run=dry_run, progress=progress)


@dataclass(frozen=True)
class ProbableDuplicate:
    """Two candidates who may be one person (``hotlist candidates --duplicates``)."""

    first: int
    first_name: str
    second: int
    second_name: str
    why: str


def probable_duplicates(settings: Settings) -> list[ProbableDuplicate]:
    """Pairs with the same name and one more matching signal (employer, location): listed for review, not merged."""
    from hotlist.models.db import session_scope
    from hotlist.models.identity import duplicates, person_records

    with session_scope(settings.db_url) as session:
        names = {r.id: r.name or "" for r in person_records(session)}
        return [ProbableDuplicate(m.first, names[m.first], m.second, names[m.second], m.describe())
                for m in duplicates(session)]


def merge_candidates(settings: Settings, keep: int, other: int) -> None:
    """Make candidate ``other`` part of ``keep`` (documents, outcomes, notes, contacts move; undo with unmerge)."""
    from hotlist.models.db import session_scope
    from hotlist.models.identity import merge_candidates as merge

    with session_scope(settings.db_url) as session:
        merge(session.connection(), keep, other, source="cli")


def unmerge_candidate(settings: Settings, merged_id: int) -> int:
    """Undo the merge of ``merged_id``; returns the candidate it had been merged into."""
    from hotlist.models.db import session_scope
    from hotlist.models.identity import unmerge

    with session_scope(settings.db_url) as session:
        return unmerge(session.connection(), merged_id)


def record_outcome(settings: Settings, candidate_id: int, job_id: str | None, result: str, note: str | None,
                   callback_on: date | None = None) -> str:
    """Record one call outcome (``job_id`` None: a call not about one job); returns the candidate's name.

    ``callback_on``: call them back that day (they go on the follow-up list, ``hotlist followups``).
    """
    from hotlist.models.db import session_scope
    from hotlist.models.candidates import get_candidate
    from hotlist.models.outcomes import record_outcome as record

    with session_scope(settings.db_url) as session:
        record(session, candidate_id, job_id, result, note, callback_on=callback_on)
        return get_candidate(session, candidate_id).name or ""


def followups(settings: Settings, job_id: str | None = None) -> list:
    """Who to call back and when (``pipeline.actionable.Followup``), soonest first; never anyone suppressed."""
    from hotlist.models.db import session_scope
    from hotlist.models.followups import load_followups
    from hotlist.models.identity import suppression_salt

    with session_scope(settings.db_url) as session:
        return load_followups(session, job_id, suppression_salt(settings.home_dir))


def import_outcomes(settings: Settings, path: Path, job_id: str | None):
    """Record every filled-in outcome row of a call-list file; returns the import result (counts)."""
    from hotlist.models.db import session_scope
    from hotlist.models.outcomes import import_outcomes as record_all
    from hotlist.pipeline.calls.outcomes import read_outcome_file

    entries = read_outcome_file(path, job_id=job_id)
    with session_scope(settings.db_url) as session:
        return record_all(session, entries, source=f"import:{path.name}")


# --- status ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkspaceStatus:
    """What ``hotlist status`` reports."""

    home: Path
    prefect_server: Any  # hotlist.prefect_server.ServerInfo, or None when no local server runs
    inbox: Path
    inbox_files: int
    backlog: int
    candidates: int
    documents: dict[str, int]
    last_match: datetime | None
    quarantined: list[tuple[str, str]]
    parser_version: int = 0
    taxonomy_version: str = ""
    documents_behind: int = 0  # stored documents an older parser or another taxonomy produced: `hotlist reparse --all`


def workspace_status(settings: Settings) -> WorkspaceStatus:
    """Inbox backlog, candidates, documents by status, last match, quarantined files."""
    from hotlist.models.db import session_scope
    from hotlist.models.candidates import count_candidates, document_counts, known_hashes, quarantined_documents
    from hotlist.models.runs import last_match_time
    from hotlist.models.reparse import count_behind
    from hotlist.pipeline.read.documents import sha256_of
    from hotlist.pipeline.read.files import collect_files
    from hotlist.pipeline.versions import PARSER_VERSION, taxonomy_version
    from hotlist.prefect_server import server_info

    files, _ = collect_files([settings.inbox_dir], exclude=[settings.quarantine_path, settings.inbox_dir / "processed"])
    hashes = {}
    for path in files:
        try:
            hashes[path] = sha256_of(path)
        except OSError:
            continue
    with session_scope(settings.db_url) as session:
        known = known_hashes(session, hashes.values())
        counts = document_counts(session)
        count = count_candidates(session)
        last_match = last_match_time(session)
        quarantined = quarantined_documents(session)
        behind = count_behind(session)
    backlog = sum(1 for h in hashes.values() if h not in known)
    return WorkspaceStatus(settings.home_dir, server_info(settings.prefect_home), settings.inbox_dir, len(files),
                           backlog, count, counts, last_match, quarantined, PARSER_VERSION, taxonomy_version(), behind)


# --- personal data: erase and export on request ----------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureReport:
    """What one erase request removed."""

    candidate_ids: tuple[int, ...]
    documents: int
    skills: int
    matches: int
    outcomes: int
    files: int  # copies of their documents, quarantine notes and subject-access exports removed from the workspace
    rows: int = 0  # their rows taken out of call-list files in the exports folder
    unrewritable: tuple[str, ...] = ()  # call-list files that could not be read to take their rows out (check by hand)


def erase(settings: Settings, *, candidate_id: int | None = None, email: str | None = None) -> ErasureReport:
    """Erase one candidate by id, or every candidate with ``email``, and every copy of their data in the workspace.

    The database first (records, documents, contacts, and salted hashes of the documents' contents so the
    same bytes are refused from then on), then the files: each copy of each document wherever it lies in the
    workspace (found by sha256, whatever its name), the quarantine notes about them, their subject-access
    exports, and their rows in the call-list files of the exports folder (other rows and typed cells kept).
    """
    from hotlist.models.db import scrub, session_scope
    from hotlist.models.privacy import candidate_ids_by_email, erase_candidate, record_files_removed

    with session_scope(settings.db_url) as session:
        ids = [candidate_id] if email is None else candidate_ids_by_email(session, email)
        erased = [erase_candidate(session, cid, requested_by="email" if email else "id") for cid in ids]
    scrub(settings.db_url)
    files = 0
    with session_scope(settings.db_url) as session:
        for entry in erased:
            removed = _remove_copies(settings, entry)
            record_files_removed(session, entry.erasure_id, removed)
            files += removed
    everyone = {cid for entry in erased for cid in (entry.candidate_id, *entry.merged_ids)}
    rows, unrewritable = _drop_call_list_rows(settings.exports_path, everyone)
    return ErasureReport(tuple(ids), sum(e.documents for e in erased), sum(e.skills for e in erased),
                         sum(e.matches for e in erased), sum(e.outcomes for e in erased), files, rows,
                         tuple(unrewritable))


def _remove_copies(settings: Settings, entry) -> int:
    """Remove every workspace copy of an erased candidate's documents, the notes naming them, their exports."""
    from hotlist.pipeline.calls.erasure import find_copies, notes_naming
    from hotlist.pipeline.read.quarantine import discard, printable

    shas = {sha for _, sha, _ in entry.files if sha}
    sizes = set() if any(n is None for _, _, n in entry.files) else {n for _, _, n in entry.files}
    # The workspace: never the recruiter's own folders, never Prefect's state (no documents there).
    folders = [settings.inbox_dir, settings.quarantine_path, settings.exports_path, settings.home_dir]
    copies = find_copies(folders, shas, sizes, skip=[settings.prefect_home])
    mentions = {path for path, _, _ in entry.files} | {printable(str(c)) for c in copies}
    notes = notes_naming(settings.quarantine_path, copies, mentions, {f"{sha[:12]}-" for sha in shas})
    exports = [settings.exports_path / f"candidate-{cid}.json" for cid in (entry.candidate_id, *entry.merged_ids)]
    gone = [p for p in (*copies, *notes, *exports) if (p.is_file() or p.is_symlink()) and discard(p)]
    return len(gone)


def _drop_call_list_rows(folder: Path, candidate_ids: set[int]) -> tuple[int, list[str]]:
    """Take the candidates' rows out of every call-list CSV/XLSX under ``folder``; files that cannot be read listed."""
    from hotlist.pipeline.calls.erasure import drop_candidate_rows

    if not folder.is_dir():
        return 0, []
    rows, unreadable = 0, []
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".csv", ".xlsx") and not p.is_symlink()
                       and p.is_file() and not p.name.startswith((".", "~$"))):
        try:
            rows += drop_candidate_rows(path, candidate_ids)
        except Exception as exc:  # noqa: BLE001 - a damaged spreadsheet must not stop the rest of the erasure
            unreadable.append(f"{path} ({type(exc).__name__})")
    return rows, unreadable


def export_candidate(settings: Settings, candidate_id: int, out: Path | None = None) -> Path:
    """Write everything stored about ``candidate_id`` as JSON (owner-only); return the file written."""
    from hotlist.models.db import session_scope
    from hotlist.models.privacy import candidate_data

    with session_scope(settings.db_url) as session:
        data = candidate_data(session, candidate_id)
    target = out or settings.exports_path / f"candidate-{candidate_id}.json"
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    os.chmod(target, 0o600)
    return target
