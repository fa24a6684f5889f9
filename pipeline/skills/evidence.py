"""Evidence for a candidate's skills: where each was seen, and when it was used.

``annotate_evidence`` fills, for each ``CandidateSkill``, the sections it was seen
in, a snippet, the first and last year it was used and an estimate of the years of
use. The years come from the *dated work-history entry* each mention falls in:

1. The lines of every ``experience`` section are read with
   ``pipeline.dates.find_date_ranges``. A line with a range and at most
   ``MAX_HEADER_WORDS`` other words is a *dated line* (a sentence that mentions a
   year is not).
2. The section is cut into entries, one per dated line:

   * **one header per dated line**: the entry headers are the runs of short lines
     that name a job ("Senior Engineer, Acme Corp", ``has_title_head``) followed by
     bullets or sentences. When there are as many as dated lines, they are paired
     in order and each entry runs from its header to the next one, wherever the
     dates were printed: in the header, on their own line, or, as pdfminer reads
     some two-column layouts, after (or between) the entry's bullets;
   * otherwise, **dates in the header** (some bullets follow the last dated line):
     an entry runs from its dated line, plus up to ``MAX_HEADER_LINES`` short lines
     right above it, to the next entry's header;
   * otherwise, **dates after the bullets** (bullets before the first dated line
     and none after the last): an entry runs from just after the previous dated
     line down to its own dated line;
   * **a column of dates** that cannot be paired (two date-only lines with only
     blank lines or places between them): no entries, so mentions there get no
     years rather than wrong ones.
3. A mention inside an entry used the skill from the entry's start year to its end
   year (a current entry ends in ``as_of``'s year). ``first_used`` is the earliest
   start, ``last_used`` the latest end, and ``years_used`` the months covered by
   the entries that mention the skill, overlaps counted once, in years to one
   decimal (the rules of ``pipeline.experience.years_of_experience``).

Mentions outside a dated entry (skills section, summary, projects) add to
``sections`` and the count but carry no years. Pure functions: no I/O, no model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hotlist.pipeline.parse.dates import find_date_ranges, range_spans
from hotlist.pipeline.parse.experience import has_title_head, years_of_experience
from hotlist.pipeline.types import CandidateSkill, Experience, Section, SkillMention

MAX_HEADER_WORDS = 12   # words beside the dates on a dated line ("Engineer | Acme | Austin, TX")
MAX_HEADER_LINES = 3    # short lines above a dated line that belong to its header
SNIPPET_WIDTH = 60
DATED_SECTIONS = ("experience",)

_BULLET = re.compile(r"^\s*(?:[•·◦▪●○■□►▸➢➤✓✔❖♦◆*‣⁃]|[-–—](?=\s)|\(cid:\d+\))")
_PLACE = re.compile(r"^(?:[A-Z][\w.' -]*,\s*[A-Z][\w.' -]*|Remote|Hybrid|On-?site)$")  # "Chennai, India"
_CID = re.compile(r"\(cid:\d+\)")
_OPEN_RANGE = re.compile(r"\S\s*(?:[-–—]|\bto)\s*$")  # "2021 –" with "Present" on the next line
_DIGIT_OR_LIST = re.compile(r"\d|[,|]")
_WORD = re.compile(r"\w+")
_TWO_LETTERS = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class DatedEntry:
    """A block of an experience section, ``text[start:end]``, and the range it is dated with."""

    start: int
    end: int
    first: str            # YYYY or YYYY-MM
    last: str | None      # None while current
    current: bool

    def began(self, as_of: date) -> bool:
        """False for an entry that starts after ``as_of`` (a future or mistyped date)."""
        month = int(self.first[5:7]) if len(self.first) >= 7 else 1
        return (int(self.first[:4]), month) <= (as_of.year, as_of.month)

    def years(self, as_of: date) -> tuple[int, int]:
        """(first year, last year); a current entry ends in ``as_of``'s year."""
        last = as_of.year if self.current or not self.last else int(self.last[:4])
        return int(self.first[:4]), min(last, as_of.year)


@dataclass
class _Line:
    start: int
    end: int          # offset just after the line's text (before its line break)
    text: str
    kind: str         # blank | dated | bullet | prose | short
    dates: tuple[str, str | None, bool] | None = None


def annotate_evidence(skills: list[CandidateSkill], mentions: Sequence[SkillMention],
                      sections: Sequence[Section], text: str, as_of: date) -> None:
    """Fill ``sections``, ``snippet``, ``first_used``, ``last_used`` and ``years_used``
    of each skill in place, from its ``mentions`` (offsets into ``text``).

    The snippet is taken from the latest dated mention when there is one (the most
    recent use is the most useful evidence), else from the first mention.
    """
    entries = find_dated_entries(sections, text)
    by_id: dict[str, list[SkillMention]] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        by_id.setdefault(mention.id, []).append(mention)
    for skill in skills:
        found = by_id.get(skill.id, [])
        if not found:
            continue
        names: list[str] = []
        for mention in found:
            for section in sections:
                if section.start <= mention.start < section.end and section.name not in names:
                    names.append(section.name)
        skill.sections = names
        dated = [(m, e) for m in found for e in entries if e.start <= m.start < e.end and e.began(as_of)]
        skill.first_used = skill.last_used = skill.years_used = None
        best = found[0]
        if dated:
            spans = {(e.start, e.end): e for _, e in dated}.values()
            years = [e.years(as_of) for e in spans]
            skill.first_used = min(y[0] for y in years)
            skill.last_used = max(y[1] for y in years)
            skill.years_used = years_of_experience(
                [Experience(start=e.first, end=e.last, current=e.current) for e in spans], as_of
            )
            best = max(dated, key=lambda pair: (pair[1].years(as_of)[1], -pair[0].start))[0]
        skill.snippet = snippet(text, best.start, best.end)


def find_dated_entries(sections: Sequence[Section], text: str,
                       names: Sequence[str] = DATED_SECTIONS) -> list[DatedEntry]:
    """The dated work-history entries of the sections called ``names`` (see the module docstring).

    An entry also ends at a short heading line the section splitter did not know
    ("SIDE PROJECTS", "Side Projects" below the last job), so what follows it is not
    dated by that job.
    """
    entries: list[DatedEntry] = []
    for section in sections:
        if section.name not in names:
            continue
        lines = _lines(text, section.start, section.end)
        headings = [ln.start for ln in lines if _stray_heading(ln)]
        for entry in _section_entries(lines, section.end):
            cut = next((h for h in headings if entry.start < h < entry.end), entry.end)
            entries.append(DatedEntry(entry.start, cut, entry.first, entry.last, entry.current))
    return entries


_HEADING_TAILS = frozenset(
    "projects volunteering publications awards certifications interests hobbies activities courses".split()
)


def _stray_heading(line: _Line) -> bool:
    """"SIDE PROJECTS", "Side Projects", "VOLUNTEERING": a short heading line that names no job."""
    text = line.text.strip().rstrip(":")
    words = text.split()
    if line.kind != "short" or not 1 <= len(words) <= 4 or has_title_head(text) or _DIGIT_OR_LIST.search(text):
        return False
    return (text.isupper() and len(text) > 3) or (
        all(w[:1].isupper() for w in words) and words[-1].lower() in _HEADING_TAILS
    )


def _lines(text: str, start: int, end: int) -> list[_Line]:
    out: list[_Line] = []
    pos = start
    raws = text[start:end].splitlines(keepends=True)
    for n, raw in enumerate(raws):
        bullet = bool(_BULLET.match(raw))
        body = raw.rstrip("\r\n")
        if "(cid:" in body:
            body = _CID.sub(lambda m: " " * len(m.group()), body)  # offsets stay true
        line = _Line(pos, pos + len(body), body, _kind(body, bullet))
        ranges = [r for r in find_date_ranges(body) if r[0]]
        if not ranges and body.rstrip().endswith(("-", "–", "—", "to")) and _OPEN_RANGE.search(body) \
                and n + 1 < len(raws):
            joined = body + " " + raws[n + 1].strip()
            if _kind(joined, bullet) == "dated":  # "2021 –" / "Present": the range is on this line
                line.kind, ranges = "dated", [r for r in find_date_ranges(joined) if r[0]]
        if line.kind == "dated":
            first, last, current = ranges[0]
            line.dates = (first or "", last, current)
        out.append(line)
        pos += len(raw)
    return out


def _kind(body: str, bullet: bool) -> str:
    stripped = body.strip()
    if not stripped:
        return "blank"
    spans = range_spans(body)
    ranges = [r for r in find_date_ranges(body) if r[0]]
    if spans and ranges:
        rest = body
        for a, b in reversed(spans):
            rest = rest[:a] + " " + rest[b:]
        if len(_WORD.findall(rest)) <= MAX_HEADER_WORDS and not (bullet and len(rest.split()) > 6):
            return "dated"
    if bullet:
        return "bullet"
    if stripped[0].islower():
        return "prose"  # a wrapped sentence carried onto this line
    words = stripped.split()
    if len(words) > 10 or (stripped.endswith(".") and len(words) > 4 and " | " not in stripped):
        return "prose"
    return "short"


def _section_entries(lines: list[_Line], section_end: int) -> list[DatedEntry]:
    dated = [i for i, ln in enumerate(lines) if ln.kind == "dated"]
    if not dated:
        return []
    heads = _entry_heads(lines)
    if len(heads) == len(dated):
        # One header per dated line: pair them in order, wherever the dates were put.
        bounds = [lines[h].start for h in heads[1:]] + [section_end]
        return [_entry(lines[d], lines[h].start, b) for d, h, b in zip(dated, heads, bounds)]
    if _column_of_dates(lines, dated):
        return []  # a column of dates that cannot be paired: no years rather than wrong ones
    content = {"bullet", "prose"}
    before = any(lines[i].kind in content for i in range(dated[0]))
    after = any(lines[i].kind in content for i in range(dated[-1] + 1, len(lines)))
    if before and not after:
        # Dates after the bullets: each entry ends with its dated line.
        entries, begin = [], lines[0].start
        for i in dated:
            entries.append(_entry(lines[i], begin, lines[i].end))
            begin = lines[i].end
        return entries
    starts = [_header_start(lines, i, floor) for i, floor in zip(dated, [-1] + dated[:-1])]
    bounds = [lines[s].start for s in starts[1:]] + [section_end]
    return [_entry(lines[i], lines[s].start, b) for i, s, b in zip(dated, starts, bounds)]


def _entry_heads(lines: list[_Line]) -> list[int]:
    """The first title line of each entry header: a run of short and dated lines that
    names a job ("Senior Engineer, Acme") and is followed by bullets or sentences."""
    heads: list[int] = []
    run: list[int] = []
    for n, ln in enumerate(lines):
        if ln.kind in ("short", "dated", "blank"):
            run.append(n)
            continue
        named = [i for i in run if lines[i].kind != "blank" and not _date_only(lines[i])]
        if named and any(has_title_head(lines[i].text) for i in named):
            heads.append(named[0])
        run = []
    return heads


def _header_start(lines: list[_Line], i: int, floor: int) -> int:
    """The first line of the header that ends with dated line ``i`` (short lines right above it)."""
    start, taken, j = i, 0, i - 1
    while j > floor and taken < MAX_HEADER_LINES:
        kind = lines[j].kind
        if kind == "short":
            start, taken = j, taken + 1
        elif kind != "blank":
            break
        j -= 1
    return start


def _column_of_dates(lines: list[_Line], dated: list[int]) -> bool:
    """Two date-only lines with nothing but blanks and places between them."""
    for a, b in zip(dated, dated[1:]):
        between = lines[a + 1 : b]
        if _date_only(lines[a]) and _date_only(lines[b]) and all(
            ln.kind == "blank" or (ln.kind == "short" and _PLACE.match(ln.text.strip())) for ln in between
        ):
            return True
    return False


def _date_only(line: _Line) -> bool:
    rest = line.text
    for a, b in reversed(range_spans(rest)):
        rest = rest[:a] + rest[b:]
    return not _TWO_LETTERS.search(rest)


def _entry(line: _Line, start: int, end: int) -> DatedEntry:
    assert line.dates is not None
    first, last, current = line.dates
    return DatedEntry(start, end, first, last, current)


def snippet(text: str, start: int, end: int, width: int = SNIPPET_WIDTH) -> str:
    """About ``width`` characters of ``text`` around ``text[start:end]``, on one line."""
    pad = max(0, (width - (end - start)) // 2)
    lo, hi = max(0, start - pad), min(len(text), end + pad)
    body = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")
