"""Reparse: run the current parser over stored documents, in the isolated workers, one transaction per document.

Resumable: each document records the parser and taxonomy versions once its result is stored, so a run
stopped part-way skips the finished documents when run again. ``dry_run`` parses and compares only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hotlist.flows.progress import ProgressBar
from hotlist.models.db import session_scope, transaction
from hotlist.models.reparse import StoredDocument, apply_reparse, documents_to_reparse
from hotlist.pipeline.parse.reparse import CandidateChanges, locate_document
from hotlist.settings import Settings


@dataclass
class ReparseSummary:
    """What one reparse did (or, with ``dry_run``, would do)."""

    dry_run: bool
    selected: int = 0
    reparsed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)
    changes: dict[int, CandidateChanges] = field(default_factory=dict)  # candidate id -> what changed

    @property
    def changed_candidates(self) -> list[int]:
        return sorted(cid for cid, c in self.changes.items() if c.changed)


def _combine(first: CandidateChanges | None, second: CandidateChanges) -> CandidateChanges:
    if first is None:
        return second
    fields = dict(first.fields)
    for name, (before, after) in second.fields.items():
        fields[name] = (fields[name][0] if name in fields else before, after)
    return CandidateChanges(second.candidate_id, fields, tuple(sorted({*first.skills_added, *second.skills_added})),
                            tuple(sorted({*first.skills_removed, *second.skills_removed})))


def reparse(settings: Settings, *, candidate_id: int | None = None, since: int | None = None, dry_run: bool = False,
            progress: bool = False, on_document: Callable[[StoredDocument], None] | None = None) -> ReparseSummary:
    """Re-parse the stored documents behind the current parser (of ``candidate_id``; parsed with ``since`` or later).

    ``on_document`` is called after each document is stored (tests use it to stop a run part-way).
    """
    with session_scope(settings.db_url) as session:
        documents = documents_to_reparse(session, candidate_id=candidate_id, since=since)
    summary = ReparseSummary(dry_run=dry_run, selected=len(documents))
    kept_in = [settings.inbox_dir / "processed"]
    todo: list[tuple[StoredDocument, Path]] = []
    for doc in documents:
        found, why = locate_document(doc.path, doc.filename, doc.sha256, kept_in)
        if found is None:
            summary.skipped.append((doc.filename, why or "not found"))
        else:
            todo.append((doc, found))
    if not todo:
        return summary
    outcomes = _parse([str(p) for _, p in todo], settings)
    try:
        with ProgressBar(progress, len(todo), "Re-parsing resumes") as advance:
            for (doc, _), outcome in zip(todo, outcomes):
                if outcome.resume is None:
                    summary.skipped.append((doc.filename, f"the current parser could not read it ({outcome.reason}); "
                                                          "its stored fields are kept"))
                else:
                    with transaction(settings.db_url) as connection:
                        changes = apply_reparse(connection, doc, outcome, dry_run=dry_run)
                    summary.changes[doc.candidate_id] = _combine(summary.changes.get(doc.candidate_id), changes)
                    summary.reparsed += 1
                advance(1)
                if on_document is not None:
                    on_document(doc)
    finally:
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()  # a run stopped part-way frees its busy workers
    return summary


def _parse(paths: list[str], settings: Settings):
    max_bytes = int(settings.max_file_mb * 1e6)
    if settings.parse_workers > 0:
        from hotlist.flows.isolation import parse_isolated, parse_socket

        return parse_isolated(paths, default_region=settings.default_region, max_bytes=max_bytes,
                              margin_months=settings.as_of_margin_months, timeout=settings.parse_timeout_seconds,
                              memory_mb=settings.parse_memory_mb, workers=min(settings.parse_workers, len(paths)),
                              service=parse_socket(settings))
    from hotlist.flows.resources import skill_nlp
    from hotlist.pipeline.parse.resume import parse_file

    nlp = skill_nlp()
    return (parse_file(Path(p), skill_nlp=nlp, default_region=settings.default_region, max_bytes=max_bytes,
                       margin_months=settings.as_of_margin_months) for p in paths)
