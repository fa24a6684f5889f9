"""Put an unreadable file aside with a reason a recruiter can read."""

from __future__ import annotations

import shutil
from pathlib import Path


def quarantine_file(source: Path, sha256: str, reason: str, dest_dir: Path) -> Path:
    """Copy ``source`` into ``dest_dir`` (the original stays where it was) beside ``<name>.reason.txt``.

    Returns the reason file's path.  Names are prefixed with the hash so two
    different files called ``resume.pdf`` never collide; rerunning is harmless.
    """
    dest_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    safe_name = "".join(ch if ch.isprintable() and ch not in '/\\' else "_" for ch in source.name).lstrip(".-") or "file"
    stem = f"{(sha256 or 'nohash')[:12]}-{safe_name}"
    target = dest_dir / stem
    reason_file = dest_dir / f"{stem}.reason.txt"
    if source.is_file() and not source.is_symlink() and not target.exists():
        try:
            shutil.copyfile(source, target)
        except OSError:
            pass  # the reason file below still records what happened
    reason_file.write_text(f"{source}\n{reason}\n", encoding="utf-8")
    return reason_file
