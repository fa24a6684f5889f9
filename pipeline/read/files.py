"""Find the resume files under the paths a recruiter gives."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hotlist.pipeline.read.documents import SUPPORTED_SUFFIXES

# What a folder scan collects: every type Hotlist reads (PDF, DOCX, DOC, TXT, PNG/JPEG images).
COLLECTED_SUFFIXES = SUPPORTED_SUFFIXES


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


LINK_OUTSIDE_REASON = ("a link to a file outside the folder it was found in (refused, never followed): "
                       "copy the resume itself into the folder")


def links_outside(files: Iterable[Path], roots: Iterable[Path]) -> dict[Path, str]:
    """The ``files`` whose real location is outside the folder they were found in, with the reason.

    A file found under one of the folders in ``roots`` must resolve inside that folder; a file
    named directly (the watcher names each arrival) must resolve inside its own folder. So a
    symlink dropped into the inbox that points at ``/etc/passwd`` or a home directory is never read.
    """
    folders = [Path(r).absolute() for r in roots if Path(r).is_dir() and not Path(r).is_symlink()]
    refused: dict[Path, str] = {}
    for file in files:
        here = Path(file).absolute()
        root = next((f for f in folders if here.is_relative_to(f)), here.parent)
        try:
            inside = here.resolve(strict=True).is_relative_to(root.resolve())
        except (OSError, RuntimeError):  # dangling link, loop
            inside = False
        if not inside:
            refused[Path(file)] = LINK_OUTSIDE_REASON
    return refused
