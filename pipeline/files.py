"""Find the resume files under the paths a recruiter gives."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipeline.documents import SUPPORTED_SUFFIXES

# Seen in folders, but not resumes we can read; .doc is collected so it is quarantined with a reason.
COLLECTED_SUFFIXES = SUPPORTED_SUFFIXES | {".doc"}


def collect_files(paths: Iterable[Path], *, exclude: Iterable[Path] = ()) -> tuple[list[Path], list[Path]]:
    """Expand folders (recursively, sorted) into resume files.

    Returns ``(files, skipped)``: files named explicitly are always taken (so a
    mislabelled file is quarantined with a reason); inside folders, hidden files,
    files of other types and anything under an ``exclude`` folder are skipped.
    Missing paths raise FileNotFoundError.
    """
    excluded = [e.absolute() for e in exclude]
    files: list[Path] = []
    skipped: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(f"{path}: no such file or folder")
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if not child.is_file() or any(child.absolute().is_relative_to(e) for e in excluded):
                    continue
                if child.suffix.lower() in COLLECTED_SUFFIXES:
                    _add(child, files, seen)
                else:
                    skipped.append(child)
        else:
            _add(path, files, seen)
    return files, skipped


def _add(path: Path, files: list[Path], seen: set[Path]) -> None:
    key = path.absolute()
    if key not in seen:
        seen.add(key)
        files.append(path)
