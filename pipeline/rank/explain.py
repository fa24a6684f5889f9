"""Explanations of a candidate's place in a job's ranking, in words a recruiter reads out.

For each ranked row:

* ``requirements``: every requirement of the job with a status, ``met``,
  ``not met``, ``partly met`` (a stale skill, a nearby city) or ``not stated``
  (the resume does not say: years or location unknown), and the evidence (a
  snippet of the resume, the year last used, the years or place found);
* ``reason``: one line, e.g. ``Has all 3 must-haves (Python, PostgreSQL, AWS), 7.5 yrs (5 required); also Docker``;
* ``why_not_higher``: the requirement that cost the most score, e.g. ``Missing AWS (-0.087)``:
  missing must-haves first (together, as one), then the costliest of stale skills,
  missing nice-to-haves, years and location; text and title likeness only when every
  requirement is met;
* ``ask_about``: what to ask on the call: missing must-haves and what the resume does not state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hotlist.pipeline.parse.locations import REMOTE, is_onsite, parse_location
from hotlist.pipeline.rank.similarity import phrase_pattern, prepare_for_search, words

if TYPE_CHECKING:
    from hotlist.pipeline.rank.types import CandidateProfile, JobProfile, RankingWeights
    from hotlist.pipeline.skills.relations import SkillRelations

__all__ = ["Explanation", "RankedCandidate", "Requirement", "explain"]

MET, NOT_MET, PARTLY, NOT_STATED = "met", "not met", "partly met", "not stated"


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
    requirements: list[dict[str, Any]] = field(default_factory=list)
    why_not_higher: str = ""
    ask_about: list[str] = field(default_factory=list)
    text_evidence: bool = False

    def explanation(self) -> dict[str, Any]:
        """The JSON-ready explanation stored with a match (everything but ids, rank, score, reason)."""
        return self.to_explanation().to_dict()

    def to_explanation(self) -> Explanation:
        """The typed explanation of this row (what crosses into storage and call lists)."""
        return Explanation(
            matched_must=list(self.matched_must), missing_must=list(self.missing_must),
            matched_nice=list(self.matched_nice), missing_nice=list(self.missing_nice),
            years_fit=self.years_fit, features=dict(self.features),
            requirements=[dict(r) for r in self.requirements], why_not_higher=self.why_not_higher,
            ask_about=list(self.ask_about), text_evidence=self.text_evidence,
        )


@dataclass(slots=True)
class Explanation:
    """A stored match explanation; the one place that reads and writes its JSON form.

    ``text_evidence``: listed for what the resume text says although no must-have was found.
    """

    matched_must: list[str] = field(default_factory=list)
    missing_must: list[str] = field(default_factory=list)
    matched_nice: list[str] = field(default_factory=list)
    missing_nice: list[str] = field(default_factory=list)
    years_fit: str = ""
    features: dict[str, float] = field(default_factory=dict)
    requirements: list[dict[str, Any]] = field(default_factory=list)
    why_not_higher: str = ""
    ask_about: list[str] = field(default_factory=list)
    text_evidence: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Explanation:
        """Read a stored explanation (older ones lack some keys: they get the defaults)."""
        data = data or {}
        return cls(
            matched_must=list(data.get("matched_must") or []),
            missing_must=list(data.get("missing_must") or []),
            matched_nice=list(data.get("matched_nice") or []),
            missing_nice=list(data.get("missing_nice") or []),
            years_fit=str(data.get("years_fit") or ""),
            features=dict(data.get("features") or {}),
            requirements=[dict(r) for r in data.get("requirements") or []],
            why_not_higher=str(data.get("why_not_higher") or ""),
            ask_about=list(data.get("ask_about") or []),
            text_evidence=bool(data.get("text_evidence", False)),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; ``text_evidence`` is written only when true."""
        out: dict[str, Any] = {
            "matched_must": list(self.matched_must),
            "missing_must": list(self.missing_must),
            "matched_nice": list(self.matched_nice),
            "missing_nice": list(self.missing_nice),
            "years_fit": self.years_fit,
            "features": dict(self.features),
            "requirements": [dict(r) for r in self.requirements],
            "why_not_higher": self.why_not_higher,
            "ask_about": list(self.ask_about),
        }
        if self.text_evidence:
            out["text_evidence"] = True
        return out


@dataclass(frozen=True)
class Requirement:
    """A skill requirement of a job as the explainer sees it: id, display name, kind, column in the credit matrix."""

    id: str
    display: str
    kind: str  # must | nice
    column: int


def explain(
    cand: CandidateProfile,
    job: JobProfile,
    requirements: list[Requirement],
    credit: dict[int, float],
    *,
    rank: int,
    score: float,
    features: dict[str, float],
    weights: RankingWeights,
    stale_before: int,
    relations: SkillRelations | None = None,
    text_evidence: bool = False,
) -> RankedCandidate:
    """Build the explained row of ``cand`` for ``job``.

    ``credit[column]`` is what the candidate earns for each requirement they have
    (1, or ``weights.stale_credit`` when last used before ``stale_before``);
    ``features`` are the row's features, only those that apply to the job.
    A requirement earned through a narrower skill (``relations``) is shown as
    ``SQL via MySQL``; one earned from the job's wording in the text, as
    ``Machine Learning (in text)``. ``text_evidence``: listed for the text alone.
    """
    rows: list[dict[str, Any]] = []
    counts = {"must": sum(r.kind == "must" for r in requirements) + weights.must_smoothing,
              "nice": sum(r.kind == "nice" for r in requirements)}
    applied = {name: getattr(weights, name) for name in features if name in _FEATURE_NAMES}
    total = sum(applied.values()) or 1.0
    costs: list[tuple[float, str]] = []  # shortfalls of the job's requirements: (score lost, what)
    stale: list[str] = []
    missing: dict[str, list[str]] = {"must": [], "nice": []}
    held_via: dict[str, str] | None = None  # worked out only for a row earned through a narrower skill
    for req in requirements:
        got = credit.get(req.column, 0.0)
        row = {"requirement": req.display, "kind": req.kind, "status": NOT_MET, "evidence": ""}
        if got > 0:
            row["status"] = MET if got >= 1.0 else PARTLY
            row["evidence"] = _evidence(cand, req)
            if req.id not in cand.skill_ids and not req.id.startswith("text:"):
                if held_via is None:
                    held_via = relations.implied_by(cand.skill_ids, frozenset(r.id for r in requirements)) if relations else {}
                child = held_via.get(req.id)
                if child is not None:
                    row["via"] = _skill_name(cand, child)
                    row["evidence"] = cand.skill_snippets.get(child, "") or row["evidence"]
                else:
                    row["via"] = "text"
                    row["evidence"] = text_snippet(cand.text, req.display)
            last = cand.skill_last_used.get(req.id)
            if last:
                row["last_used"] = last
            years = cand.skill_years.get(req.id)
            if years:
                row["years_used"] = years
            if got < 1.0 and last:
                stale.append(f"{req.display} last used {last}")
                costs.append((applied.get(req.kind, 0.0) * (1 - got) / counts[req.kind] / total,
                              f"{req.display} last used {last} (before {stale_before})"))
        else:
            missing[req.kind].append(req.display)
        rows.append(row)
    for kind, label in (("must", "Missing {}"), ("nice", "No {} (nice-to-have)")):
        if missing[kind]:
            costs.append((applied.get(kind, 0.0) * len(missing[kind]) / counts[kind] / total,
                          label.format(", ".join(missing[kind]))))

    if job.min_years > 0:
        rows.append(_years_requirement(cand.years_experience, job.min_years))
        if "years" in features and features["years"] < 1:
            what = "years unknown" if cand.years_experience is None else f"{cand.years_experience:.1f} yrs of {job.min_years:g} required"
            costs.append((applied["years"] * (1 - features["years"]) / total, what.capitalize()))
    elif "years" in features and features["years"] < 1 and cand.years_experience is not None:
        costs.append((applied["years"] * (1 - features["years"]) / total,
                      f"{cand.years_experience:.1f} yrs for an entry-level role"))
    where = None
    if is_onsite(job.location, job.remote):
        rows.append(_location_requirement(cand.location, job.location, features.get("location")))
        place = parse_location(cand.location)
        if place in (None, REMOTE):
            where = "location unknown"
        elif features.get("location") == 0.0:
            where = f"based in {cand.location}"
        if "location" in features and features["location"] < 1:
            costs.append((applied["location"] * (1 - features["location"]) / total,
                          "Location unknown" if place in (None, REMOTE) else f"Based in {cand.location}"))
    likeness: list[tuple[float, str]] = []  # not requirements: named only when no requirement fell short
    for name, label in (("text", "Resume text is not close to the job description"),
                        ("title", "Past job titles differ from the job title")):
        if name in features and features[name] < 1:
            likeness.append((applied[name] * (1 - features[name]) / total, label))

    matched_must = [_shown(r) for r, q in zip(rows, requirements) if q.kind == "must" and r["status"] != NOT_MET]
    missing_must = [q.display for r, q in zip(rows, requirements) if q.kind == "must" and r["status"] == NOT_MET]
    matched_nice = [_shown(r) for r, q in zip(rows, requirements) if q.kind == "nice" and r["status"] != NOT_MET]
    missing_nice = [q.display for r, q in zip(rows, requirements) if q.kind == "nice" and r["status"] == NOT_MET]
    ask = list(missing_must)
    if job.min_years > 0 and cand.years_experience is None:
        ask.append("years of experience")
    if where == "location unknown":
        ask.append("where they are based")
    costs = sorted((c for c in costs if c[0] >= 0.0005), key=lambda c: (not c[1].startswith("Missing "), -c[0]))
    costs = costs or sorted(likeness, key=lambda c: -c[0])
    why = f"{costs[0][1]} (-{costs[0][0]:.3f})" if rank > 1 and costs and costs[0][0] >= 0.0005 else ""
    return RankedCandidate(
        candidate_id=cand.id,
        job_id=job.id,
        rank=rank,
        score=score,
        matched_must=matched_must,
        missing_must=missing_must,
        matched_nice=matched_nice,
        missing_nice=missing_nice,
        years_fit=years_text(cand.years_experience, job.min_years),
        features=features,
        reason=reason(cand.years_experience, job.min_years, matched_must, missing_must, matched_nice, where,
                      stale=stale, text=features.get("text")),
        requirements=rows,
        why_not_higher=why,
        ask_about=ask,
        text_evidence=text_evidence,
    )


_FEATURE_NAMES = frozenset({"must", "nice", "text", "bm25", "title", "years", "location"})


def _shown(row: dict[str, Any]) -> str:
    """A met requirement as listed: ``SQL``, ``SQL via MySQL``, ``Machine Learning (in text)``."""
    via = row.get("via")
    if not via:
        return row["requirement"]
    return f"{row['requirement']} (in text)" if via == "text" else f"{row['requirement']} via {via}"


def _skill_name(cand: CandidateProfile, skill_id: str) -> str:
    """A display name for a skill id the candidate has (ids are slugs: ``spring-boot`` -> ``Spring Boot``)."""
    names = getattr(cand, "skill_names", None) or {}
    return names.get(skill_id) or skill_id.replace("-", " ").title()


def _evidence(cand: CandidateProfile, req: Requirement) -> str:
    snippet = cand.skill_snippets.get(req.id, "")
    if snippet or not req.id.startswith("text:"):
        return snippet
    return text_snippet(cand.text, req.id.removeprefix("text:"))


def text_snippet(text: str, phrase: str, width: int = 60) -> str:
    """About ``width`` characters of ``text`` around the first whole-word match of ``phrase``."""
    haystack = prepare_for_search(text)
    if len(haystack) != len(text):  # NFKC changed the length: offsets would not line up
        text = haystack
    match = phrase_pattern(words(phrase)).search(haystack) if words(phrase) else None
    if match is None:
        return ""
    pad = max(0, (width - (match.end() - match.start())) // 2)
    lo, hi = max(0, match.start() - pad), min(len(text), match.end() + pad)
    return ("…" if lo > 0 else "") + " ".join(text[lo:hi].split()) + ("…" if hi < len(text) else "")


def _years_requirement(years: float | None, need: float) -> dict[str, Any]:
    row = {"requirement": f"{need:g}+ years", "kind": "years", "status": NOT_STATED, "evidence": ""}
    if years is not None:
        row["status"] = MET if years >= need else NOT_MET
        row["evidence"] = f"{years:.1f} yrs"
    return row


def _location_requirement(location: str | None, job_location: str | None, fit: float | None) -> dict[str, Any]:
    row = {"requirement": f"based in or near {job_location}", "kind": "location", "status": NOT_STATED, "evidence": ""}
    if parse_location(location) not in (None, REMOTE):
        row["status"] = MET if fit == 1.0 else PARTLY if fit and fit > 0 else NOT_MET
        row["evidence"] = location or ""
    return row


def _num(value: float) -> str:
    return f"{value:g}"


def years_text(years: float | None, need: float) -> str:
    """``7.5 yrs vs 5 required`` / ``7.5 yrs, none required`` / ``years unknown``."""
    if years is None:
        return "years unknown"
    return f"{years:.1f} yrs vs {_num(need)} required" if need > 0 else f"{years:.1f} yrs, none required"


def reason(
    years: float | None,
    need: float,
    matched: list[str],
    missing: list[str],
    nice: list[str],
    where: str | None,
    *,
    stale: list[str] | None = None,
    text: float | None = None,
) -> str:
    """One line a recruiter can read out, e.g. ``Missing AWS; has Python; 3.0 yrs (5 required)``.

    ``text`` is the text feature (0-1): with no must-haves to name, a close text match leads the line.
    """
    if years is None:
        years_part = "years unknown"
    elif need > 0:
        years_part = f"{years:.1f} yrs ({_num(need)} required)"
    else:
        years_part = f"{years:.1f} yrs"

    total = len(matched) + len(missing)
    what = "the must-have" if total == 1 else f"all {total} must-haves"
    if total == 0:
        similar = "resume reads like the job" if text is not None and text >= 0.6 else "no must-haves set for this job"
        head = f"{similar.capitalize()}; {years_part}" if text is not None else years_part
    elif not missing:
        head = f"Has {what} ({', '.join(matched)}), {years_part}"
    elif not matched:
        head = f"Missing {what} ({', '.join(missing)}), {years_part}"
    else:
        head = f"Missing {', '.join(missing)}; has {', '.join(matched)}; {years_part}"
    parts = [head[0].upper() + head[1:]]
    if nice:
        parts.append(f"also {', '.join(nice)}")
    if stale:
        parts.append(", ".join(stale))
    if where:
        parts.append(where)
    return "; ".join(parts)


