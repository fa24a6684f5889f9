"""The skills vocabulary: load ``data/skills.jsonl.gz`` and resolve names to skills.

The file is built by ``scripts/build_taxonomy.py`` (one JSON object per line, see
``Skill``). Loading it takes about 0.3 s; nothing is loaded at import time.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TAXONOMY_PATH = Path(__file__).parent / "data" / "skills.jsonl.gz"

_SPACES = re.compile(r"\s+")
_PARENS = re.compile(r"\(([^()]*)\)")
_VERSION = re.compile(r"\s+v?\d+(?:\.\d+)*\+?$")
_EDGE_PUNCT = " \t\n,;:!?'\"`*|•·-–—_/\\"


def normalise(name: str) -> str:
    """The lookup key for a skill name or alias: case-folded, NFKC, single spaces.

    Hyphens and underscores count as spaces ("Month-End Close" == "month end close");
    ``+``, ``#``, ``.`` and ``/`` are kept because they tell C++, C#, .NET and CI/CD apart.
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    text = text.replace("_", " ")
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)
    text = _SPACES.sub(" ", text)
    # A leading dot belongs to the name (.NET); a trailing one ends a sentence.
    return text.strip(_EDGE_PUNCT).rstrip(".").strip(_EDGE_PUNCT)


_NO_NUMBER = frozenset({"series", "species", "news", "means"})


def number_variants(word: str) -> list[str]:
    """The other grammatical number of an English noun, by spelling rules (lower case in,
    lower case out): "services" -> ["service"], "policy" -> ["policies"], "process" ->
    ["processes"]. Used only on the last word of multiword names ("Customer Services" ==
    "Customer Service"), where a wrong guess ("Weights & Biase") matches nothing."""
    if len(word) < 3 or not word.isalpha() or word in _NO_NUMBER or word.endswith("ics"):
        return []  # "Analytics", "Forensics", "Logistics" are not plurals
    out: list[str] = []
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    elif word.endswith(("sses", "xes", "ches", "shes")):
        out.append(word[:-2])
    elif word.endswith("sis"):
        out.append(word[:-2] + "es")  # "analysis" -> "analyses"
    elif word.endswith("us"):
        return []  # "status", "campus", "corpus"
    elif word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    elif word.endswith("y") and word[-2] not in "aeiou":
        out.append(word[:-1] + "ies")
    elif word.endswith(("s", "x", "ch", "sh")):
        out.append(word + "es")
    elif not word.endswith("s"):
        out.append(word + "s")
    return [w for w in out if not w.endswith("ics")]  # "forensic" -> not "forensics"


@dataclass(frozen=True)
class Skill:
    """One skill of the vocabulary.

    ``aliases`` are matched case-insensitively; ``case_sensitive_aliases`` exactly as
    written. An ``ambiguous`` skill's case-sensitive forms ("Go", "R", "Access") count
    only with supporting context (see ``pipeline.skills``); ``context`` lists words
    that confirm them.
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    category: str = ""
    hot: bool = False
    ambiguous: bool = False
    case_sensitive_aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    context: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict) -> Skill:
        return cls(
            id=data["id"],
            name=data["name"],
            aliases=tuple(data.get("aliases", ())),
            category=data.get("category", ""),
            hot=bool(data.get("hot", False)),
            ambiguous=bool(data.get("ambiguous", False)),
            case_sensitive_aliases=tuple(data.get("case_sensitive_aliases", ())),
            sources=tuple(data.get("sources", ())),
            context=tuple(data.get("context", ())),
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "category": self.category,
            "hot": self.hot,
            "ambiguous": self.ambiguous,
            "case_sensitive_aliases": list(self.case_sensitive_aliases),
            "sources": list(self.sources),
            "context": list(self.context),
        }

    def insensitive_forms(self) -> list[str]:
        """Surface forms matched case-insensitively (the name unless it is case-sensitive)."""
        forms = [] if self.name in self.case_sensitive_aliases else [self.name]
        return forms + [a for a in self.aliases if a != self.name]


class Taxonomy:
    """Skills by id and by normalised name or alias."""

    def __init__(self, skills: Iterable[Skill]) -> None:
        self._by_id: dict[str, Skill] = {}
        self._by_key: dict[str, Skill] = {}
        self._by_exact: dict[str, Skill] = {}
        self._by_squashed: dict[str, Skill] = {}
        self._by_folded_cs: dict[str, Skill] = {}
        for skill in skills:
            if skill.id in self._by_id:
                raise ValueError(f"duplicate skill id {skill.id!r}")
            self._by_id[skill.id] = skill
        # Names first, so that an alias never shadows another skill's name.
        for skill in self._by_id.values():
            self._index(skill.name, skill, cs=skill.name in skill.case_sensitive_aliases)
        for skill in self._by_id.values():
            for alias in skill.aliases:
                self._index(alias, skill, cs=False)
            for alias in skill.case_sensitive_aliases:
                self._index(alias, skill, cs=True)

    def _index(self, form: str, skill: Skill, *, cs: bool) -> None:
        key = normalise(form)
        if not key:
            return
        if cs:
            self._by_exact.setdefault(form, skill)
            self._by_folded_cs.setdefault(key, skill)
            return
        self._by_key.setdefault(key, skill)
        squashed = key.replace(" ", "")
        if len(squashed) >= 4:
            self._by_squashed.setdefault(squashed, skill)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Skill]:
        return iter(self._by_id.values())

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._by_id

    def get(self, skill_id: str) -> Skill | None:
        """The skill with this id, or None."""
        return self._by_id.get(skill_id)

    def __getitem__(self, skill_id: str) -> Skill:
        return self._by_id[skill_id]

    def resolve(self, name: str) -> Skill | None:
        """Map a requirement string ("Postgres", "Kubernetes (k8s)", "MS Excel") to a skill.

        Tries, in order: the exact case-sensitive forms, the normalised name or alias,
        the same without a trailing version ("Python 3.11"), each part of a
        parenthesised pair ("Kubernetes (k8s)"), the form without spaces, case-sensitive
        forms compared case-insensitively ("go" -> Go), and finally the singular or
        plural ("Audit" -> "Audits").
        """
        text = name.strip()
        if not text:
            return None
        for candidate in self._candidates(text):
            skill = self._by_exact.get(candidate)
            if skill is not None:
                return skill
            key = normalise(candidate)
            skill = self._by_key.get(key)
            if skill is not None:
                return skill
        for candidate in self._candidates(text):
            key = normalise(candidate)
            skill = self._by_squashed.get(key.replace(" ", "")) or self._by_folded_cs.get(key)
            if skill is not None:
                return skill
            for other in (key[:-1] if key.endswith("s") else key + "s",):  # "Audit" -> "Audits"
                skill = self._by_key.get(other)
                if skill is not None:
                    return skill
        return None

    @staticmethod
    def _candidates(text: str) -> list[str]:
        out = [text]
        inside = [m.strip() for m in _PARENS.findall(text) if m.strip()]
        outside = _SPACES.sub(" ", _PARENS.sub(" ", text)).strip()
        if inside and outside:
            out.append(outside)
        out.extend(inside)
        for value in list(out):
            stripped = _VERSION.sub("", value).strip()
            if stripped and stripped != value:
                out.append(stripped)
        return out


def read_skills(path: Path) -> list[Skill]:
    """The skills stored in a ``.jsonl.gz`` (or plain ``.jsonl``) taxonomy file."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [Skill.from_dict(json.loads(line)) for line in handle if line.strip()]


def write_skills(skills: Iterable[Skill], path: Path) -> None:
    """Write skills sorted by id as reproducible gzipped JSON lines (mtime 0, no file name)."""
    lines = [
        json.dumps(s.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for s in sorted(skills, key=lambda s: s.id)
    ]
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile(
        filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0
    ) as handle:
        handle.write(payload)


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Load the skills vocabulary (default: the packaged ``data/skills.jsonl.gz``)."""
    return Taxonomy(read_skills(Path(path) if path is not None else DEFAULT_TAXONOMY_PATH))
