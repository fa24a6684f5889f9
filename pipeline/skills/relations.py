"""Broader skills implied by narrower ones (MySQL => SQL, Django => Python, Spring Boot => Spring).

Read from ``pipeline/skills/data/skill_relations.yaml`` (versioned, curated edges plus
id-prefix families from the taxonomy's own naming). Relations are transitive;
a skill never implies itself.

    >>> rel = SkillRelations({"next-js": ("react",), "react": ("javascript",)}, ())
    >>> sorted(rel.ancestors("next-js"))
    ['javascript', 'react']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = ["DEFAULT_RELATIONS_PATH", "Family", "SkillRelations", "load_relations"]

DEFAULT_RELATIONS_PATH = Path(__file__).parent / "data" / "skill_relations.yaml"


@dataclass(frozen=True)
class Family:
    """Every skill id starting with ``prefix`` (but those in ``excluded``) implies ``skill``."""

    prefix: str
    skill: str
    excluded: frozenset[str] = frozenset()


@dataclass
class SkillRelations:
    """Skill id -> broader skill ids, with the transitive closure computed on demand and cached."""

    parents: Mapping[str, Sequence[str]]
    families: Sequence[Family]
    _closure: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def direct(self, skill_id: str) -> tuple[str, ...]:
        """The broader skills named for ``skill_id`` itself (edges and families)."""
        out = list(self.parents.get(skill_id, ()))
        for fam in self.families:
            if skill_id.startswith(fam.prefix) and skill_id != fam.skill and skill_id not in fam.excluded:
                out.append(fam.skill)
        return tuple(dict.fromkeys(out))

    def ancestors(self, skill_id: str) -> frozenset[str]:
        """Every broader skill ``skill_id`` implies, transitively (cycles are harmless)."""
        cached = self._closure.get(skill_id)
        if cached is not None:
            return cached
        seen: set[str] = set()
        todo = list(self.direct(skill_id))
        while todo:
            parent = todo.pop()
            if parent in seen or parent == skill_id:
                continue
            seen.add(parent)
            todo.extend(self.direct(parent))
        result = frozenset(seen)
        self._closure[skill_id] = result
        return result

    def implied_by(self, held: frozenset[str] | set[str], wanted: frozenset[str] | set[str]) -> dict[str, str]:
        """``{wanted skill: a held skill implying it}`` for wanted skills not held themselves (first by id)."""
        out: dict[str, str] = {}
        for skill in sorted(held):
            for parent in self.ancestors(skill) & wanted:
                if parent not in held and parent not in out:
                    out[parent] = skill
        return out


def _from_mapping(data: Mapping) -> SkillRelations:
    parents = {str(k): tuple(str(p) for p in (v or ())) for k, v in (data.get("parents") or {}).items()}
    families = [Family(str(f["prefix"]), str(f["skill"]), frozenset(map(str, f.get("except") or ())))
                for f in data.get("families") or ()]
    return SkillRelations(parents, families)


@lru_cache(maxsize=4)
def load_relations(path: Path | None = None) -> SkillRelations:
    """The relations in ``path`` (default: the shipped file); raises ``ValueError`` on a malformed file."""
    import yaml

    source = Path(path or DEFAULT_RELATIONS_PATH)
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not isinstance(data.get("parents", {}), dict):
        raise ValueError(f"{source}: expected a mapping with 'parents' (skill id -> list of broader skill ids)")
    return _from_mapping(data)
