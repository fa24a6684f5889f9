"""Rank candidates against hot jobs and explain each place in the ranking.

Every candidate gets, for every job, seven features in [0, 1]:

========== ===================================================================
must       credit for the job's must-haves the candidate has, over their number
           (a skill last used more than ``recent_years`` ago earns ``stale_credit``;
           a narrower skill implying it, e.g. MySQL for SQL, earns
           ``related_credit``; the job's own multi-word or symbol wording found in
           the resume text when the skill was not extracted earns ``wording_credit``)
nice       the same for nice-to-haves
text       TF-IDF cosine between resume and job text, ``min(1, cos / text_full_at)``
bm25       Okapi BM25 of the resume for the job's title, requirements and
           description over the whole pool, over the 5th best score in the pool
           (capped at 1)
title      cosine between the words of the candidate's past job titles and the job
           title (seniority words left out); no titles found -> ``title_unknown``
years      ``min(1, years / min_years)``; unknown years -> ``years_unknown``
location   same city or remote job -> 1, same state -> 0.5, else 0;
           unknown candidate location -> ``location_unknown``
========== ===================================================================

The score is their weighted mean, using only the features that apply to the job
(a job with no nice-to-haves, no minimum years or no location and not remote
leaves that feature out, and the other weights are rescaled), rounded to 3
decimals. With an outcome model (``pipeline.outcomes``) the score becomes
``(1 - blend) * score + blend * P(interested)``. A candidate with none of the
must-haves and no text evidence (``bm25`` below ``text_evidence_min``) is listed
below everyone with either, and their score is capped at the lowest score above
them so scores never rise down a list. Ties are broken by candidate id.

Skill relations come from :mod:`pipeline.skill_relations` (a versioned data file).

Everything is computed on N x J arrays and sparse matrices (candidates x words,
candidates x requirements); only the rows returned are explained one by one.

Requirement ids are opaque: a taxonomy id is matched against
``CandidateProfile.skill_ids``; an id starting with ``text:`` (see
:func:`text_requirement_id`) is matched as a whole-word phrase in the resume text.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from hotlist.pipeline import similarity
from hotlist.pipeline.explain import RankedCandidate, Requirement, explain
from hotlist.pipeline.jobs import HotJob
from hotlist.pipeline.locations import location_score, parse_location
from hotlist.pipeline.outcomes import NEUTRAL, OutcomeModel
from hotlist.pipeline.skill_relations import SkillRelations, load_relations

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
FEATURES = ("must", "nice", "text", "title", "years", "location", "bm25")
_SEPARATORS = re.compile(r"[^\w+#.]+|\.(?!\w)")
# Left out of title similarity: they say how senior, not what the job is (years cover that).
SENIORITY_WORDS = ("senior", "sr", "junior", "jr", "lead", "principal", "staff", "head", "chief", "associate",
                   "entry", "level", "mid", "i", "ii", "iii", "iv", "intern", "trainee")


@dataclass(frozen=True)
class RankingWeights:
    """Tunable weights and neutral values of the ranking; the defaults are the shipped config.

    Override them with :func:`load_weights` (a YAML file and/or ``HOTLIST_RANKING_<FIELD>``
    environment variables). Weights need not sum to 1: the score divides by the
    sum of the weights that apply to each job.
    """

    must: float = 0.4
    """Weight of must-have coverage."""
    nice: float = 0.15
    """Weight of nice-to-have coverage."""
    text: float = 0.35
    """Weight of resume/job text similarity."""
    title: float = 0.1
    """Weight of past job titles against the job title."""
    years: float = 0.1
    """Weight of years of experience against the job's minimum."""
    location: float = 0.05
    """Weight of location fit."""
    years_unknown: float = 0.5
    """Years feature for a candidate whose years of experience are unknown (neutral)."""
    bm25: float = 0.0
    """Weight of BM25 full-text relevance of the resume for the job, over the pool."""
    location_unknown: float = 0.5
    """Location feature for a candidate whose location is unknown (neutral)."""
    title_unknown: float = 0.5
    """Title feature for a candidate with no job titles found (neutral)."""
    text_full_at: float = 0.25
    """TF-IDF cosine counted as a full text match (strong same-profession pairs in the samples: 0.2-0.4)."""
    recent_years: float = 5.0
    """A skill last used more than this many years before the ranking date is stale."""
    stale_credit: float = 0.5
    """Share of a requirement a stale skill earns (a skill with no date earns it all)."""
    related_credit: float = 0.0
    """Share of a requirement earned through a narrower skill that implies it (SQL via MySQL)."""
    wording_credit: float = 0.0
    """Share of a requirement earned when the job's own wording (several words, or with a symbol:
    "Machine Learning", "CI/CD") is in the resume text but the skill was not extracted."""
    text_evidence_min: float = 2.0
    """``bm25`` feature from which a candidate with none of the must-haves still counts as real
    text evidence (listed among those with must-haves, not below them); above 1 turns it off."""
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
                     "related_credit", "wording_credit"):
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
    """Display names of skill ids (may be shared by every profile): "SQL via MySQL" in explanations."""


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

    return JobProfile(
        id=job.id,
        title=job.title,
        description=job.description,
        must_have=pairs(job.must_have),
        nice_to_have=pairs(job.nice_to_have),
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
    as_of: date | None = None,
    model: OutcomeModel | None = None,
    blend: float = 0.0,
    relations: SkillRelations | None = None,
) -> dict[str, list[RankedCandidate]]:
    """Rank every candidate for every job; ``{job id: best first}``, at most ``top_n`` per job.

    Scoring is vectorised over all candidate x job pairs; only the rows returned
    get an explanation, so pass ``top_n`` for large pools. ``as_of`` (default
    today) dates skill recency. With ``model`` and ``blend`` > 0 the outcome
    model's probability is blended in, and each row's features record
    ``rule_score`` (the score without it), ``model`` and ``rank_without_model``.
    ``relations`` (default: the shipped file) say which skills imply which.
    Raises ``ValueError`` on duplicate candidate or job ids.
    """
    _require_unique([c.id for c in candidates], "candidate")
    _require_unique([j.id for j in jobs], "job")
    if top_n is not None and top_n < 0:
        raise ValueError(f"top_n must not be negative, got {top_n}")
    if not 0.0 <= blend <= 1.0:
        raise ValueError(f"blend must be between 0 and 1, got {blend}")
    if not candidates or not jobs:
        return {job.id: [] for job in jobs}
    stale_before = (as_of or date.today()).year - int(weights.recent_years)
    relations = relations if relations is not None else load_relations()

    musts = [_unique_requirements(job.must_have, ()) for job in jobs]
    nices = [_unique_requirements(job.nice_to_have, job.must_have) for job in jobs]
    columns: dict[str, int] = {}
    wording: dict[int, str] = {}
    for reqs in (*musts, *nices):
        for rid, display in reqs:
            col = columns.setdefault(rid, len(columns))
            wording.setdefault(col, display)

    texts = [c.text for c in candidates]
    counts = similarity.hash_texts(texts)
    credit = _requirement_credit(candidates, counts, columns, wording, weights, stale_before, relations)  # N x R
    job_counts = similarity.hash_texts([_job_text(job) for job in jobs])
    idf = similarity.idf_weights(counts, job_counts)
    cosine = similarity.cosine_to(counts, similarity.weigh(similarity.stack(job_counts), idf), idf)
    bm25 = _bm25_fit(counts, similarity.hash_texts([_job_text(job) for job in jobs], binary=True)) if weights.bm25 or weights.text_evidence_min <= 1 else np.zeros_like(cosine)
    del counts, texts
    must_count, must_credit = _hits(credit, musts, columns)  # N x J
    _, nice_credit = _hits(credit, nices, columns)
    must_n = np.array([len(r) for r in musts], dtype=np.float32)
    nice_n = np.array([len(r) for r in nices], dtype=np.float32)

    feats = {
        "must": (must_credit + 0.5 * weights.must_smoothing) / np.maximum(must_n + weights.must_smoothing, 1e-9),
        "nice": nice_credit / np.maximum(nice_n, 1),
        "text": np.minimum(1.0, cosine / np.float32(weights.text_full_at)),
        "bm25": bm25,
        "title": _title_fit(candidates, jobs, weights.title_unknown),
        "years": _years_fit(candidates, jobs, weights.years_unknown),
        "location": _location_fit(candidates, jobs, weights.location_unknown),
    }
    min_years = np.array([j.min_years for j in jobs], dtype=np.float32)
    applies = {
        "must": must_n > 0,
        "nice": nice_n > 0,
        "text": np.ones(len(jobs), dtype=bool),
        "bm25": np.full(len(jobs), weights.bm25 > 0),
        "title": np.array([bool(similarity.words(j.title)) for j in jobs]),
        "years": min_years > 0,
        "location": np.array([bool(j.remote or parse_location(j.location)) for j in jobs]),
    }
    w = {name: np.where(applies[name], getattr(weights, name), 0.0).astype(np.float32) for name in FEATURES}
    total = sum(w.values())
    raw = np.zeros(cosine.shape, dtype=np.float32)
    for name in FEATURES:
        raw += feats[name] * w[name]
    raw = np.round(np.clip(np.divide(raw, total, out=np.zeros_like(raw), where=total > 0), 0.0, 1.0), 3)
    rule = raw
    probability = None
    if model is not None and blend > 0:
        probability = model.probability({n: np.where(applies[n], feats[n], NEUTRAL) for n in model.features})
        raw = np.round((1 - blend) * rule + blend * probability, 3).astype(np.float32)

    # N x J: has at least one must-have (or none required), or real text evidence
    tier = (must_count > 0) | ~applies["must"] | (bm25 >= np.float32(weights.text_evidence_min))
    floor = np.where(tier, raw, np.inf).min(axis=0)  # lowest score with a must-have, per job
    score = np.where(tier, raw, np.minimum(raw, floor))

    ids = np.array([c.id for c in candidates], dtype=np.int64)
    limit = len(candidates) if top_n is None else min(top_n, len(candidates))
    owned = _Owned(credit)
    result: dict[str, list[RankedCandidate]] = {}
    for j, job in enumerate(jobs):
        order = _best(score[:, j], tier[:, j], ids, limit)
        names = [n for n in FEATURES if applies[n][j]]
        columns_j = {n: np.round(feats[n][order, j].astype(np.float64), 3).tolist() for n in names}
        columns_j["cosine"] = np.round(cosine[order, j].astype(np.float64), 3).tolist()
        if probability is not None:
            columns_j["rule_score"] = np.round(rule[order, j].astype(np.float64), 3).tolist()
            columns_j["model"] = np.round(probability[order, j], 3).tolist()
            rule_floor = np.where(tier[:, j], rule[:, j], np.inf).min()
            rule_score = np.where(tier[:, j], rule[:, j], np.minimum(rule[:, j], rule_floor))
            rank_of = np.empty(len(ids), dtype=np.int64)
            rank_of[np.lexsort((ids, -rule_score, ~tier[:, j]))] = np.arange(1, len(ids) + 1)
            columns_j["rank_without_model"] = rank_of[order].astype(np.float64).tolist()
        scores_j, raws_j = score[order, j].astype(np.float64).tolist(), raw[order, j].astype(np.float64).tolist()
        requirements = [Requirement(rid, d, "must", columns[rid]) for rid, d in musts[j]]
        requirements += [Requirement(rid, d, "nice", columns[rid]) for rid, d in nices[j]]
        text_evidence = tier[:, j] & (must_count[:, j] == 0) & applies["must"][j]
        rows = []
        for k, i in enumerate(order.tolist()):
            features = {name: values[k] for name, values in columns_j.items()}
            if raws_j[k] != scores_j[k]:
                features["uncapped_score"] = round(raws_j[k], 3)
            rows.append(explain(candidates[i], job, requirements, owned(i), rank=k + 1, score=round(scores_j[k], 3),
                                features=features, weights=weights, stale_before=stale_before,
                                relations=relations, text_evidence=bool(text_evidence[i])))
        result[job.id] = rows
    return result


def _best(score: np.ndarray, tier: np.ndarray, ids: np.ndarray, limit: int) -> np.ndarray:
    """Indices of the ``limit`` best rows: those with a must-have first, then by score, then by id."""
    if limit == 0:
        return np.zeros(0, dtype=np.int64)
    key = score.astype(np.float64) + tier * 2.0  # tier dominates: scores are in [0, 1]
    if limit < len(key):
        cutoff = np.partition(key, len(key) - limit)[len(key) - limit]
        pool = np.flatnonzero(key >= cutoff)
    else:
        pool = np.arange(len(key))
    return pool[np.lexsort((ids[pool], -key[pool]))][:limit]


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


def _requirement_credit(
    candidates: Sequence[CandidateProfile],
    counts: list[sp.csr_matrix],
    columns: dict[str, int],
    wording: dict[int, str],
    weights: RankingWeights,
    stale_before: int,
    relations: SkillRelations,
) -> sp.csr_matrix:
    """Candidate x requirement credit (CSR), the best of what each kind of evidence earns.

    * a taxonomy id in ``skill_ids``: 1, ``stale_credit`` if last used before ``stale_before``;
    * a narrower skill implying it (``relations``): ``related_credit`` (times the stale share);
    * a ``text:`` phrase in the text: 1; the job's wording of a taxonomy requirement in the text:
      ``wording_credit`` (only wordings of several words or with a symbol, which are not ordinary words).

    Phrases are looked for only in the resumes whose word columns contain all their
    words (one sparse product finds them), then confirmed with a whole-word regex.
    """
    skill_cols = {rid: col for rid, col in columns.items() if not rid.startswith(TEXT_PREFIX)}
    wanted = frozenset(skill_cols)
    best: dict[tuple[int, int], float] = {}
    stale = float(weights.stale_credit)
    related = float(weights.related_credit)
    implying: dict[str, frozenset[str]] = {}
    if related > 0:
        pool = frozenset().union(*(c.skill_ids for c in candidates)) if candidates else frozenset()
        for sid in pool:
            ancestors = relations.ancestors(sid) & wanted
            if ancestors:
                implying[sid] = ancestors
    implying_ids = frozenset(implying)
    for i, cand in enumerate(candidates):
        for sid in cand.skill_ids & wanted:
            last = cand.skill_last_used.get(sid)
            best[(i, skill_cols[sid])] = stale if last is not None and last < stale_before else 1.0
        for sid in cand.skill_ids & implying_ids:
            last = cand.skill_last_used.get(sid)
            value = related * (stale if last is not None and last < stale_before else 1.0)
            for parent in implying[sid]:
                key = (i, skill_cols[parent])
                if best.get(key, 0.0) < value:
                    best[key] = value

    phrases: list[tuple[int, list[str], float]] = []
    for rid, col in columns.items():
        if rid.startswith(TEXT_PREFIX):
            phrases.append((col, similarity.words(rid.removeprefix(TEXT_PREFIX)), 1.0))
        elif weights.wording_credit > 0 and _distinctive_wording(wording.get(col, "")):
            phrases.append((col, similarity.words(wording[col]), float(weights.wording_credit)))
    phrases = [p for p in phrases if p[1]]
    if phrases:
        selector_rows = [c for _, ws, _ in phrases for c in similarity.phrase_columns(ws)]
        selector_cols = [p for p, (_, ws, _) in enumerate(phrases) for _ in similarity.phrase_columns(ws)]
        selector = sp.csr_matrix(
            (np.ones(len(selector_rows), dtype=np.float32), (selector_rows, selector_cols)),
            shape=(similarity.N_FEATURES, len(phrases)),
        )
        needed = np.array([len(similarity.phrase_columns(ws)) for _, ws, _ in phrases], dtype=np.float32)
        start = 0
        prepared: dict[int, str] = {}
        for c in counts:
            found = (sp.csr_matrix((np.ones_like(c.data), c.indices, c.indptr), shape=c.shape) @ selector).toarray()
            for p, (col, ws, value) in enumerate(phrases):
                pattern = similarity.phrase_pattern(ws) if len(ws) > 1 else None
                for local in np.flatnonzero(found[:, p] >= needed[p]).tolist():
                    i = start + local
                    if best.get((i, col), 0.0) >= value:
                        continue
                    if pattern is not None:
                        text = prepared.get(i)
                        if text is None:
                            text = prepared[i] = similarity.prepare_for_search(candidates[i].text)
                        if not pattern.search(text):
                            continue
                    best[(i, col)] = value
            start += c.shape[0]
            prepared.clear()
    rows = [i for i, _ in best]
    cols = [c for _, c in best]
    return sp.csr_matrix(
        (np.asarray(list(best.values()), dtype=np.float32), (rows, cols)),
        shape=(len(candidates), max(len(columns), 1)),
    )


def _distinctive_wording(label: str) -> bool:
    """A job wording safe to look for as plain text: several words, or one with a symbol (C++, CI/CD, Node.js)."""
    label = label.strip()
    return len(similarity.words(label)) > 1 or (len(label) > 1 and any(not ch.isalnum() for ch in label))


def _bm25_fit(counts: list[sp.csr_matrix], job_words: list[sp.csr_matrix]) -> np.ndarray:
    """N x J BM25 over the 5th best score of each job in the pool (the best if fewer), capped at 1."""
    scores = similarity.bm25_to(counts, similarity.stack(job_words))
    if scores.shape[0] == 0:
        return scores
    k = min(5, scores.shape[0])
    scale = -np.partition(-scores, k - 1, axis=0)[k - 1]
    scale[scale <= 0] = 1.0
    return np.minimum(1.0, scores / scale).astype(np.float32)


def _hits(
    credit: sp.csr_matrix, reqs: list[tuple[tuple[str, str], ...]], columns: dict[str, int]
) -> tuple[np.ndarray, np.ndarray]:
    """N x J count of each job's requirements each candidate has, and the credit they earn (sparse products)."""
    rows = [columns[rid] for job_reqs in reqs for rid, _ in job_reqs]
    cols = [j for j, job_reqs in enumerate(reqs) for _ in job_reqs]
    job_matrix = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(credit.shape[1], len(reqs))
    )
    had = sp.csr_matrix((np.ones_like(credit.data), credit.indices, credit.indptr), shape=credit.shape)
    return (had @ job_matrix).toarray().astype(np.float32), (credit @ job_matrix).toarray().astype(np.float32)


def _job_text(job: JobProfile) -> str:
    names = [display for _, display in (*job.must_have, *job.nice_to_have)]
    return "\n".join([job.title, job.description, ", ".join(names)])


_TITLE_WEIGHTS: np.ndarray | None = None


_TITLE_SYNONYMS = [
    (re.compile(r"\bfront[\s-]?end\b"), "frontend"),
    (re.compile(r"\bback[\s-]?end\b"), "backend"),
    (re.compile(r"\bfull[\s-]?stack\b"), "fullstack"),
    (re.compile(r"\b(?:sde|swe)\b"), "software engineer"),
    (re.compile(r"\b(?:developer|programmer|dev|eng)\b"), "engineer"),
    (re.compile(r"\b(?:rn)\b"), "registered nurse"),
]


def title_words(title: str) -> str:
    """A title with common synonyms made one word: developer/programmer -> engineer, front-end -> frontend..."""
    text = title.casefold()
    for pattern, replacement in _TITLE_SYNONYMS:
        text = pattern.sub(replacement, text)
    return text


def _title_fit(candidates: Sequence[CandidateProfile], jobs: Sequence[JobProfile], unknown: float) -> np.ndarray:
    """N x J cosine of the binary word bags of past titles and job title; no titles -> ``unknown``."""
    global _TITLE_WEIGHTS
    if _TITLE_WEIGHTS is None:
        _TITLE_WEIGHTS = similarity.column_weights(SENIORITY_WORDS)
    cand = similarity.hash_texts([title_words(" / ".join(c.titles)) for c in candidates], binary=True)
    job = similarity.stack(similarity.hash_texts([title_words(j.title) for j in jobs], binary=True))
    fit = similarity.cosine_to(cand, similarity.weigh(job, _TITLE_WEIGHTS, sublinear=False), _TITLE_WEIGHTS, sublinear=False)
    cand = similarity.stack(cand)
    row_of = np.repeat(np.arange(cand.shape[0]), np.diff(cand.indptr))
    known = np.bincount(row_of, weights=_TITLE_WEIGHTS[cand.indices], minlength=cand.shape[0]) > 0
    fit[~known] = unknown
    return fit


def _years_fit(candidates: Sequence[CandidateProfile], jobs: Sequence[JobProfile], unknown: float) -> np.ndarray:
    years = np.array(
        [np.nan if c.years_experience is None else max(0.0, c.years_experience) for c in candidates],
        dtype=np.float32,
    )
    need = np.array([j.min_years for j in jobs], dtype=np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):
        fit = np.where(need > 0, np.minimum(1.0, years[:, None] / need), 1.0)
    return np.where(np.isnan(years)[:, None], np.float32(unknown), fit).astype(np.float32)


def _location_fit(candidates: Sequence[CandidateProfile], jobs: Sequence[JobProfile], unknown: float) -> np.ndarray:
    """N x J location fit, computed once per distinct candidate location."""
    codes: dict[str | None, int] = {}
    index = np.array([codes.setdefault(c.location, len(codes)) for c in candidates], dtype=np.intp)
    table = np.array(
        [[location_score(parse_location(loc), j.location, j.remote, unknown) for j in jobs] for loc in codes],
        dtype=np.float32,
    )
    return table[index]


class _Owned:
    """``owned(i)``: candidate ``i``'s requirement columns and credit, from the CSR matrix."""

    def __init__(self, credit: sp.csr_matrix) -> None:
        self.credit = credit

    def __call__(self, i: int) -> dict[int, float]:
        lo, hi = self.credit.indptr[i], self.credit.indptr[i + 1]
        return dict(zip(self.credit.indices[lo:hi].tolist(), self.credit.data[lo:hi].tolist()))

