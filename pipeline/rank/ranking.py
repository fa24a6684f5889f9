"""Rank candidates against hot jobs and explain each place in the ranking.

Every candidate gets, for every job, seven features in [0, 1]:

========== ===================================================================
must       credit for the job's must-haves the candidate has, over their number
           (a skill last used more than ``recent_years`` before the resume was written
           earns ``stale_credit``;
           a narrower skill implying it, e.g. MySQL for SQL, earns
           ``related_credit``; the job's own multi-word or symbol wording found in
           the resume text when the skill was not extracted earns ``wording_credit``)
nice       the same for nice-to-haves
text       TF-IDF cosine between resume and job text, ``min(1, cos / text_full_at)``
work       share of the must-haves the candidate shows in an experience or projects
           section (directly or through a narrower skill), not only in a list
bm25       Okapi BM25 of the resume for the job's title, requirements and
           description over the whole pool, over the best score in the pool
title      cosine between the words of the candidate's past job titles and the job
           title (seniority words left out); no titles found -> ``title_unknown``
years      ``min(1, years / min_years)``; for an entry-level job (graduate, junior,
           intern... in the title) 1 up to ``entry_full_until`` years, falling to
           0 over ``entry_fade`` more; unknown years -> ``years_unknown``
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

import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import numpy as np
import scipy.sparse as sp

from hotlist.pipeline.rank import similarity
from hotlist.pipeline.rank.explain import RankedCandidate, Requirement, explain
from hotlist.pipeline.jobs.hot_job import HotJob
from hotlist.pipeline.parse.locations import location_score, parse_location
from hotlist.pipeline.calls.outcomes import NEUTRAL, OutcomeModel
from hotlist.pipeline.rank.types import (
    DEFAULT_WEIGHTS,
    FEATURES,
    TEXT_PREFIX,
    WORK_SECTIONS,
    CandidateProfile,
    JobProfile,
    RankingWeights,
    load_weights,
)
from hotlist.pipeline.skills.relations import SkillRelations, load_relations

__all__ = [
    "DEFAULT_WEIGHTS",
    "FEATURES",
    "WORK_SECTIONS",
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

_SEPARATORS = re.compile(r"[^\w+#.]+|\.(?!\w)")
# Left out of title similarity: they say how senior, not what the job is (years cover that).
SENIORITY_WORDS = ("senior", "sr", "junior", "jr", "lead", "principal", "staff", "head", "chief", "associate",
                   "entry", "level", "mid", "i", "ii", "iii", "iv", "intern", "trainee")


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
    stale_before = stale_years(candidates, (as_of or date.today()).year, weights.recent_years)
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
    in_work = _work_credit(candidates, columns, relations)  # N x R, 1 where shown in work
    job_counts = similarity.hash_texts([_job_text(job) for job in jobs])
    df = similarity.document_frequencies(counts)
    idf = similarity.idf_weights(counts, job_counts, df=df)
    cosine = similarity.cosine_to(counts, similarity.weigh(similarity.stack(job_counts), idf), idf)
    if weights.bm25 or weights.text_evidence_min <= 1:
        bm25 = _bm25_fit(counts, similarity.hash_texts([_job_text(job) for job in jobs], binary=True), df)
    else:
        bm25 = np.zeros_like(cosine)
    del df
    del counts, texts
    must_count, must_credit = _hits(credit, musts, columns)  # N x J
    _, nice_credit = _hits(credit, nices, columns)
    _, work_credit = _hits(in_work, musts, columns)
    must_n = np.array([len(r) for r in musts], dtype=np.float32)
    nice_n = np.array([len(r) for r in nices], dtype=np.float32)

    feats = {
        "must": (must_credit + 0.5 * weights.must_smoothing) / np.maximum(must_n + weights.must_smoothing, 1e-9),
        "nice": nice_credit / np.maximum(nice_n, 1),
        "text": np.minimum(1.0, cosine / np.float32(weights.text_full_at)),
        "bm25": bm25,
        "work": work_credit / np.maximum(must_n, 1),
        "title": _title_fit(candidates, jobs, weights.title_unknown),
        "years": _years_fit(candidates, jobs, weights),
        "location": _location_fit(candidates, jobs, weights.location_unknown),
    }
    min_years = np.array([j.min_years for j in jobs], dtype=np.float32)
    applies = {
        "must": must_n > 0,
        "nice": nice_n > 0,
        "text": np.ones(len(jobs), dtype=bool),
        "bm25": np.full(len(jobs), weights.bm25 > 0),
        "work": (must_n > 0) & (weights.work > 0),
        "title": np.array([bool(similarity.words(j.title)) for j in jobs]),
        "years": (min_years > 0) | np.array([is_entry_level(j.title) for j in jobs], dtype=bool),
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
                                features=features, weights=weights, stale_before=int(stale_before[i]),
                                relations=relations, text_evidence=bool(text_evidence[i])))
        result[job.id] = rows
    return result


def stale_years(candidates: Sequence[CandidateProfile], year: int, recent_years: float) -> np.ndarray:
    """Per candidate, the year before which a skill's last use is stale: ``recent_years`` before the year
    the resume was written (``written_year``), or before ``year`` (the ranking date) if that is earlier or unknown."""
    written = np.array([c.written_year if c.written_year else year for c in candidates], dtype=np.int64)
    return np.minimum(written, year) - int(recent_years)


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
    stale_before: np.ndarray,
    relations: SkillRelations,
) -> sp.csr_matrix:
    """Candidate x requirement credit (CSR), the best of what each kind of evidence earns.

    * a taxonomy id in ``skill_ids``: 1, ``stale_credit`` if last used before the candidate's ``stale_before``;
    * a narrower skill implying it (``relations``): ``related_credit`` (times the stale share);
    * a ``text:`` phrase in the text: 1; the job's wording of a taxonomy requirement in the text:
      ``wording_credit`` (only wordings of several words or with a symbol, which are not ordinary words).

    Phrases are looked for only in the resumes whose word columns contain all their
    words (one sparse product finds them), then confirmed on the resume's word sequence.
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
        cutoff = int(stale_before[i])
        for sid in cand.skill_ids & wanted:
            last = cand.skill_last_used.get(sid)
            best[(i, skill_cols[sid])] = stale if last is not None and last < cutoff else 1.0
        for sid in cand.skill_ids & implying_ids:
            last = cand.skill_last_used.get(sid)
            value = related * (stale if last is not None and last < cutoff else 1.0)
            for parent in implying[sid]:
                key = (i, skill_cols[parent])
                if best.get(key, 0.0) < value:
                    best[key] = value

    # (column, words, credit, case-sensitive acronym pattern or None)
    phrases: list[tuple[int, list[str], float, re.Pattern[str] | None]] = []
    for rid, col in columns.items():
        label = rid.removeprefix(TEXT_PREFIX) if rid.startswith(TEXT_PREFIX) else wording.get(col, "")
        value = 1.0 if rid.startswith(TEXT_PREFIX) else float(weights.wording_credit)
        if value <= 0:
            continue
        if rid.startswith(TEXT_PREFIX) or _distinctive_wording(label):
            phrases.append((col, similarity.words(label), value, None))
        short = acronym(wording.get(col, label)) if rid.startswith(TEXT_PREFIX) else None
        if short:  # only for wordings the taxonomy does not know (its skills carry their own acronyms)
            phrases.append((col, [short.lower()], value * weights.acronym_credit,
                            re.compile(r"(?<![\w])" + short + r"(?![\w])")))
    phrases = [p for p in phrases if p[1] and p[2] > 0]
    if phrases:
        selector_rows = [c for _, ws, _, _ in phrases for c in similarity.phrase_columns(ws)]
        selector_cols = [p for p, (_, ws, _, _) in enumerate(phrases) for _ in similarity.phrase_columns(ws)]
        selector = sp.csr_matrix(
            (np.ones(len(selector_rows), dtype=np.float32), (selector_rows, selector_cols)),
            shape=(similarity.N_FEATURES, len(phrases)),
        )
        needed = np.array([len(similarity.phrase_columns(ws)) for _, ws, _, _ in phrases], dtype=np.float32)
        start = 0
        prepared: dict[int, bytes] = {}
        for c in counts:
            found = (sp.csr_matrix((np.ones_like(c.data), c.indices, c.indptr), shape=c.shape) @ selector).toarray()
            for p, (col, ws, value, exact) in enumerate(phrases):
                joined_phrase = (" " + " ".join(ws) + " ").encode("utf-8") if len(ws) > 1 else None
                for local in np.flatnonzero(found[:, p] >= needed[p]).tolist():
                    i = start + local
                    if best.get((i, col), 0.0) >= value:
                        continue
                    if exact is not None and not exact.search(candidates[i].text):
                        continue
                    if joined_phrase is not None:  # the words next to each other, as the tokenizer sees them
                        tokens = prepared.get(i)
                        if tokens is None:
                            tokens = prepared[i] = similarity.token_line(candidates[i].text)
                        if joined_phrase not in tokens:
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


def _work_credit(candidates: Sequence[CandidateProfile], columns: dict[str, int], relations: SkillRelations) -> sp.csr_matrix:
    """Candidate x requirement: 1 where the skill, or a narrower one implying it, is in a work section."""
    skill_cols = {rid: col for rid, col in columns.items() if not rid.startswith(TEXT_PREFIX)}
    wanted = frozenset(skill_cols)
    seen: set[tuple[int, int]] = set()
    for i, cand in enumerate(candidates):
        for sid in cand.skill_in_work:
            for rid in (sid, *relations.ancestors(sid)):
                if rid in wanted:
                    seen.add((i, skill_cols[rid]))
    rows = [i for i, _ in seen]
    cols = [c for _, c in seen]
    return sp.csr_matrix((np.ones(len(seen), dtype=np.float32), (rows, cols)),
                         shape=(len(candidates), max(len(columns), 1)))


def acronym(label: str) -> str | None:
    """The initials of a wording of two to four capitalised or lower-case words ("Human Resources" -> "HR");
    None when a word is an acronym itself, has a symbol or digit, or is a stop word ("REST APIs", "Quality of Service")."""
    parts = label.split()
    if not 2 <= len(parts) <= 4:
        return None
    if any(not w.isalpha() or (w.isupper() and len(w) > 1) or w.lower() in _SMALL_WORDS for w in parts):
        return None
    return "".join(w[0].upper() for w in parts)


_SMALL_WORDS = frozenset({"a", "an", "and", "of", "the", "for", "to", "in", "on", "with", "or"})


def _distinctive_wording(label: str) -> bool:
    """A job wording safe to look for as plain text: several words, or one with a symbol (C++, CI/CD, Node.js)."""
    label = label.strip()
    return len(similarity.words(label)) > 1 or (len(label) > 1 and any(not ch.isalnum() for ch in label))


def _bm25_fit(counts: list[sp.csr_matrix], job_words: list[sp.csr_matrix], df: np.ndarray) -> np.ndarray:
    """N x J BM25 over the best score of each job in the pool."""
    scores = similarity.bm25_to(counts, similarity.stack(job_words), df=df)
    if scores.shape[0] == 0:
        return scores
    scale = scores.max(axis=0)
    scale[scale <= 0] = 1.0
    return (scores / scale).astype(np.float32)


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


ENTRY_LEVEL_WORDS = frozenset({"graduate", "grad", "junior", "jr", "entry", "intern", "internship", "trainee",
                               "apprentice", "fresher", "graduates"})


def is_entry_level(title: str) -> bool:
    """A job title for people starting out: graduate, junior, entry-level, intern, trainee..."""
    return bool(ENTRY_LEVEL_WORDS & set(similarity.words(title)))


def _years_fit(candidates: Sequence[CandidateProfile], jobs: Sequence[JobProfile], weights: RankingWeights) -> np.ndarray:
    """N x J: ``min(1, years / min_years)``; for an entry-level job, 1 up to ``entry_full_until`` years,
    then down to 0 over ``entry_fade`` more years; unknown years -> ``years_unknown``."""
    years = np.array(
        [np.nan if c.years_experience is None else max(0.0, c.years_experience) for c in candidates],
        dtype=np.float32,
    )
    need = np.array([j.min_years for j in jobs], dtype=np.float32)
    entry = np.array([is_entry_level(j.title) for j in jobs], dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        fit = np.where(need > 0, np.minimum(1.0, years[:, None] / need), 1.0)
        fade = max(weights.entry_fade, 1e-6)
        junior = np.clip(1.0 - (years[:, None] - weights.entry_full_until) / fade, 0.0, 1.0)
    fit = np.where(entry & (need <= weights.entry_full_until), junior, fit)
    return np.where(np.isnan(years)[:, None], np.float32(weights.years_unknown), fit).astype(np.float32)


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

