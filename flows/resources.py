"""Expensive objects built once per process, on first use (never at import)."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from hotlist.pipeline.skills.matcher import build_skill_nlp
from hotlist.pipeline.skills.taxonomy import Taxonomy, load_taxonomy


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The packaged skills taxonomy."""
    return load_taxonomy()


@lru_cache(maxsize=1)
def skill_nlp() -> Language:
    """The spaCy pipeline that finds skills (a few tenths of a second with the cache, 1-2 s without)."""
    from hotlist.settings import get_settings

    return build_skill_nlp(taxonomy(), cache_dir=get_settings().cache_path)


def resolve_skill(label: str) -> tuple[str, str] | None:
    """Map a job requirement such as "Postgres" to (skill id, display name), or None."""
    skill = taxonomy().resolve(label)
    return (skill.id, skill.name) if skill else None
