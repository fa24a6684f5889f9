"""The recruiter's desk: what the web page (``hotlist web``) and ``hotlist report`` show, as plain data.

Like ``hotlist.service``, each function opens the database, calls ``models`` and returns plain data; the call
list itself is the CLI's (``models.ranking_io.build_call_list``: do-not-call, suppression and cooldown
honoured), with each candidate's local time added (``pipeline.local_time``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from hotlist.errors import DocumentUnavailable
from hotlist.settings import Settings

CALL_OUTCOMES = (
    ("no-answer", "No answer"), ("left-voicemail", "Voicemail"), ("hung-up", "Hung up"),
    ("not-interested", "Not interested"), ("interested", "Interested"), ("do-not-call", "Do not call"),
)
"""The one-click outcomes on a call list, in button order (``interested`` takes a callback date)."""


@dataclass(frozen=True)
class BoardJob:
    """One hot job on the board."""

    id: str
    title: str
    client: str | None
    location: str | None
    urgency: int
    openings: int
    to_call: int
    called: int
    interested: int
    placed: int


@dataclass(frozen=True)
class Board:
    jobs: list[BoardJob]
    last_run: datetime | None


@dataclass(frozen=True)
class SheetRow:
    """One call-list row with the candidate's clock."""

    row: Any  # hotlist.pipeline.calls.export.CallListRow
    resume_date: str
    clock: Any  # hotlist.pipeline.calls.local_time.LocalTime


@dataclass(frozen=True)
class CallSheet:
    job: dict[str, Any]
    rows: list[SheetRow]
    """Call-now order: people inside calling hours first, then the rest, each group by rank."""
    calls: list  # models.desk.CallRecord, this job's calls, oldest first
    now: datetime
    targets: list[PinnedTarget] = field(default_factory=list)
    """Client-named targets, pinned above the ranked rows (who they match is left out of ``rows``)."""


@dataclass
class ReportLine:
    """One approached candidate in the hiring-manager update."""

    candidate_id: int
    name: str
    calls: list = field(default_factory=list)  # CallRecord, oldest first

    @property
    def latest(self):
        return self.calls[-1]

    @property
    def interested(self) -> bool:
        return self.latest.outcome in ("interested", "placed")

    @property
    def next_step(self) -> str:
        return next_step(self.latest)


def next_step(call) -> str:
    """What comes after a call (``models.desk.CallRecord``): placed, the callback date, or sending the resume."""
    if call.outcome == "placed":
        return "placed"
    if call.callback_on:
        return f"call back {call.callback_on:%Y-%m-%d}"
    return "send resume to the hiring manager" if call.outcome == "interested" else ""


@dataclass(frozen=True)
class PinnedTarget:
    """A client-named target: pinned at the top of the job's call list and tracked in the report."""

    target: Any  # models.targets.StoredTarget
    match: Any  # pipeline.targets.TargetMatch
    card: dict[str, Any] | None  # the matched candidate: id, name, phone, email, location
    clock: Any  # pipeline.local_time.LocalTime, or None without a match
    rank: int | None  # their rank on the ranked list, when listed there
    reason: str
    calls: list  # CallRecord about this job, oldest first
    blocked: str  # "do not call", "called ..., cooldown until ...", "no phone or email" or ""

    @property
    def callable_now(self) -> bool:
        return bool(self.card) and not self.blocked and bool(self.clock and self.clock.callable_now)

    @property
    def status(self) -> str:
        """One line for the recruiter and the hiring manager."""
        if self.card is None:
            return "to source" + (": same name on file, check" if self.match.possible else "")
        if self.blocked == "do not call":
            return "do not call"
        if not self.calls:
            return "found, not yet called"
        last = self.calls[-1]
        if last.outcome == "placed":
            return "placed"
        if last.outcome == "interested":
            return f"interested: {next_step(last)}"
        return f"{last.outcome.replace('-', ' ')} ({last.when:%Y-%m-%d})"


@dataclass(frozen=True)
class Report:
    job: dict[str, Any]
    lines: list[ReportLine]
    generated: datetime
    targets: list[PinnedTarget] = field(default_factory=list)

    @property
    def interested(self) -> list[ReportLine]:
        return [line for line in self.lines if line.interested]


def _job_dict(job) -> dict[str, Any]:
    return {"id": job.id, "title": job.title, "client": job.client, "location": job.location, "urgency": job.urgency,
            "openings": job.openings, "remote": bool(job.remote), "status": job.status,
            "must_have": [r.label for r in job.requirements if r.kind == "must"]}


def board(settings: Settings) -> Board:
    """Open hot jobs, hottest first, with how many people are left to call, were called, are interested, placed."""
    from hotlist.models.db import session_scope
    from hotlist.models.desk import job_counts
    from hotlist.models.ranking_io import call_list_rows
    from hotlist.models.jobs import list_jobs
    from hotlist.models.runs import last_match_time

    out = []
    with session_scope(settings.db_url) as session:
        counts = job_counts(session)
        for job in list_jobs(session, open_only=True):
            rows = call_list_rows(session, job.id, cooldown_days=settings.contact_cooldown_days,
                                  limit=settings.call_list_size)
            done = counts.get(job.id)
            out.append(BoardJob(job.id, job.title, job.client, job.location, job.urgency, job.openings,
                                sum(1 for r in rows if not r.cooldown_until and r.contact != "missing"),
                                done.called if done else 0, done.interested if done else 0, done.placed if done else 0))
        last = last_match_time(session)
    return Board(out, last.replace(tzinfo=timezone.utc) if last and last.tzinfo is None else last)


def clock(settings: Settings, phone: str | None, location: str | None, now: datetime):
    """The candidate's local time and whether they may be called now (``pipeline.local_time``)."""
    from hotlist.pipeline.calls.local_time import local_time

    return local_time(phone, location, now, default_region=settings.default_region,
                      start_hour=settings.calling_hours_start, end_hour=settings.calling_hours_end)


def call_sheet(settings: Settings, job_id: str, now: datetime | None = None) -> CallSheet:
    """A job's call list (the CLI's ``shortlist``) in call-now order, with local times and the job's calls."""
    from sqlalchemy import select

    from hotlist.models.db import session_scope
    from hotlist.models.desk import call_history
    from hotlist.models.orm import Candidate
    from hotlist.models.ranking_io import call_list_rows
    from hotlist.models.jobs import get_job

    now = now or datetime.now(timezone.utc)
    with session_scope(settings.db_url) as session:
        job = _job_dict(get_job(session, job_id))
        rows = call_list_rows(session, job_id, cooldown_days=settings.contact_cooldown_days,
                              cooldown_action=settings.cooldown_action, limit=settings.call_list_size, now=now)
        ids = [r.candidate_id for r in rows]
        dates = dict(session.execute(select(Candidate.id, Candidate.resume_date).where(Candidate.id.in_(ids))).all()) if ids else {}
        calls = call_history(session, job_id=job_id)
        targets = _pinned_targets(session, settings, job_id, rows, calls, now)
    pinned = {t.card["id"] for t in targets if t.card}
    sheet = [SheetRow(r, dates.get(r.candidate_id) or "", clock(settings, r.phone, r.location, now))
             for r in rows if r.candidate_id not in pinned]
    sheet.sort(key=lambda s: (not s.clock.callable_now or bool(s.row.cooldown_until) or s.row.contact == "missing",
                              s.row.rank))
    return CallSheet(job, sheet, calls, now, targets)


def _pinned_targets(session, settings: Settings, job_id: str, rows: list, calls: list, now: datetime) -> list[PinnedTarget]:
    """The job's client-named targets with who they are on file, their clock, calls and whether they may be called
    (the call list's rules: suppression and do-not-call, the cooldown, a phone or email to call)."""
    from hotlist.models.desk import contact_cards
    from hotlist.models.identity import suppressed_ids, suppression_salt
    from hotlist.models.outcomes import do_not_call_ids, last_contacts
    from hotlist.models.targets import job_targets, match_targets
    from hotlist.pipeline.calls.call_list import cooldown_end

    targets = job_targets(session, job_id)
    if not targets:
        return []
    matches = match_targets(session, targets, settings.default_region)
    cards = contact_cards(session, [m.candidate_id for m in matches.values() if m.candidate_id])
    blocked_ids = do_not_call_ids(session) | suppressed_ids(session, suppression_salt(settings.home_dir))
    contacts = last_contacts(session) if cards else {}
    listed = {r.candidate_id: r for r in rows}
    out = []
    for target in targets:
        match = matches[target.id]
        card = cards.get(match.candidate_id)
        if card is None:
            out.append(PinnedTarget(target, match, None, None, None, "", [], ""))
            continue
        cid = card["id"]
        contact = contacts.get(cid)
        cooling = cooldown_end(contact[0] if contact else None, now, settings.contact_cooldown_days)
        blocked = ("do not call" if cid in blocked_ids else
                   f"called {contact[0]:%Y-%m-%d}, cooldown until {cooling:%Y-%m-%d}" if cooling else
                   "" if card["phone"] or card["email"] else "no phone or email")
        row = listed.get(cid)
        out.append(PinnedTarget(target, match, card, clock(settings, card["phone"], card["location"], now),
                                row.rank if row else None, row.reason if row else "",
                                [c for c in calls if c.candidate_id == cid], blocked))
    return out


def add_target(settings: Settings, job_id: str, name: str, company: str, contact: str | None) -> None:
    """A client-named target typed on the job page (kept over any YAML re-import)."""
    from hotlist.models.db import session_scope
    from hotlist.models.targets import add_target as add

    with session_scope(settings.db_url) as session:
        add(session, job_id, name, company, contact, added_by=settings.editor)


def candidate_page(settings: Settings, candidate_id: int, now: datetime | None = None) -> dict[str, Any]:
    """A candidate's parsed fields, documents, skills with snippets, call history, suppression and local time."""
    from hotlist.models.db import session_scope
    from hotlist.models.desk import call_history, candidate_record
    from hotlist.models.identity import suppressed_ids, suppression_salt

    now = now or datetime.now(timezone.utc)
    with session_scope(settings.db_url) as session:
        record = candidate_record(session, candidate_id)
        record["calls"] = call_history(session, candidate_id=candidate_id)
        blocked = suppressed_ids(session, suppression_salt(settings.home_dir))
    record["suppressed"] = candidate_id in blocked
    record["do_not_call"] = any(c.outcome == "do-not-call" for c in record["calls"])
    record["clock"] = clock(settings, record["phone"], record["location"], now)
    return record


def resume_file(settings: Settings, candidate_id: int, document_id: int) -> tuple[bytes, str, str]:
    """The bytes, media type and file name of one of the candidate's documents, to show it inline.

    The file is the one that was read: where it was stored from, or a copy with the same content in the inbox
    (ingest may have moved it to ``processed/``). Raises ``DocumentUnavailable`` when it is not a kind a browser
    shows, or when no file with that content is left in the workspace.
    """
    from hotlist.models.db import session_scope
    from hotlist.models.desk import INLINE_KINDS, document_source
    from hotlist.pipeline.calls.erasure import find_copies
    from hotlist.pipeline.read.documents import sha256_of

    with session_scope(settings.db_url) as session:
        path, sha, size, kind, filename = document_source(session, candidate_id, document_id)
    media = INLINE_KINDS.get(kind.lower())
    if media is None:
        raise DocumentUnavailable(f"{filename} is a {kind or 'document'} file: its text is on the candidate page")
    stored = Path(path)
    if not (stored.is_file() and not stored.is_symlink() and sha256_of(stored) == sha):
        copies = find_copies([settings.inbox_dir], {sha}, {size} if size is not None else ())
        if not copies:
            raise DocumentUnavailable(f"{filename} is no longer in the workspace (moved, changed or deleted): "
                                      "its text is on the candidate page")
        stored = copies[0]
    return stored.read_bytes(), media, filename


def record_call(settings: Settings, key: str, candidate_id: int, job_id: str | None, result: str, note: str | None,
                callback_on: date | None = None) -> bool:
    """Record one call from a form whose one-time ``key`` makes a second post of it record nothing; True if recorded."""
    from hotlist.models.db import session_scope
    from hotlist.models.desk import record_outcome_once

    with session_scope(settings.db_url) as session:
        return record_outcome_once(session, key, candidate_id, job_id, result, note or None, callback_on=callback_on)


def job_report(settings: Settings, job_id: str, now: datetime | None = None) -> Report:
    """The hiring-manager update: everyone approached about the job, when, each outcome and note, who is interested."""
    from hotlist.models.db import session_scope
    from hotlist.models.desk import call_history
    from hotlist.models.jobs import get_job

    now = now or datetime.now(timezone.utc)
    with session_scope(settings.db_url) as session:
        job = _job_dict(get_job(session, job_id))
        calls = call_history(session, job_id=job_id)
        targets = _pinned_targets(session, settings, job_id, [], calls, now)
    lines: dict[int, ReportLine] = {}
    for call in calls:
        lines.setdefault(call.candidate_id, ReportLine(call.candidate_id, call.name)).calls.append(call)
    ordered = sorted(lines.values(), key=lambda line: line.calls[0].when)
    return Report(job, ordered, now, targets)


def report_markdown(report: Report) -> str:
    """The hiring-manager update as Markdown (``hotlist report JOB --format md``)."""
    job = report.job
    out = [f"# {job['title']} ({job['id']}): update", ""]
    out.append(f"Client: {job['client'] or '-'} · Location: {job['location'] or '-'} · Openings: {job['openings']} · "
               f"As of {report.generated:%Y-%m-%d %H:%M} UTC")
    out += ["", f"## Interested ({len(report.interested)})", ""]
    out += [f"- {_md(line.name) or '(no name)'}: {line.next_step or line.latest.outcome}" for line in report.interested] or ["- nobody yet"]
    out += ["", f"## Approached ({len(report.lines)})", "", "| candidate | when | outcome | note |", "|---|---|---|---|"]
    for line in report.lines:
        for call in line.calls:
            note = _md(call.note) + (f" (call back {call.callback_on:%Y-%m-%d})" if call.callback_on else "")
            out.append(f"| {_md(line.name) or '(no name)'} | {call.when:%Y-%m-%d %H:%M} | {call.outcome} | {note} |")
    if not report.lines:
        out.append("| nobody yet | | | |")
    if report.targets:
        out += ["", f"## Named by the client ({len(report.targets)})", "", "| name | company | status |", "|---|---|---|"]
        out += [f"| {_md(t.target.name)} | {_md(t.target.company)} | {_md(t.status)} |" for t in report.targets]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes or line breaks, no raw HTML."""
    return (text or "").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Arrivals:
    """What came in: files still waiting in the inbox, and the newest stored documents (and whom they joined)."""

    waiting: list[str]
    recent: list[dict[str, Any]]


def arrivals(settings: Settings, limit: int = 10) -> Arrivals:
    """The inbox's waiting files (not stored yet: ingested files stay in the inbox unless ``HOTLIST_AFTER_INGEST``
    is ``move``) and the ``limit`` newest documents stored. Only files at a path no document came from are hashed."""
    import hashlib

    from hotlist.models.candidates import known_hashes
    from hotlist.models.db import session_scope
    from hotlist.models.desk import recent_documents, stored_paths

    inbox = settings.inbox_dir
    files = sorted(p for p in inbox.iterdir() if p.is_file() and not p.name.startswith(".")) if inbox.is_dir() else []
    with session_scope(settings.db_url) as session:
        recent = recent_documents(session, limit)
        seen = stored_paths(session, [str(p) for p in files])
        unknown = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in files if str(p) not in seen}
        stored = known_hashes(session, unknown)
    waiting = sorted(p.name for digest, p in unknown.items() if digest not in stored)
    return Arrivals(waiting, recent)


@dataclass(frozen=True)
class Upload:
    """What happened to the files dropped on the page."""

    saved: list[str]
    refused: list[str]  # "name: why"


def save_uploads(settings: Settings, files: list[tuple[str, bytes]]) -> Upload:
    """Put uploaded resumes in the inbox, where the watcher (``hotlist serve``) or ``hotlist ingest`` takes them like
    any other arrival. Names are reduced to a safe base name; a name already taken gets ``-2``, ``-3``...; a file
    identical to one already in the inbox is not saved twice; unsupported or oversized files are refused."""
    import hashlib
    import os
    import re

    from hotlist.pipeline.read.documents import SUPPORTED_SUFFIXES

    inbox = settings.inbox_dir
    inbox.mkdir(parents=True, exist_ok=True)
    present = {hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.iterdir() if p.is_file()}
    saved, refused = [], []
    for raw_name, data in files:
        name = re.sub(r"[^\w.\- ]+", "_", raw_name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .") or "resume"
        suffix = os.path.splitext(name)[1].lower()
        if suffix not in SUPPORTED_SUFFIXES:
            refused.append(f"{name}: not a resume file type ({', '.join(sorted(SUPPORTED_SUFFIXES))})")
            continue
        if len(data) > settings.max_file_mb * 1e6:
            refused.append(f"{name}: larger than {settings.max_file_mb:g} MB")
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in present:
            refused.append(f"{name}: already in the inbox")
            continue
        stem, target, n = name[: -len(suffix)], inbox / name, 1
        while target.exists():
            n += 1
            target = inbox / f"{stem}-{n}{suffix}"
        partial = inbox / f".{target.name}.part"  # hidden while it is written: the watcher skips dot files
        partial.write_bytes(data)
        partial.replace(target)
        present.add(digest)
        saved.append(target.name)
    return Upload(saved, refused)
