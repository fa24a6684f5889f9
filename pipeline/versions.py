"""Which parser and taxonomy produced a document's stored fields, and whether it is behind the current ones.

``PARSER_VERSION`` is bumped whenever a parser change can alter stored fields (years, dates, contacts,
names, skills). Documents stored before versions were recorded count as version 1. The taxonomy's
version is a digest of the packaged taxonomy file, so a rebuilt taxonomy is noticed without a bump.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

# 1: every parser before versions were recorded.
# 2: the resume's own date for "Present" (metadata, dated lines), ligatures, phone regions, taxonomy ids.
PARSER_VERSION = 2
UNRECORDED_PARSER_VERSION = 1


@lru_cache(maxsize=4)
def taxonomy_version(path: Path | None = None) -> str:
    """A short digest of the taxonomy file (default: the packaged ``data/skills.jsonl.gz``)."""
    from hotlist.pipeline.skills.taxonomy import DEFAULT_TAXONOMY_PATH

    digest = hashlib.sha256(Path(path or DEFAULT_TAXONOMY_PATH).read_bytes()).hexdigest()
    return digest[:12]


def parser_version_of(stored: int | None) -> int:
    """The parser version a document was parsed with (None: before versions were recorded)."""
    return UNRECORDED_PARSER_VERSION if stored is None else stored


def is_behind(parser_version: int | None, taxonomy: str | None, *, current_parser: int = PARSER_VERSION,
              current_taxonomy: str) -> bool:
    """Whether a document's fields came from an older parser or another taxonomy than the current ones."""
    return parser_version_of(parser_version) < current_parser or taxonomy != current_taxonomy


def selected(parser_version: int | None, since: int | None) -> bool:
    """``reparse --since V``: documents parsed with version V or later (None: every version)."""
    return since is None or parser_version_of(parser_version) >= since
