"""What ingest does with each file, decided from facts alone: parse it, skip it as a duplicate, or refuse it
(unread when it links out of its folder or its content was erased on request).

The ingest flow gathers the facts (the files found, their hashes, the hashes already stored),
asks :func:`plan_ingest` what to do, and carries it out; after each file is stored,
:func:`disposition` says where the file goes. No I/O here.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pipeline.resume brings spaCy, which only the parsing process needs
    from hotlist.pipeline.parse.resume import ParseOutcome

Disposition = Literal["quarantine", "processed", "remove", "leave"]


@dataclass(frozen=True)
class IngestPlan:
    """Files to parse (in order), files already stored (or repeated in this run), files refused unread, and files
    whose content was erased on request (never stored or parsed)."""

    parse: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    refused: list[ParseOutcome] = field(default_factory=list)
    erased: list[str] = field(default_factory=list)


def plan_ingest(files: Iterable[str], hashes: Mapping[str, str], known: set[str],
                refused: Mapping[Path, str] | None = None, erased: set[str] | None = None) -> IngestPlan:
    """Decide each file's fate.

    ``hashes`` maps a file to its sha256 (a file missing from it could not be read: it is
    parsed, so the parser reports why); ``known`` holds the hashes already stored. The first
    of several identical files in one run is parsed, the others are duplicates. ``refused``
    (links pointing out of their folder, with the reason) become quarantine outcomes, never read.
    A file whose hash is in ``erased`` (content erased on request) is refused, every copy of it.
    """
    plan = IngestPlan(refused=[refusal(path, reason) for path, reason in (refused or {}).items()])
    seen: set[str] = set()
    for path in files:
        sha = hashes.get(path)
        if sha and erased and sha in erased:
            plan.erased.append(path)
            continue
        if sha and (sha in known or sha in seen):
            plan.duplicates.append(path)
            continue
        if sha:
            seen.add(sha)
        plan.parse.append(path)
    return plan


def refusal(path: Path, reason: str) -> ParseOutcome:
    """A quarantine outcome for a file refused unread; its key (64 hex, like a sha256) is derived from where it lies."""
    key = hashlib.sha256(b"link:" + os.fsencode(path.absolute())).hexdigest()
    from hotlist.pipeline.parse.resume import ParseOutcome

    return ParseOutcome(str(path), path.name, key, 0, "quarantined", reason)


def still_arriving(status: str, *, inbox: bool, modified_ago: float | None, grace: float) -> bool:
    """A file that failed to read but changed within ``grace`` seconds may be a copy that paused mid-way.

    From the inbox, such a file is neither stored nor quarantined: it stays where it is, and the
    watcher (when it changes again) or the next sweep reads it afresh. ``modified_ago`` None: gone.
    """
    return inbox and status == "quarantined" and modified_ago is not None and 0 <= modified_ago < grace


def disposition(action: str, *, inbox: bool, move_processed: bool) -> Disposition:
    """Where a file goes once its outcome is stored.

    A quarantined file is copied to the quarantine folder (moved out of it when it came from
    the inbox). An inbox file whose content was erased (``erased``) or whose person was erased
    after asking never to be called (``suppressed``) is removed: keeping it would keep their data.
    With ``HOTLIST_AFTER_INGEST=move`` every other inbox file goes to ``processed/`` (duplicates
    included, so the inbox empties); anything else stays where it is.
    """
    if action == "quarantined":
        return "quarantine"
    if action in ("erased", "suppressed"):
        return "remove" if inbox else "leave"
    if inbox and move_processed:
        return "processed"
    return "leave"
