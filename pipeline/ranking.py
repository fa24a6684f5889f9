"""Rank candidates against hot jobs and explain each place in the ranking.

Every candidate gets, for every job, five features in [0, 1]:

========== ===================================================================
must       share of the job's must-haves the candidate has
nice       share of the job's nice-to-haves the candidate has
text       TF-IDF cosine between resume and job text, ``min(1, cos / text_full_at)``
years      ``min(1, years / min_years)``; unknown years -> ``years_unknown``
location   same city or remote job -> 1, same state -> 0.5, else 0;
           unknown candidate location -> ``location_unknown``
========== ===================================================================

The score is their weighted mean, using only the features that apply to the job
(a job with no nice-to-haves, no minimum years or no location and not remote
leaves that feature out, and the other weights are rescaled), rounded to 3
decimals. A candidate with none of the must-haves is listed below everyone with
at least one, and their score is capped at the lowest score above them so scores
never rise down a list. Ties are broken by candidate id.

Requirement ids are opaque: a taxonomy id is matched against
``CandidateProfile.skill_ids``; an id starting with ``text:`` (see
:func:`text_requirement_id`) is matched as a whole-word phrase in the resume text.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from pipeline.jobs import HotJob

__all__ = [
    "DEFAULT_WEIGHTS",
    "CandidateProfile",
    "JobProfile",
    "RankedCandidate",
    "RankingWeights",
    "build_job_profile",
    "load_weights",
    "normalise_text",
    "rank_candidates",
    "text_requirement_id",
]

TEXT_PREFIX = "text:"
_SEPARATORS = re.compile(r"[^\w+#.]+|\.(?!\w)")
_FEATURES = ("must", "nice", "text", "years", "location")


@dataclass(frozen=True)
class RankingWeights:
    """Tunable weights and neutral values of the ranking; the defaults are the shipped config.

    Override them with :func:`load_weights` (a YAML file and/or ``HOTLIST_RANKING_<FIELD>``
    environment variables). Weights need not sum to 1: the score divides by the
    sum of the weights that apply to each job.
    """

    must: float = 0.5
    """Weight of must-have coverage."""
    nice: float = 0.15
    """Weight of nice-to-have coverage."""
    text: float = 0.2
    """Weight of resume/job text similarity."""
    years: float = 0.1
    """Weight of years of experience against the job's minimum."""
    location: float = 0.05
    """Weight of location fit."""
    years_unknown: float = 0.5
    """Years feature for a candidate whose years of experience are unknown (neutral)."""
    location_unknown: float = 0.5
    """Location feature for a candidate whose location is unknown (neutral)."""
    text_full_at: float = 0.4
    """TF-IDF cosine counted as a full text match (resume/job cosines rarely exceed 0.5)."""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError(f"ranking weight {f.name}: expected a number, got {value!r}")
            if value < 0:
                raise ValueError(f"ranking weight {f.name}: must not be negative, got {value}")
        for name in ("years_unknown", "location_unknown", "text_full_at"):
            if getattr(self, name) > 1:
                raise ValueError(f"ranking weight {name}: must be at most 1, got {getattr(self, name)}")
        if self.text_full_at == 0:
            raise ValueError("ranking weight text_full_at: must be greater than 0")
        if not any(getattr(self, name) for name in _FEATURES):
            raise ValueError("ranking weights: at least one of must, nice, text, years, location must be above 0")


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
        if not key.startswith("HOTLIST_RANKING_"):
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
    """What ranking needs to know about one candidate."""

    id: int
    name: str | None
    text: str
    skill_ids: frozenset[str]
    skill_last_used: dict[str, int] = field(default_factory=dict, hash=False)
    years_experience: float | None = None
    location: str | None = None
    titles: tuple[str, ...] = ()


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


@dataclass(slots=True)
class RankedCandidate:
    """One candidate's place in one job's ranking, with the evidence for it."""

    candidate_id: int
    job_id: str
    rank: int
    score: float
    matched_must: list[str]
    missing_must: list[str]
    matched_nice: list[str]
    missing_nice: list[str]
    years_fit: str
    features: dict[str, float]
    reason: str

    def explanation(self) -> dict[str, Any]:
        """The JSON-ready explanation stored with a match (everything but ids, rank, score, reason)."""
        return {
            "matched_must": list(self.matched_must),
            "missing_must": list(self.missing_must),
            "matched_nice": list(self.matched_nice),
            "missing_nice": list(self.missing_nice),
            "years_fit": self.years_fit,
            "features": dict(self.features),
        }


# --------------------------------------------------------------------------- text ids


def normalise_text(text: str) -> str:
    """Lower-case words separated by single spaces; ``+``, ``#`` and inner dots kept (c++, c#, node.js)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(_SEPARATORS.sub(" ", text.casefold()).split())


def text_requirement_id(label: str) -> str:
    """The id of a requirement that did not resolve to a taxonomy skill, e.g. ``text:patient care``."""
    return TEXT_PREFIX + normalise_text(label)


def build_job_profile(job: HotJob, resolve: Callable[[str], str | None] | None = None) -> JobProfile:
    """Turn a :class:`HotJob` into a :class:`JobProfile`, resolving each requirement with ``resolve``.

    ``resolve(label)`` returns a taxonomy id or ``None``; unresolved labels become
    :func:`text_requirement_id` ids. A requirement resolving to an id already
    required is dropped (must-haves win over nice-to-haves).
    """
    seen: set[str] = set()

    def pairs(labels: list[str]) -> tuple[tuple[str, str], ...]:
        out = []
        for label in labels:
            rid = (resolve(label) if resolve else None) or text_requirement_id(label)
            if rid not in seen and rid != TEXT_PREFIX:
                seen.add(rid)
                out.append((rid, label))
        return tuple(out)

    must = pairs(job.must_have)
    nice = pairs(job.nice_to_have)
    return JobProfile(
        id=job.id,
        title=job.title,
        description=job.description,
        must_have=must,
        nice_to_have=nice,
        min_years=job.min_years,
        location=job.location,
        remote=job.remote,
    )


# --------------------------------------------------------------------------- ranking


def rank_candidates(
    candidates: Sequence[CandidateProfile],
    jobs: Sequence[JobProfile],
    weights: RankingWeights = DEFAULT_WEIGHTS,
    *,
    top_n: int | None = None,
) -> dict[str, list[RankedCandidate]]:
    """Rank every candidate for every job; ``{job id: best first}``, at most ``top_n`` per job.

    Scoring is vectorised over all candidate x job pairs; only the rows returned
    get an explanation, so pass ``top_n`` for large pools (10k x 50 with
    ``top_n=None`` builds 500k explained rows). Raises ``ValueError`` on
    duplicate candidate or job ids.
    """
    _require_unique([c.id for c in candidates], "candidate")
    _require_unique([j.id for j in jobs], "job")
    if top_n is not None and top_n < 0:
        raise ValueError(f"top_n must not be negative, got {top_n}")
    if not candidates or not jobs:
        return {job.id: [] for job in jobs}

    musts = [_unique_requirements(job.must_have, ()) for job in jobs]
    nices = [_unique_requirements(job.nice_to_have, job.must_have) for job in jobs]
    columns: dict[str, int] = {}
    for reqs in (*musts, *nices):
        for rid, _ in reqs:
            columns.setdefault(rid, len(columns))

    texts = [normalise_text(c.text) for c in candidates]
    have = _candidate_requirements(candidates, texts, columns)  # N x R, binary
    must_hits = _hits(have, musts, columns)  # N x J
    nice_hits = _hits(have, nices, columns)
    must_counts = np.array([len(r) for r in musts], dtype=np.float32)
    nice_counts = np.array([len(r) for r in nices], dtype=np.float32)
    cosine = _text_similarity(texts, [normalise_text(_job_text(job)) for job in jobs])
    del texts

    feats = {
        "must": must_hits / np.maximum(must_counts, 1),
        "nice": nice_hits / np.maximum(nice_counts, 1),
        "text": np.minimum(1.0, cosine / np.float32(weights.text_full_at)),
        "years": _years_fit(candidates, jobs, weights.years_unknown),
        "location": _location_fit(candidates, jobs, weights.location_unknown),
    }
    min_years = np.array([j.min_years for j in jobs], dtype=np.float32)
    has_location = np.array([bool(j.remote or _parse_location(j.location)) for j in jobs])
    applies = {
        "must": must_counts > 0,
        "nice": nice_counts > 0,
        "text": np.ones(len(jobs), dtype=bool),
        "years": min_years > 0,
        "location": has_location,
    }
    w = {name: np.where(applies[name], getattr(weights, name), 0.0) for name in _FEATURES}
    total = sum(w.values())
    raw = sum(feats[name].astype(np.float64) * w[name] for name in _FEATURES)
    raw = np.divide(raw, total, out=np.zeros_like(raw), where=total > 0)
    raw = np.round(np.clip(raw, 0.0, 1.0), 3)

    tier = (must_hits > 0) | ~applies["must"]  # N x J: has at least one must-have (or none required)
    floor = np.where(tier, raw, np.inf).min(axis=0)  # lowest score with a must-have, per job
    score = np.where(tier, raw, np.minimum(raw, floor))

    ids = np.array([c.id for c in candidates], dtype=np.int64)
    limit = len(candidates) if top_n is None else min(top_n, len(candidates))
    explainer = _Explainer(candidates, have, columns)
    result: dict[str, list[RankedCandidate]] = {}
    for j, job in enumerate(jobs):
        order = np.lexsort((ids, -score[:, j], ~tier[:, j]))[:limit]
        columns_j = {
            name: np.round(feats[name][order, j].astype(np.float64), 3).tolist()
            for name in _FEATURES
            if applies[name][j]
        }
        columns_j["cosine"] = np.round(cosine[order, j].astype(np.float64), 3).tolist()
        scores_j, raws_j = score[order, j].tolist(), raw[order, j].tolist()
        explain = explainer.for_job(job, musts[j], nices[j])
        rows = []
        for k, i in enumerate(order.tolist()):
            features = {name: values[k] for name, values in columns_j.items()}
            if raws_j[k] != scores_j[k]:
                features["uncapped_score"] = raws_j[k]
            rows.append(explain(i, k + 1, scores_j[k], features))
        result[job.id] = rows
    return result


def _require_unique(ids: list[Any], kind: str) -> None:
    seen: set[Any] = set()
    for value in ids:
        if value in seen:
            raise ValueError(f"{kind} id {value!r} appears more than once")
        seen.add(value)


def _unique_requirements(
    reqs: tuple[tuple[str, str], ...], exclude: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    """Requirements with normalised text ids, first of each id kept, ids in ``exclude`` dropped."""
    skip = {_canonical_id(rid) for rid, _ in exclude}
    out: dict[str, str] = {}
    for rid, display in reqs:
        rid = _canonical_id(rid)
        if rid not in skip and rid not in out and rid != TEXT_PREFIX:
            out[rid] = display
    return tuple(out.items())


def _canonical_id(rid: str) -> str:
    return text_requirement_id(rid.removeprefix(TEXT_PREFIX)) if rid.startswith(TEXT_PREFIX) else rid


def _candidate_requirements(
    candidates: Sequence[CandidateProfile], texts: Sequence[str], columns: dict[str, int]
) -> sp.csr_matrix:
    """Binary candidate x requirement matrix: taxonomy ids from ``skill_ids``, ``text:`` ids from ``texts``.

    ``texts`` are the candidates' texts after :func:`normalise_text`.
    """
    skill_cols = {rid: col for rid, col in columns.items() if not rid.startswith(TEXT_PREFIX)}
    skill_set = frozenset(skill_cols)
    phrases = {rid.removeprefix(TEXT_PREFIX): col for rid, col in columns.items() if rid.startswith(TEXT_PREFIX)}
    find_phrases = _phrase_finder(phrases) if phrases else None

    indptr = [0]
    indices: list[int] = []
    for cand, text in zip(candidates, texts):
        row = {skill_cols[s] for s in cand.skill_ids & skill_set}
        if find_phrases is not None:
            row |= find_phrases(text)
        indices.extend(row)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sp.csr_matrix((data, indices, indptr), shape=(len(candidates), len(columns)))


def _phrase_finder(phrases: dict[str, int]) -> Callable[[str], set[int]]:
    """A function giving the columns of the phrases found, as whole words, in a normalised text.

    One regex pass per text: a lookahead after each space finds the longest
    phrase starting there, and a phrase found implies every shorter phrase that
    is its word prefix ("patient care" implies "patient").
    """
    ordered = sorted(phrases, key=len, reverse=True)
    pattern = re.compile(r" (?=(" + "|".join(map(re.escape, ordered)) + r") )")
    implied = {p: {phrases[q] for q in phrases if q == p or p.startswith(q + " ")} for p in phrases}

    def find(text: str) -> set[int]:
        found: set[int] = set()
        for match in pattern.finditer(f" {text} "):
            found |= implied[match.group(1)]
        return found

    return find


def _hits(have: sp.csr_matrix, reqs: list[tuple[tuple[str, str], ...]], columns: dict[str, int]) -> np.ndarray:
    """N x J count of each job's requirements each candidate has (sparse product)."""
    rows = [columns[rid] for job_reqs in reqs for rid, _ in job_reqs]
    cols = [j for j, job_reqs in enumerate(reqs) for _ in job_reqs]
    job_matrix = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(columns), len(reqs))
    )
    return np.asarray((have @ job_matrix).toarray(), dtype=np.float32)


def _job_text(job: JobProfile) -> str:
    names = [display for _, display in (*job.must_have, *job.nice_to_have)]
    return "\n".join([job.title, job.description, ", ".join(names)])


def _text_similarity(texts: Sequence[str], job_texts: Sequence[str]) -> np.ndarray:
    """N x J cosine between TF-IDF vectors (fit on resumes + job texts) of resumes and jobs.

    Texts arrive normalised (:func:`normalise_text`), so tokens are split on spaces:
    "c++", "c#" and "node.js" stay whole words.
    """
    vectorizer = TfidfVectorizer(
        sublinear_tf=True,
        stop_words="english",
        lowercase=False,
        tokenizer=str.split,
        token_pattern=None,
        dtype=np.float32,
    )
    try:
        matrix = vectorizer.fit_transform([*texts, *job_texts])
    except ValueError:  # empty vocabulary: no text at all beyond stop words
        return np.zeros((len(texts), len(job_texts)), dtype=np.float32)
    n = len(texts)
    cosine = (matrix[:n] @ matrix[n:].T).toarray()
    return np.clip(cosine, 0.0, 1.0).astype(np.float32)


def _years_fit(candidates: Sequence[CandidateProfile], jobs: Sequence[JobProfile], unknown: float) -> np.ndarray:
    years = np.array(
        [np.nan if c.years_experience is None else max(0.0, c.years_experience) for c in candidates],
        dtype=np.float32,
    )
    need = np.array([j.min_years for j in jobs], dtype=np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):
        fit = np.where(need > 0, np.minimum(1.0, years[:, None] / need), 1.0)
    return np.where(np.isnan(years)[:, None], np.float32(unknown), fit).astype(np.float32)


# --------------------------------------------------------------------------- location

_US_STATES = {
    "alabama": "al", "alaska": "ak", "arizona": "az", "arkansas": "ar", "california": "ca",
    "colorado": "co", "connecticut": "ct", "delaware": "de", "district of columbia": "dc",
    "florida": "fl", "georgia": "ga", "hawaii": "hi", "idaho": "id", "illinois": "il",
    "indiana": "in", "iowa": "ia", "kansas": "ks", "kentucky": "ky", "louisiana": "la",
    "maine": "me", "maryland": "md", "massachusetts": "ma", "michigan": "mi", "minnesota": "mn",
    "mississippi": "ms", "missouri": "mo", "montana": "mt", "nebraska": "ne", "nevada": "nv",
    "new hampshire": "nh", "new jersey": "nj", "new mexico": "nm", "new york": "ny",
    "north carolina": "nc", "north dakota": "nd", "ohio": "oh", "oklahoma": "ok", "oregon": "or",
    "pennsylvania": "pa", "rhode island": "ri", "south carolina": "sc", "south dakota": "sd",
    "tennessee": "tn", "texas": "tx", "utah": "ut", "vermont": "vt", "virginia": "va",
    "washington": "wa", "west virginia": "wv", "wisconsin": "wi", "wyoming": "wy",
}
_COUNTRIES = {"usa", "us", "u.s", "u.s.a", "united states", "united states of america"}
_REMOTE = "remote"


@functools.lru_cache(maxsize=4096)
def _parse_location(text: str | None) -> tuple[str | None, str | None] | str | None:
    """``(city, region)`` from ``"Austin, TX 78701"`` / ``"Austin, Texas, USA"``; ``"remote"``; or None."""
    if not text:
        return None
    parts = [normalise_text(p) for p in text.split(",")]
    parts = [re.sub(r"\s*\d{5}(?:-\d{4})?$", "", p).strip() for p in parts]
    parts = [p for p in parts if p and p not in _COUNTRIES]
    if not parts:
        return None
    if any(p.startswith(_REMOTE) for p in parts):
        return _REMOTE
    regions = set(_US_STATES.values())
    last = _US_STATES.get(parts[-1], parts[-1])
    if len(parts) == 1:
        return (None, last) if last in regions else (parts[0], None)
    return parts[0], last


def _location_score(cand: tuple[str | None, str | None] | str | None, job: JobProfile, unknown: float) -> float:
    if job.remote:
        return 1.0
    where = _parse_location(job.location)
    if where == _REMOTE:
        return 1.0
    if cand is None or cand == _REMOTE or where is None:
        return unknown
    (c_city, c_region), (j_city, j_region) = cand, where  # type: ignore[misc]
    regions_agree = c_region is None or j_region is None or c_region == j_region
    if j_city is None:  # the job names a state only
        return 1.0 if c_region == j_region else (unknown if c_region is None else 0.0)
    if c_city == j_city and regions_agree:
        return 1.0
    if c_region is not None and c_region == j_region:
        return 0.5
    return 0.0


def _location_fit(candidates: Sequence[CandidateProfile], jobs: Sequence[JobProfile], unknown: float) -> np.ndarray:
    """N x J location fit, computed once per distinct candidate location."""
    codes: dict[str | None, int] = {}
    index = np.array([codes.setdefault(c.location, len(codes)) for c in candidates], dtype=np.intp)
    table = np.array(
        [[_location_score(_parse_location(loc), job, unknown) for job in jobs] for loc in codes],
        dtype=np.float32,
    )
    return table[index]


# --------------------------------------------------------------------------- explanations


class _Explainer:
    """Builds :class:`RankedCandidate` rows; per-candidate skill sets are computed once and shared by jobs."""

    def __init__(self, candidates: Sequence[CandidateProfile], have: sp.csr_matrix, columns: dict[str, int]) -> None:
        self.candidates = candidates
        self.have = have
        self.columns = columns
        self._owned: dict[int, set[int]] = {}

    def _owned_columns(self, i: int) -> set[int]:
        owned = self._owned.get(i)
        if owned is None:
            owned = self._owned[i] = set(self.have.indices[self.have.indptr[i] : self.have.indptr[i + 1]].tolist())
        return owned

    def for_job(
        self, job: JobProfile, must: tuple[tuple[str, str], ...], nice: tuple[tuple[str, str], ...]
    ) -> Callable[[int, int, float, dict[str, float]], RankedCandidate]:
        """``explain(candidate index, rank, score, features)`` for one job."""
        must_cols = [(self.columns[rid], display) for rid, display in must]
        nice_cols = [(self.columns[rid], display) for rid, display in nice]
        onsite = not job.remote and _parse_location(job.location) not in (None, _REMOTE)

        def explain(i: int, rank: int, score: float, features: dict[str, float]) -> RankedCandidate:
            cand = self.candidates[i]
            owned = self._owned_columns(i)
            matched_must = [d for col, d in must_cols if col in owned]
            missing_must = [d for col, d in must_cols if col not in owned]
            matched_nice = [d for col, d in nice_cols if col in owned]
            missing_nice = [d for col, d in nice_cols if col not in owned]
            where = None
            if onsite:
                if _parse_location(cand.location) in (None, _REMOTE):
                    where = "location unknown"
                elif features.get("location") == 0.0:
                    where = f"based in {cand.location}"
            return RankedCandidate(
                candidate_id=cand.id,
                job_id=job.id,
                rank=rank,
                score=score,
                matched_must=matched_must,
                missing_must=missing_must,
                matched_nice=matched_nice,
                missing_nice=missing_nice,
                years_fit=_years_text(cand.years_experience, job.min_years),
                features=features,
                reason=_reason(cand.years_experience, job.min_years, matched_must, missing_must, matched_nice, where),
            )

        return explain


def _num(value: float) -> str:
    return f"{value:g}"


def _years_text(years: float | None, need: float) -> str:
    if years is None:
        return "years unknown"
    return f"{years:.1f} yrs vs {_num(need)} required" if need > 0 else f"{years:.1f} yrs, none required"


def _reason(
    years: float | None,
    need: float,
    matched: list[str],
    missing: list[str],
    nice: list[str],
    where: str | None,
) -> str:
    """One line a recruiter can read out, e.g. ``Missing AWS; has Python; 3.0 yrs (5 required)``."""
    if years is None:
        years_part = "years unknown"
    elif need > 0:
        years_part = f"{years:.1f} yrs ({_num(need)} required)"
    else:
        years_part = f"{years:.1f} yrs"

    total = len(matched) + len(missing)
    what = "the must-have" if total == 1 else f"all {total} must-haves"
    if total == 0:
        head = years_part
    elif not missing:
        head = f"Has {what} ({', '.join(matched)}), {years_part}"
    elif not matched:
        head = f"Missing {what} ({', '.join(missing)}), {years_part}"
    else:
        head = f"Missing {', '.join(missing)}; has {', '.join(matched)}; {years_part}"
    parts = [head[0].upper() + head[1:]]
    if nice:
        parts.append(f"also {', '.join(nice)}")
    if where:
        parts.append(where)
    return "; ".join(parts)
