"""Total years of experience as a recruiter counts them, and the total a resume states.

:func:`recruiter_years` counts post-education jobs only: internships, student jobs, research or
teaching assistantships, doctoral research, fellowships and volunteering are left out, and so is a job
that started before the year the first degree was completed and ended by that year (held while studying),
or is still held by someone whose first degree ends this year or later (a student); overlaps are merged (:func:`pipeline.experience.years_of_experience`).
It is 0.0, not None, when no job counts (students and new graduates).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from hotlist.pipeline.parse.experience import years_of_experience
from hotlist.pipeline.types import Education, Experience

DISAGREE_YEARS = 2.0  # a stated total further than this from the dated jobs' total is flagged

_STUDENT_RE = re.compile(
    r"\b(?:intern(?:s|ship)?|co-?op|student|(?:graduate|research|teaching|undergraduate)\s+(?:research\s+)?assistant"
    r"|summer\s+(?:analyst|associate|trainee)|apprentice(?:ship)?|practicum|praktikum|pr[aá]cticas|stagiaire"
    r"|volunteer(?:ing)?|fellow(?:ship)?|(?<!post[- ])(?:ph\.?\s?d|doctoral)\s+(?:researcher|candidate|scholar))\b",
    re.IGNORECASE,
)
# The same words in a title set in spaced capitals ("RESEARCH ASSIS TA N T"), read with the spaces removed.
_SQUASHED_RE = re.compile(r"internship|(?:research|teaching|graduate)assistant|(?<!post)(?:phd|doctoral)researcher")
# the first degree that ends studies: bachelor's level or a diploma (not school leaving exams, and not a
# master's or doctorate, which many people take while working)
_DEGREE_RE = re.compile(
    r"\b(?:b\.?\s?(?:tech|e|sc|s|a|com|ca|ba|eng|arch|pharm)\b\.?|bachelor|be\b|bsc|btech|bca|bba"
    r"|diploma|licenciatura|ingenier|undergraduate)",
    re.IGNORECASE,
)
_STATED_RE = re.compile(
    r"(?:total|overall|over(?:all)?|having|have|with|has|around|nearly|about|approx\.?|of)\s+"
    r"(?:experience\s*(?:of)?\s*[:\-–]?\s*)?"
    r"(\d{1,2}(?:\.\d{1,2})?)\s*\+?\s*(?:years?|yrs?)\b(?:\s*(?:and\s*)?(\d{1,2})\s*months?)?",
    re.IGNORECASE,
)
_EXPERIENCE_NEAR_RE = re.compile(r"experience|exp\b", re.IGNORECASE)


def is_student_job(entry: Experience) -> bool:
    """An internship, student job or assistantship (from its title, else its employer line)."""
    if _STUDENT_RE.search(entry.title or "") or _STUDENT_RE.search(entry.employer or ""):
        return True
    squashed = re.sub(r"[\s\-]+", "", (entry.title or "").lower())
    return bool(_SQUASHED_RE.search(squashed))


def studies_end(education: Sequence[Education]) -> int | None:
    """The year the first degree (bachelor's level or a diploma) was completed, else None."""
    years = [e.year for e in education if e.year and _DEGREE_RE.search(f"{e.degree or ''} {e.field or ''}")]
    return min(years) if years else None


def _end_year(entry: Experience) -> int | None:
    value = entry.end or entry.start
    if entry.current or not value:
        return None
    return int(value[:4])


def countable_jobs(experience: Sequence[Experience], education: Sequence[Education], as_of: date) -> list[Experience]:
    """The dated jobs a recruiter counts (rules in the module docstring)."""
    graduated = studies_end(education)
    out = []
    for e in experience:
        if not e.start or is_student_job(e):
            continue
        end = _end_year(e)
        if graduated is not None and int(e.start[:4]) < graduated:
            if end is not None and end <= graduated:
                continue  # held while studying for the first degree
            if end is None and graduated >= as_of.year:
                continue  # still studying (the first degree ends this year or later): a student job
        out.append(e)
    return out


def recruiter_years(experience: Sequence[Experience], education: Sequence[Education], as_of: date) -> float:
    """Years of post-education, non-student work to ``as_of`` (0.0 when there is none)."""
    return years_of_experience(countable_jobs(experience, education, as_of), as_of)


def stated_total_years(text: str) -> float | None:
    """The largest total a resume states about its experience ("Total experience: 6 years", "over 5+ years of
    experience", "4 years and 6 months of experience"), or None. The words "experience"/"exp" must be within
    the sentence around the number."""
    best: float | None = None
    for m in _STATED_RE.finditer(text):
        window = text[max(0, m.start() - 40): m.end() + 40]
        if not _EXPERIENCE_NEAR_RE.search(window):
            continue
        value = float(m.group(1)) + (int(m.group(2)) / 12 if m.group(2) else 0.0)
        if 0 < value <= 50:
            best = value if best is None or value > best else best
    return round(best, 1) if best is not None else None


def years_disagree(stated: float | None, counted: float | None) -> bool:
    """True when a stated total and the dated jobs' total differ by more than :data:`DISAGREE_YEARS`."""
    return stated is not None and counted is not None and abs(stated - counted) > DISAGREE_YEARS
