"""Put files aside: unreadable ones with a reason a recruiter can read, processed ones out of the inbox, and
files Hotlist must not keep (erased content) deleted."""

from __future__ import annotations

import shutil
from pathlib import Path


# Bytes of a name Hotlist writes (file systems allow 255; the hash prefix and ".reason.txt" need room).
NAME_BYTES = 160


def safe_name(name: str, max_bytes: int = NAME_BYTES) -> str:
    """A file name with no path separators, control characters or leading dots/dashes, at most ``max_bytes`` in UTF-8.

    A longer name (240 bytes of Cyrillic is 120 letters) keeps its extension and as much of its stem as fits,
    cut on a character boundary, so writing it never fails with "File name too long".
    """
    cleaned = "".join(ch if ch.isprintable() and ch not in "/\\" else "_" for ch in printable(name)).lstrip(".-")
    cleaned = cleaned or "file"
    if len(cleaned.encode("utf-8")) <= max_bytes:
        return cleaned
    suffix = Path(cleaned).suffix if len(Path(cleaned).suffix.encode("utf-8")) <= 16 else ""
    budget = max_bytes - len(suffix.encode("utf-8"))
    stem = cleaned[: len(cleaned) - len(suffix)].encode("utf-8")[:budget].decode("utf-8", "ignore")
    return (stem or "file") + suffix


def quarantine_file(source: Path, sha256: str, reason: str, dest_dir: Path, *, move: bool = False) -> Path:
    """Copy (or ``move``) ``source`` into ``dest_dir`` beside ``<name>.reason.txt``; return the reason file.

    Names are prefixed with the hash so two different files called ``resume.pdf``
    never collide; rerunning is harmless.  Symlinks are never followed or moved.
    """
    dest_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stem = f"{(sha256 or 'nohash')[:12]}-{safe_name(source.name)}"
    target = dest_dir / stem
    reason_file = dest_dir / f"{stem}.reason.txt"
    if source.is_file() and not source.is_symlink():
        try:
            if move:
                shutil.move(str(source), target)
            elif not target.exists():
                shutil.copyfile(source, target)
        except OSError:
            pass  # the reason file below still records what happened
    reason_file.write_text(f"{printable(str(source))}\n{reason}\n", encoding="utf-8")
    return reason_file


def move_processed(source: Path, dest_dir: Path) -> Path | None:
    """Move an ingested file into ``dest_dir`` (``name (2).pdf`` if taken); None if it is gone."""
    if not source.is_file() or source.is_symlink():
        return None
    dest_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = dest_dir / safe_name(source.name)
    counter = 2
    while target.exists():
        target = dest_dir / f"{Path(safe_name(source.name)).stem} ({counter}){source.suffix}"
        counter += 1
    shutil.move(str(source), target)
    return target


def discard(source: Path) -> bool:
    """Delete an inbox file Hotlist must not keep (a link is removed, never followed); False if it was gone."""
    try:
        source.unlink()
    except FileNotFoundError:
        return False
    return True


def printable(text: str) -> str:
    """``text`` safe to store and print on one line: undecodable bytes become U+FFFD, control characters escapes.

    File names may hold any byte but a slash (``bad\\xff.pdf``, ``new\\nline.pdf``); a database
    column, a log line or a terminal needs valid, single-line text.
    """
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "replace")
    decoded = raw.decode("utf-8", "replace")
    if decoded.isprintable():  # nearly every name: no per-character pass
        return decoded
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in decoded)
