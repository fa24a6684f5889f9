"""Split resume text into sections under canonical names.

A heading is a short line on its own (upper-case, title case, optionally with a
trailing colon, decorated with bullets, numbers or letter-spacing) whose words
are all heading vocabulary: "WORK EXPERIENCE", "Academic Background:",
"Skills & Tools", "E D U C A T I O N". A few headings may also carry their
content after a colon on the same line ("Technical Skills: Python, SQL").
"""

from __future__ import annotations

import re
from functools import lru_cache

from hotlist.pipeline.types import Section

SECTION_NAMES = (
    "header", "summary", "experience", "education", "skills", "projects", "certifications",
    "languages", "awards", "publications", "volunteer", "interests", "other",
)

# Whole phrases, checked first (after normalisation).
_PHRASES: dict[str, str] = {
    "work history": "experience", "employment history": "experience", "career history": "experience",
    "professional background": "experience", "work": "experience", "employment": "experience",
    "positions held": "experience", "internships": "experience", "internship": "experience",
    "professional experience": "experience", "experience": "experience", "experiences": "experience",
    "working exp": "experience", "work exp": "experience", "working experience": "experience",
    "academic background": "education", "educational background": "education", "academics": "education",
    "education": "education", "qualifications": "education",
    "educational qualifications": "education", "educational qualification": "education",
    "academic qualifications": "education", "academic qualification": "education",
    "academic profile": "education", "academic details": "education", "scholastic profile": "education",
    "education and training": "education", "degrees": "education",
    "skills": "skills", "skill": "skills", "skill set": "skills", "skillset": "skills",
    "competencies": "skills", "core competencies": "skills", "expertise": "skills",
    "areas of expertise": "skills", "technologies": "skills", "tech stack": "skills",
    "technical proficiency": "skills", "technical proficiencies": "skills", "proficiencies": "skills",
    "tools": "skills", "tools and technologies": "skills", "programming languages": "skills",
    "it skills": "skills", "strengths": "skills", "key strengths": "skills", "abilities": "skills",
    "summary": "summary", "profile": "summary", "objective": "summary", "about": "summary",
    "about me": "summary", "overview": "summary", "introduction": "summary",
    "summary of qualifications": "summary", "qualifications summary": "summary", "bio": "summary",
    "career objective": "summary", "professional profile": "summary", "personal statement": "summary",
    "projects": "projects", "project": "projects", "project work": "projects",
    "project experience": "projects", "project details": "projects",
    "certifications": "certifications", "certification": "certifications",
    "certificates": "certifications", "certificate": "certifications", "licenses": "certifications",
    "licences": "certifications", "courses": "certifications", "coursework": "certifications",
    "trainings": "certifications", "training": "certifications", "courses and certifications": "certifications",
    "licenses and certifications": "certifications", "training and certifications": "certifications",
    "languages": "languages", "language": "languages", "languages known": "languages",
    "language skills": "languages", "language proficiency": "languages", "spoken languages": "languages",
    "awards": "awards", "honors": "awards", "honours": "awards", "achievements": "awards",
    "accomplishments": "awards", "recognition": "awards", "awards and honors": "awards",
    "honors and awards": "awards", "scholarships": "awards",
    "publications": "publications", "papers": "publications", "patents": "publications",
    "research": "publications", "presentations": "publications", "conferences": "publications",
    "volunteer": "volunteer", "volunteering": "volunteer", "volunteer experience": "volunteer",
    "volunteer work": "volunteer", "community service": "volunteer", "community involvement": "volunteer",
    "interests": "interests", "hobbies": "interests", "hobbies and interests": "interests",
    "interests and hobbies": "interests", "personal interests": "interests",
    "references": "other", "personal details": "other", "personal information": "other",
    "personal info": "other", "contact": "other", "contact information": "other",
    "contact details": "other", "get in touch": "other", "contact me": "other", "reach me": "other", "additional information": "other", "activities": "other",
    "extracurricular activities": "other", "extra curricular activities": "other",
    "extracurricular": "other", "leadership": "other", "declaration": "other",
    "affiliations": "other", "memberships": "other", "professional memberships": "other",
    "online": "other", "links": "other",     "positions of responsibility": "other", "position of responsibility": "other", "miscellaneous": "other", "personal profile": "summary",
}
# Words that may qualify a heading without changing its meaning.
_MODIFIERS = {
    "professional", "work", "relevant", "technical", "key", "core", "academic", "personal", "selected",
    "other", "additional", "related", "industry", "career", "my", "recent", "previous", "prior", "full",
    "detailed", "summary", "of", "and", "history", "background", "areas", "area", "notable", "select",
    "major", "main", "software", "engineering", "research", "teaching", "leadership", "military",
    "known", "list", "skills", "experience", "details", "profile", "professional", "computer", "soft",
    "hard", "functional", "general", "primary", "the", "qualifications", "highlights",
    "responsibilities", "responsibility", "roles",
}
# Single words that double as entry titles ("Volunteer" above an organisation).
_AMBIGUOUS = {"volunteer", "research", "training", "leadership", "work", "project", "online", "contact"}
# Inside these sections a "Label: value" line is part of an entry, not a new section.
_NO_INLINE_INSIDE = {"experience", "education", "projects", "skills"}
_INLINE_OK = {"skills", "languages", "interests", "certifications", "summary", "awards"}

_DECOR_RE = re.compile(r"^[\s\W\d_]*?(?=[A-Za-z])|[\s:：\-–—_=*#|.•]+$")
# Precompiled: these run on every line of every resume.
_SPACED_RE = re.compile(r"(?:[A-Za-z] ){2,}[A-Za-z](?:\s{2,}(?:[A-Za-z] ){1,}[A-Za-z])*")
_SMALL_CAPS_RE = re.compile(r"(?:[A-Z] [A-Z]{2,}[^\w\s]*\s*)+")
_SMALL_CAPS_JOIN_RE = re.compile(r"\b([A-Z]) ([A-Z]{2,})")
_WIDE_GAP_RE = re.compile(r"\s{2,}")
_NON_WORD_RE = re.compile(r"[^\w\s'-]")
_SPACES_RE = re.compile(r"\s+")
_LETTER_RE = re.compile(r"[A-Za-z]")
_PART_SPLIT_RE = re.compile(r"\band\b|,")
_INLINE_RE = re.compile(r"^\s*([A-Za-z][A-Za-z &/]{1,40}?)\s*[:：]\s*\S")
_TAIL_RE = re.compile(r"^(.*\S)(?:\t|\s{2,})(\S.*?)\s*$")
_PRIORITY = ("experience", "education", "skills", "projects", "certifications", "languages", "awards",
             "volunteer", "interests", "publications", "summary", "other")


def _normalise(raw: str) -> str:
    s = raw.strip()
    # "E X P E R I E N C E" and "W O R K   E X P E R I E N C E"
    if _SPACED_RE.fullmatch(s):
        s = " ".join(w.replace(" ", "") for w in _WIDE_GAP_RE.split(s))
    # small capitals set apart from their initial: "R ESEARCH E XPERIENCE", "P ROJECTS"
    if _SMALL_CAPS_RE.fullmatch(s):
        s = _SMALL_CAPS_JOIN_RE.sub(r"\1\2", s)
    s = _DECOR_RE.sub("", s)
    s = s.replace("&", " and ").replace("/", " and ").replace("+", " and ")
    s = _NON_WORD_RE.sub(" ", s.lower())
    return _SPACES_RE.sub(" ", s).strip()


@lru_cache(maxsize=8192)  # pure; split_sections asks about the same line up to four times
def canonical_heading(line: str) -> str | None:
    """Canonical section name when ``line`` reads as a heading, else None."""
    s = line.strip()
    if not s or len(s) > 60:
        return None
    first = _LETTER_RE.search(s)
    if first is None or not first.group(0).isupper():
        return None
    if s.endswith(".") and not s.endswith("..."):
        return None
    norm = _normalise(s)
    if not norm:
        return None
    words = norm.split()
    if len(words) > 5:
        return None
    if norm in _PHRASES:
        return _PHRASES[norm]
    # "Education and Certifications", "Skills, Tools": first part that is a heading wins.
    parts = [p.strip() for p in _PART_SPLIT_RE.split(norm) if p.strip()]
    names = []
    for n_part, part in enumerate(parts):
        name = _PHRASES.get(part)
        if name is None:
            kept = [w for w in part.split() if w not in _MODIFIERS]
            if kept:
                name = _PHRASES.get(" ".join(kept))
            else:  # only qualifier words: "Relevant Work Experience", "Skills Summary"
                found = {_PHRASES[w] for w in part.split() if w in _PHRASES}
                name = next((n for n in _PRIORITY if n in found), None)
                if name is None and n_part > 0:  # "Achievements & Responsibilities"
                    continue
        if name is None:
            return None
        names.append(name)
    return names[0] if names else None


def _inline_heading(line: str) -> tuple[str, int] | None:
    """``("skills", offset_after_colon)`` for "Technical Skills: Python, SQL"."""
    m = _INLINE_RE.match(line)
    if not m:
        return None
    name = canonical_heading(m.group(1))
    if name in _INLINE_OK:
        return name, m.end() - 1
    return None


_BULLET_RE = re.compile(r"^\s*(?:[•·◦▪●○*]|-\s|\(cid:\d+\))")


def _lower_headings(lines: list[str]) -> set[int]:
    """Lines of an all-lower-case design ("experience", "education"): a whole line that is a heading phrase,
    after a blank line, counted only when at least two different headings are written that way (one such
    line alone is more likely a wrapped fragment of prose)."""
    hits: dict[int, str] = {}
    for i, line in enumerate(lines):
        s = line.strip().rstrip(":")
        if s and s == s.lower() and len(s) <= 30 and s in _PHRASES and (i == 0 or not lines[i - 1].strip()):
            hits[i] = _PHRASES[s]
    return set(hits) if len(set(hits.values())) >= 2 else set()


def _is_upper(heading: str) -> bool:
    letters = [c for c in heading if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def split_sections(text: str) -> list[Section]:
    """Split ``text`` into sections; offsets index into ``text`` itself.

    Text before the first heading becomes a ``header`` section (omitted when
    blank). Each section's ``text`` is ``text[start:end]``: from just after
    its heading line (or after the colon of an inline heading) up to the next
    heading line. Bulleted lines are never headings. When most headings of a
    document are upper-case, a title-case line ("Volunteer" as a job title)
    is not taken as a heading. Inline headings ("Skills: Python, SQL") are
    ignored inside experience, education, projects and skills sections, so
    that "Languages: C++" or "Technologies: Go" there does not split them.
    """
    if not text or not text.strip():
        return []
    # (line_start, body_start, name, heading, inline)
    found: list[tuple[int, int, str, str, bool]] = []
    pos = 0
    all_lines = text.splitlines(keepends=True)
    lower = _lower_headings(all_lines) if "\n\n" in text else set()
    for n_line, line in enumerate(all_lines):
        body = line.rstrip("\r\n")
        if not _BULLET_RE.match(body):
            name = canonical_heading(body) if n_line not in lower else _PHRASES[body.strip().rstrip(":")]
            tail = _TAIL_RE.match(body) if name is None else None  # only read when the line is no heading
            if name is not None:
                found.append((pos, pos + len(line), name, body.strip(), False))
            elif tail and canonical_heading(tail.group(2)) and canonical_heading(tail.group(1)) is None \
                    and len(tail.group(2).split()) >= 2:
                # "Month-End Close  Employment History": a heading set on the last line of a column
                found.append((pos + tail.start(2), pos + len(line), canonical_heading(tail.group(2)) or "other",
                              tail.group(2), False))
            else:
                inline = _inline_heading(body)
                if inline is not None:
                    heading = body[: inline[1]].strip().rstrip(":：").strip()
                    found.append((pos, pos + inline[1], inline[0], heading, True))
        pos += len(line)
    standalone = [h for h in found if not h[4]]
    upper = sum(_is_upper(h[3]) for h in standalone)
    if upper >= 2 and upper > len(standalone) - upper:
        found = [h for h in found if h[4] or _is_upper(h[3]) or _normalise(h[3]) not in _AMBIGUOUS]
    heads: list[tuple[int, int, str, str, bool]] = []
    for h in found:
        prev = heads[-1] if heads else None
        if h[4] and prev and not prev[4] and prev[2] in _NO_INLINE_INSIDE:
            continue
        # "TECHNICAL SKILLS" then "Languages": a sub-heading for programming languages.
        if prev and prev[2] == "skills" and h[2] == "languages" and _is_upper(prev[3]) != _is_upper(h[3]):
            continue
        heads.append(h)
    sections: list[Section] = []
    first = heads[0][0] if heads else len(text)
    if text[:first].strip():
        sections.append(Section("header", "", 0, first, text[:first]))
    for i, (_, body_start, name, heading, _inline) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        sections.append(Section(name, heading, body_start, end, text[body_start:end]))
    return sections
