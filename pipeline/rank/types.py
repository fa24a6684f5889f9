"""The types ranking works on: candidate and job profiles, and the tunable weights.

Kept apart from :mod:`pipeline.ranking` so that :mod:`pipeline.explain` and
:mod:`pipeline.call_list` can use them without importing the ranking (no cycle).
The weights' defaults are the shipped config (fitted on hotlist-dev with
leave-one-job-out cross-validation: ``hotlist eval rank-fit``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_WEIGHTS", "FEATURES", "TEXT_PREFIX", "WORK_SECTIONS", "CandidateProfile", "JobProfile",
           "RankingWeights", "load_weights"]

TEXT_PREFIX = "text:"
FEATURES = ("must", "nice", "text", "title", "years", "location", "bm25", "work")
WORK_SECTIONS = frozenset({"experience", "projects"})


@dataclass(frozen=True)
class RankingWeights:
    """Tunable weights and neutral values of the ranking; the defaults are the shipped config.

    The feature weights and evidence credits were refitted on hotlist-dev (10 hot jobs x 123 real
    documents, graded by two recruiters; ``hotlist eval rank-fit --trials 120 --refine 40``) on the
    merged tree, once years of experience were parsed reliably (within a year of the labels for 100 of
    105 resumes), with the years weight searched up to 0.5: random search then hill climbing on NDCG@5.
    Leave-one-job-out (fit on eight jobs, score the ninth graded one) gave 0.864 mean NDCG@5 held out,
    against 0.844 for the previous weights (themselves fitted on the same set before the parse fixes)
    and 0.917 in sample; every fold chose nearly the same blend (years 0.34-0.5), so the in-sample fit
    is shipped. Years now carry the most weight: recruiters grade people well under a job's minimum
    down, and the parsed years are now good enough to say so.

    Override them with :func:`load_weights` (a YAML file and/or ``HOTLIST_RANKING_<FIELD>``
    environment variables). Weights need not sum to 1: the score divides by the
    sum of the weights that apply to each job.
    """

    must: float = 0.14
    """Weight of must-have coverage."""
    nice: float = 0.16
    """Weight of nice-to-have coverage."""
    text: float = 0.02
    """Weight of resume/job text similarity."""
    title: float = 0.24
    """Weight of past job titles against the job title."""
    years: float = 0.39
    """Weight of years of experience against the job's minimum."""
    location: float = 0.06
    """Weight of location fit."""
    years_unknown: float = 0.5
    """Years feature for a candidate whose years of experience are unknown (neutral)."""
    bm25: float = 0.12
    """Weight of BM25 full-text relevance of the resume for the job, over the pool."""
    work: float = 0.21
    """Weight of the must-haves shown in work (an experience or projects section), over their number."""
    location_unknown: float = 0.5
    """Location feature for a candidate whose location is unknown (neutral)."""
    title_unknown: float = 0.5
    """Title feature for a candidate with no job titles found (neutral)."""
    text_full_at: float = 0.25
    """TF-IDF cosine counted as a full text match (strong same-profession pairs in the samples: 0.2-0.4)."""
    recent_years: float = 5.0
    """A skill last used more than this many years before the resume was written (its document date; the
    ranking date when unknown) is stale."""
    stale_credit: float = 0.5
    """Share of a requirement a stale skill earns (a skill with no date earns it all)."""
    acronym_credit: float = 0.81
    """Share of a ``text:`` requirement earned by the initials of its wording, written in capitals ("HR")."""
    related_credit: float = 0.93
    """Share of a requirement earned through a narrower skill that implies it (SQL via MySQL)."""
    wording_credit: float = 0.83
    """Share of a requirement earned when the job's own wording (several words, or with a symbol:
    "Machine Learning", "CI/CD") is in the resume text but the skill was not extracted."""
    text_evidence_min: float = 0.5
    """``bm25`` feature from which a candidate with none of the must-haves still counts as real
    text evidence (listed among those with must-haves, not below them); above 1 turns it off."""
    entry_full_until: float = 2.0
    """Entry-level jobs (graduate, junior, intern... in the title): years up to this fit fully."""
    entry_fade: float = 5.87
    """...and the years feature falls to 0 over this many more years (a senior is not a graduate hire)."""
    must_smoothing: float = 1.0
    """Half-met pseudo must-haves added to every job's count: 1 of 1 must-have scores 0.75, 4 of 4 scores 0.9.

    A job with few must-haves says less about fit; the order within one job is unchanged."""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError(f"ranking weight {f.name}: expected a number, got {value!r}")
            if value < 0:
                raise ValueError(f"ranking weight {f.name}: must not be negative, got {value}")
        for name in ("years_unknown", "location_unknown", "title_unknown", "text_full_at", "stale_credit",
                     "related_credit", "wording_credit", "acronym_credit"):
            if getattr(self, name) > 1:
                raise ValueError(f"ranking weight {name}: must be at most 1, got {getattr(self, name)}")
        if self.text_full_at == 0:
            raise ValueError("ranking weight text_full_at: must be greater than 0")
        if not any(getattr(self, name) for name in FEATURES):
            raise ValueError(f"ranking weights: at least one of {', '.join(FEATURES)} must be above 0")


DEFAULT_WEIGHTS = RankingWeights()


def load_weights(path: Path | None = None, env: Mapping[str, str] | None = None) -> RankingWeights:
    """Defaults, overridden by a YAML mapping at ``path``, then by ``HOTLIST_RANKING_<FIELD>`` in ``env``.

    Pass ``os.environ`` as ``env`` at the edge; this module never reads it itself.
    Unknown keys and bad values raise ``ValueError`` naming the key.
    """
    values: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(RankingWeights)}
    if path is not None:
        import yaml

        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping of ranking weights")
        unknown = sorted(set(map(str, data)) - names)
        if unknown:
            raise ValueError(f"{path}: unknown ranking weight {unknown[0]!r} (known: {', '.join(sorted(names))})")
        values.update(data)
    for key, raw in (env or {}).items():
        if not key.startswith("HOTLIST_RANKING_") or key == "HOTLIST_RANKING_WEIGHTS":
            continue
        name = key.removeprefix("HOTLIST_RANKING_").lower()
        if name not in names:
            raise ValueError(f"{key}: unknown ranking weight {name!r}")
        try:
            values[name] = float(raw)
        except ValueError:
            raise ValueError(f"{key}: expected a number, got {raw!r}") from None
    return dataclasses.replace(DEFAULT_WEIGHTS, **values)


@dataclass(frozen=True)
class CandidateProfile:
    """What ranking needs to know about one candidate; skill evidence is keyed by skill id."""

    id: int
    name: str | None
    text: str
    skill_ids: frozenset[str]
    skill_last_used: dict[str, int] = field(default_factory=dict, hash=False)
    years_experience: float | None = None
    location: str | None = None
    titles: tuple[str, ...] = ()
    skill_snippets: dict[str, str] = field(default_factory=dict, hash=False)
    skill_years: dict[str, float] = field(default_factory=dict, hash=False)
    skill_names: Mapping[str, str] = field(default_factory=dict, hash=False)
    skill_in_work: frozenset[str] = frozenset()
    """Skill ids found in an experience or projects section (shown in real work, not only listed)."""
    written_year: int | None = None
    """Year the resume was written (its document date), when known. A skill is stale when last used more
    than ``recent_years`` before this year (or the ranking date, if earlier or unknown): a skill in use
    when the resume was written is current for that resume, however old the file is."""


@dataclass(frozen=True)
class JobProfile:
    """What ranking needs to know about one job; requirements are ``(id, display name)`` pairs."""

    id: str
    title: str
    description: str = ""
    must_have: tuple[tuple[str, str], ...] = ()
    nice_to_have: tuple[tuple[str, str], ...] = ()
    min_years: float = 0.0
    location: str | None = None
    remote: bool = False
