"""Names of call-list files: the stable latest name, the nightly's dated copy, and where an old file is kept.

Pure: no file is touched here (``flows.export`` writes and moves them).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

__all__ = ["dated_name", "kept_name", "latest_name"]


def latest_name(out_dir: Path, job_id: str, fmt: str) -> Path:
    """``<out>/<job-id>.<fmt>``: the name a recruiter opens every day."""
    return Path(out_dir) / f"{job_id}.{fmt}"


def dated_name(out_dir: Path, job_id: str, fmt: str, day: date) -> Path:
    """``<out>/<job-id>-YYYY-MM-DD.<fmt>``: the nightly's copy of the day."""
    return Path(out_dir) / f"{job_id}-{day:%Y-%m-%d}.{fmt}"


def kept_name(path: Path, when: datetime, exists=None) -> Path:
    """Where a call list whose typed-in outcomes could not be imported is kept, beside the new one:
    ``<stem>.not-imported-YYYYMMDD-HHMMSS<suffix>`` (``-2``, ``-3``... if that name is taken per ``exists``)."""
    path = Path(path)
    base = f"{path.stem}.not-imported-{when:%Y%m%d-%H%M%S}"
    candidate = path.with_name(base + path.suffix)
    n = 2
    while exists is not None and exists(candidate):
        candidate = path.with_name(f"{base}-{n}{path.suffix}")
        n += 1
    return candidate
