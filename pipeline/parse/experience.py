"""Work-history entries from the text of an experience section.

Entries are anchored on date ranges. The words around a range (the rest of
its line, then up to a few short lines above it, or below it when nothing
above qualifies) are split into fragments, and each fragment is read as a
title (it has a job-title head word: Engineer, Manager, Intern...), a
location ("Austin, TX", "Remote") or an employer. Bullets and prose are
description, never entries. How one header is read: :mod:`pipeline.job_header`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import islice

from hotlist.pipeline.parse.dates import DATE_PATTERN, PRESENT_PATTERN, find_date_ranges, parse_date, range_spans
from hotlist.pipeline.parse.identity import find_location
from hotlist.pipeline.parse.job_header import (
    ABBREV_END_RE,
    EMPLOYER_MARK,
    JUNK_RE,
    NAME_CONNECTORS,
    TITLE_MARK,
    VERB_RE,
    assign,
    classify,
    clean_piece,
    has_title_head,
    headerish,
    is_company,
    label_only,
    labelled,
    lower_header,
)
from hotlist.pipeline.types import Experience

_BULLET_RE = re.compile(r"^\s*(?:\(cid:\d+\)|[•·◦▪●○■□►▸➢➤✓✔❖♦◆*‣⁃]|[-–—](?=\s))\s*")
# Precompiled: _prepare runs these on every line of every experience section.
_WRAP_SEP_RE = re.compile(r",|\s[|–—]\s|\sat\s")
_TAB_GAP_RE = re.compile(r"\t +")
_OPEN_TAIL_RE = re.compile(r"(\S+(?:\s+\S+)?)\s*(?:[-–—]|\bto)\s*$")
_DASH_ONLY_RE = re.compile(r"^\s*[-–—]\s*$")
_CID_RE = re.compile(r"\(cid:\d+\)")
_LINK_TAIL_RE = re.compile(r"\s*[-–|]\s*link\s*$", re.I)
_WORD_CHAR_RE = re.compile(r"\w")
_EMPTY_BRACKETS_RE = re.compile(r"\(\s*\)|\[\s*\]")
_TRAILING_PREP_RE = re.compile(r"[\s,]*\b(?:since|from|till|until|during|between|in|on|of|for|w\.?e\.?f\.?)$")


@dataclass
class _Line:
    text: str
    bullet: bool
    ranges: list[tuple[str | None, str | None, bool]]
    rest: str


def _continues(lines: list[_Line], j: int) -> bool:
    """Line ``j`` carries on the line above it: that line is a bullet, or prose that stops mid-sentence."""
    k = j - 1
    while k >= 0 and not lines[k].text:
        k -= 1
    if k < 0 or k < j - 1:
        return False  # a blank line between: not a continuation
    above = lines[k]
    return above.bullet or (len(above.text.split()) > 8 and not above.text.rstrip().endswith((".", ":", "!", "?")))


def _ends_with_date(s: str) -> bool:
    return parse_date(s) is not None or parse_date(s.split()[-1]) is not None


def _next_nonblank(raw: list[str], n: int) -> str:
    """The first non-blank line after ``raw[n]``, or ""."""
    return next((x for x in islice(raw, n + 1, None) if x.strip()), "")


def _join_wrapped(raw: list[str]) -> list[str]:
    """"Critical Care Nurse, Harlow Memorial" / "Hospital": rejoin a header wrapped onto a short line."""
    out: list[str] = []
    for n, ln in enumerate(raw):
        prev = out[-1] if out else ""
        words = ln.split()
        if (
            1 <= len(words) <= 2 and ln.strip()[:1].isupper() and not _BULLET_RE.match(ln) and prev.strip()
            and not _BULLET_RE.match(prev) and _WRAP_SEP_RE.search(prev) and prev.rstrip()[-1:].isalpha()
            and not find_date_ranges(prev) and not has_title_head(ln) and headerish(prev.strip())
            and _bullet_or_dated(_next_nonblank(raw, n)) and not find_location(prev.strip() + " " + ln.strip())
        ):
            out[-1] = prev.rstrip() + " " + ln.strip()
            continue
        out.append(ln)
    return out


def _bullet_or_dated(line: str) -> bool:
    return bool(_BULLET_RE.match(line) or find_date_ranges(line))


def _join_brackets(raw: list[str]) -> list[str]:
    """"ETSA (Electronics and Telecommunication" / "Association)": a bracket opened on a short line and
    closed on the next short line is one header line."""
    out: list[str] = []
    for ln in raw:
        prev = out[-1] if out else ""
        if (
            prev.strip() and ln.strip() and prev.count("(") > prev.count(")") and ln.count(")") > ln.count("(")
            and ln.rstrip().endswith(")") and not ln.rstrip().endswith(".)") and len(prev.split()) <= 8
            and len(ln.split()) <= 6
            and not _BULLET_RE.match(ln) and not find_date_ranges(prev) and not find_date_ranges(ln)
        ):
            out[-1] = prev.rstrip() + " " + ln.strip()
            continue
        out.append(ln)
    return out


_GAP = r"(?:\t|[ \t]{2,})"
_DASH = r"(?:[-–—−]|to)"
# A date column beside the text column, its range split over two lines: "June 2020 –   Developer, Acme" /
# "Present   Built ..." or "May 2022   Software Engineer" / "- present".
_COL_START_RE = re.compile(rf"^\s*(?P<start>{DATE_PATTERN})\s*(?P<dash>{_DASH})?{_GAP}(?P<rest>\S.*)$", re.IGNORECASE)
_COL_END_RE = re.compile(
    rf"^\s*(?P<dash>{_DASH})?\s*(?P<end>{DATE_PATTERN}|{PRESENT_PATTERN})\s*(?:{_GAP}(?P<rest>\S.*))?$", re.IGNORECASE
)


def _join_column_dates(raw: list[str]) -> list[str]:
    """Rejoin a range split over two lines of a date column: exactly one of the two cells carries the dash.

    The joined range leads the first line ("June 2020 – Present   Developer, Acme"); the second line keeps
    its own text, if any.
    """
    out: list[str] = []
    i = 0
    while i < len(raw):
        ln = raw[i]
        m = _COL_START_RE.match(ln) if i + 1 < len(raw) else None
        n = _COL_END_RE.match(raw[i + 1]) if m else None
        if m and n and bool(m.group("dash")) != bool(n.group("dash")) and not find_date_ranges(ln):
            joined = f"{m.group('start')} – {n.group('end')}"
            if find_date_ranges(joined):
                out.append(f"{joined}   {m.group('rest')}")
                if n.group("rest"):
                    out.append(n.group("rest"))
                i += 2
                continue
        out.append(ln)
        i += 1
    return out


def _prepare(section_text: str) -> list[_Line]:
    text = section_text.replace("\r", "")
    if text.count("\t  ") > 10:  # some PDF producers put "\t  " between every word
        text = _TAB_GAP_RE.sub(" ", text)
    raw = _join_column_dates([ln.rstrip() for ln in text.split("\n")])
    merged: list[str] = []
    i = 0
    while i < len(raw):
        ln = raw[i]
        # "2017 –" / "Present" split over two lines
        # the pattern is slow on long lines that do not match; it needs a line ending in a dash or "to"
        tail = _OPEN_TAIL_RE.search(ln) if ln.rstrip().endswith(("-", "–", "—", "to")) else None
        if tail and i + 1 < len(raw) and not find_date_ranges(ln) and _ends_with_date(tail.group(1)):
            nxt = raw[i + 1].strip()
            if nxt and find_date_ranges(ln.strip() + " " + nxt.split("  ")[0]):
                merged.append(ln.rstrip() + " " + nxt)
                i += 2
                continue
        merged.append(ln)
        i += 1
    merged = _join_brackets(_join_wrapped(merged))
    lines = []
    for ln in merged:
        bullet = bool(_BULLET_RE.match(ln)) and not _DASH_ONLY_RE.match(ln)
        body = _BULLET_RE.sub("", ln, count=1) if bullet else ln
        body = _CID_RE.sub(" ", body)
        body = _LINK_TAIL_RE.sub("", body).strip()
        if not _WORD_CHAR_RE.search(body):
            body = ""  # "-" or "|" left where an empty field was: nothing between a header and its dates
        spans = range_spans(body)
        ranges = find_date_ranges(body)
        rest = body
        for a, b in reversed(spans):
            rest = rest[:a] + "  " + rest[b:]
        rest = _EMPTY_BRACKETS_RE.sub(" ", rest)
        rest = clean_piece(rest)
        lines.append(_Line(body, bullet, ranges, rest))
    return lines


def _header_bullet(lines: list[_Line], j: int) -> bool:
    """"• Acme Corp" used as an entry header: short, and not inside a list of bullets."""
    cand = lines[j]
    if len(cand.text.split()) > 6 or not headerish(cand.text) or cand.text.endswith(":"):
        return False
    if not all(w[0].isupper() or not w[0].isalpha() or w in NAME_CONNECTORS for w in cand.text.split()):
        return False  # "• Tuned slow queries": a description, not "• Acme Corp"
    above = next((ln for ln in reversed(lines[:j]) if ln.text), None)
    below = next((ln for ln in lines[j + 1 :] if ln.text), None)
    return (above is None or not above.bullet) and (below is None or not below.bullet)


def parse_experience(section_text: str) -> list[Experience]:
    """Work-history entries in the order written.

    Handles "Senior Engineer, Acme Corp    Jan 2019 – Present", "Acme Corp —
    Senior Engineer" with the dates on the next line, "Senior Engineer | Acme
    Corp | Austin, TX | 2019–2021", title / employer / dates on three lines,
    and layouts where the dates are set apart from their header (after the
    bullets, or in a column of their own): such date lines are paired in order
    with the header lines nobody claimed. A second role under the same
    employer with no employer line of its own inherits it. A title with no
    employer takes a plain line just below its dates ("Stripe   San Francisco,
    CA"). A job without dates is found only as a block of two short lines set
    apart, one with a job title and one without ("Data Entry Operator" /
    "Microsoft"); its dates stay None. One job written twice with the same
    dates is kept once.
    """
    if not section_text or not section_text.strip():
        return []
    lines = _prepare(section_text)
    used: set[int] = set()
    entries: list[Experience] = []
    frag_lists: list[list[str]] = []
    anchors: list[int] = []
    prev_anchor = -1
    prose: list[tuple[int, Experience]] = []
    prose_dated: set[int] = set()
    for i, line in enumerate(lines):
        if line.ranges and _PROSE_JOB_RE.match(line.text):
            job = _prose_job(line)
            if job is not None:
                prose.append((i, job))
                used.add(i)
            continue
        if not line.ranges or line.bullet:
            continue
        if _in_sentence(lines, i, prose_dated):
            prose_dated.add(i)
            continue  # "... for excellence in project" / "delivery (2015 – 2016).": description, not an entry
        if line.rest and not headerish(line.rest) and len(line.rest.split()) > 14:
            continue  # a sentence that mentions years, not an entry
        if line.rest[:1].islower() and len(line.rest.split()) >= 3 and not lower_header(line.rest):
            continue  # "since May 2019 as a team lead, then ...": prose continuing a sentence
        # "Hyderabad, since December 2014 to till date": the preposition belongs to the dates
        rest = _TRAILING_PREP_RE.sub("", line.rest)
        header = [rest] if rest else []
        above: list[str] = []
        j = i - 1
        while j > prev_anchor and j not in used and not _header_done(lines, j, prev_anchor, above + header):
            cand = lines[j]
            if cand.ranges or (cand.bullet and not _header_bullet(lines, j)):
                break
            if cand.text and JUNK_RE.search(cand.text) and len(cand.text.split()) <= 3:
                j -= 1  # a profile URL or contact line between the header and its dates
                continue
            if cand.text and not (headerish(cand.text) or (lower_header(cand.text) and not _continues(lines, j))):
                break
            if cand.text and any(not lines[x].text for x in range(j + 1, i)) and _run_length(lines, j) >= 4:
                break  # past a blank line, the last line of a paragraph or unbulleted list is description
            if cand.text:
                above.insert(0, cand.text)
                used.add(j)
            if i - j > 6:
                break
            j -= 1
        # "Acme Hospital — Columbus, OH" directly above "Nurse – Surgical, 2023 – Present"
        top = i - len(above) - 1 if all(lines[x].text for x in range(i - len(above), i)) else -1
        if header and re.search(r"\s[–—-]\s", header[0]) and top > prev_anchor and top not in used \
                and lines[top].text and not lines[top].ranges and len(lines[top].text.split()) <= 8 \
                and not lines[top].bullet and headerish(lines[top].text) and not has_title_head(lines[top].text) \
                and not any(is_company(f) for f in classify(above + header)[0]):
            above.insert(0, lines[top].text)
            used.add(top)
        frags, location = classify(above + header)
        location = location or _location_after(lines, i, used)
        start, end, current = line.ranges[0]
        if len(line.ranges) > 1 and line.ranges[-1][1:] != (None, False):
            end, current = line.ranges[-1][1], line.ranges[-1][2]
        entries.append(Experience(None, None, start, end, current, location))
        frag_lists.append(frags)
        anchors.append(i)
        used.add(i)
        prev_anchor = max(used)
    _pair_orphans(lines, used, anchors, frag_lists, entries)
    for n, (entry, frags) in enumerate(zip(entries, frag_lists)):
        entry.title, entry.employer = assign(frags)
        if entry.employer is None and entry.title and n and anchors[n - 1] == anchors[n] - 1:
            entry.employer = entries[n - 1].employer  # a promotion listed under the same employer
        elif entry.employer is None and entry.title:
            _employer_below(lines, anchors[n], used, entry)
    placed = sorted(list(zip(anchors, entries)) + _undated(lines, used) + prose, key=lambda p: p[0])
    return _merge_repeats([e for _, e in placed if not _studies(e)])


_SCHOOL_RE = re.compile(
    r"\b(?:universit(?:y|ies|at|e|é|a)|college|school|academy|polytechnic|vidyalaya|institute\s+of\s+technology)\b",
    re.IGNORECASE,
)


def _studies(entry: Experience) -> bool:
    """"Guru Nanak Dev University / Amritsar, Punjab / 2004 – 2008" with no job title: a course of
    study written under work history, not a job (a job there names its role: "Lecturer", "Research
    Assistant")."""
    return entry.title is None and bool(entry.employer) and bool(_SCHOOL_RE.search(entry.employer or ""))


_PROSE_JOB_RE = re.compile(
    r"^(?:i\s+)?(?:(?:have|had|has)\s+(?:been\s+)?)?(?:currently\s+)?(?:work(?:ed|ing)|serv(?:ed|ing)|employed)\s+"
    r"(?:as|at|with|in|for)\b",
    re.IGNORECASE,
)


def _prose_job(line: _Line) -> Experience | None:
    """"Worked as QA Engineer with Northgate Systems from Dec' 2015 to Sept' 2016" (often a bullet)."""
    spans = range_spans(line.text)
    head = line.text[: spans[0][0]] if spans else line.text
    head = re.sub(r"[\s,(]*\b(?:from|since|during|between|for|in|on|w\.?e\.?f\.?)?[\s,(]*$", "", head, flags=re.I)
    head = VERB_RE.sub("", head.strip())
    title = employer = None
    m = re.match(r"^(?:as\s+)?(?:an?\s+)?(?P<title>.+?)\s+(?:at|with|in|for)\s+(?P<emp>.+)$", head, re.I)
    m2 = re.match(r"^(?P<emp>.+?)\s+as\s+(?:an?\s+)?(?P<title>.+)$", head, re.I)
    if m2 and not has_title_head(m2.group("emp")):
        title, employer = m2.group("title"), m2.group("emp")
    elif m and has_title_head(m.group("title")):
        title, employer = m.group("title"), m.group("emp")
    elif head and not has_title_head(head):
        employer = head
    employer = clean_piece(re.split(r",|\s[-–—]\s|\s+(?:from|since|under|through)\s", employer)[0]) if employer else None
    title = clean_piece(title) if title else None
    if employer and (len(employer.split()) > 8 or label_only(employer)):
        employer = None
    if title and len(title.split()) > 8:
        title = None
    if not (title or employer):
        return None
    start, end, current = line.ranges[0]
    return Experience(title, employer, start, end, current)


def _in_sentence(lines: list[_Line], i: int, prose_dated: set[int]) -> bool:
    """Dated line ``i`` is part of a sentence wrapped over several lines, not a job header.

    It finishes the bullet or sentence above it (its words start in lower case or end with a full stop),
    or it carries on a dated line already read as prose, or its dates come after a few words of a long
    line that stops mid-sentence and the next line carries it on in lower case ("Performed four roles, ...
    team lead and onsite" / "coordinator (2011 – 2013)"). A line that opens with its dates ("July 2013 to
    date working as Vice President Finance" / "at Tata ...") is a job written as a sentence and is kept.
    """
    line = lines[i]
    sentence_end = line.rest.endswith(".") and not ABBREV_END_RE.search(line.rest)  # not "Meridian Co."
    if _continues(lines, i) and (line.rest[:1].islower() or sentence_end or i - 1 in prose_dated):
        return True
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    spans = range_spans(line.text)
    return (
        nxt is not None and nxt.text[:1].islower() and not nxt.bullet and len(line.text.split()) > 8
        and not line.text.rstrip().endswith((".", ":", "!", "?"))
        and bool(spans) and len(line.text[: spans[0][0]].split()) >= 3  # "July 2013 to date working as ...": a job
    )


def _run_length(lines: list[_Line], j: int) -> int:
    """How many non-blank lines run without a break up to and including line ``j``."""
    k = j
    while k >= 0 and lines[k].text:
        k -= 1
    return j - k


def _header_done(lines: list[_Line], j: int, floor: int, collected: list[str]) -> bool:
    """Enough header lines above a date line: two fragments, one of them a job title.

    Two plain fragments ("Oracle, Business Objects") are enough too, unless the next written line above
    (line ``j`` or the first non-blank one above it, after ``floor``) is a short job-title line
    ("Software Engineer" over "Oracle, Business Objects" over the dates): then that line is read as well.
    """
    frags = classify(collected)[0]
    if len(frags) < 2:
        return False
    if any(f[:1] == TITLE_MARK or has_title_head(f) for f in frags):
        return True
    k = j
    while k > floor and not lines[k].text:
        k -= 1
    if k <= floor:
        return True
    cand = lines[k]
    return not (
        not cand.ranges and not cand.bullet and len(cand.text.split()) <= 8 and has_title_head(cand.text)
        and (headerish(cand.text) or lower_header(cand.text)) and labelled(cand.text) is None
    )


def _employer_below(lines: list[_Line], i: int, used: set[int], entry: Experience) -> None:
    """"Senior Engineer   Jan 2023 – Present" over "Stripe   San Francisco, CA": the employer is the next line."""
    k = i + 1
    while k < len(lines) and not lines[k].text:
        k += 1
    if k >= len(lines) or lines[k].bullet or lines[k].ranges:
        return
    if k in used and not (entry.location and entry.location.split(",")[0] in lines[k].text):
        return  # claimed by another entry (a line holding this entry's place may also name the employer)
    text = lines[k].text
    if len(text.split()) > 8 or not (headerish(text) or lower_header(text)) or has_title_head(text):
        return
    frags, location = classify([text])
    frags = [f for f in frags if f[:1] not in (TITLE_MARK, EMPLOYER_MARK)]
    if len(frags) == 1:
        entry.employer = frags[0]
        entry.location = entry.location or location
        used.add(k)


def _undated(lines: list[_Line], used: set[int]) -> list[tuple[int, Experience]]:
    """A job written without dates: two short lines, one naming a title and the other not, set apart.

    Both lines (blank lines between them are skipped) are unclaimed, not bullets and dateless; the
    line before them is none, a bullet, a dated line or prose, and so is the line after them.
    """
    out: list[tuple[int, Experience]] = []
    filled = [n for n, ln in enumerate(lines) if ln.text]

    def boundary(k: int) -> bool:
        if not 0 <= k < len(filled):
            return True
        ln = lines[filled[k]]
        return ln.bullet or bool(ln.ranges) or not headerish(ln.text) or len(ln.text.split()) > 8

    k = 0
    while k + 1 < len(filled):
        n, m = filled[k], filled[k + 1]
        a, b = lines[n], lines[m]
        if (
            n not in used and m not in used and not (a.bullet or b.bullet) and not (a.ranges or b.ranges)
            and boundary(k - 1) and boundary(k + 2) and len(a.text.split()) <= 8 and len(b.text.split()) <= 8
            and all(headerish(t) or lower_header(t) for t in (a.text, b.text))
            and has_title_head(a.text) != has_title_head(b.text)
            and labelled(a.text) is None and labelled(b.text) is None
            and all(classify([t])[0] for t in (a.text, b.text))  # "ROLES AND RESPONSIBILITIES" names no one
            and not any(x.text[:1].islower() and _continues(lines, y) for x, y in ((a, n), (b, m)))
            and not re.search(r"\d|\b(?:years?|experience)\b", a.text + " " + b.text, re.I)
        ):
            frags, location = classify([a.text, b.text])
            title, employer = assign(frags)
            if title and employer:
                out.append((n, Experience(title, employer, None, None, False, location)))
                used.update({n, m})
                k += 2
                continue
        k += 1
    return out


def _merge_repeats(entries: list[Experience]) -> list[Experience]:
    """One job written twice is kept once: the same dates (a summary line, then the detailed entry), or
    the same title starting in the same month and both ended or both current ("Backup Administrator,
    HCL  May 2015 – Apr 2018" and "Backup Administrator, HCL Technologies  May 2015 – Nov 2017": nobody
    starts the same role twice in one month).

    Entries without a start date are never merged. The first keeps its values; a missing title,
    employer or location is taken from the repeat, and the later end date is kept.
    """
    def key(e: Experience) -> str:
        return re.sub(r"[^a-z0-9]+", " ", (e.title or "").lower()).strip()

    out: list[Experience] = []
    for entry in entries:
        same = next((e for e in out if e.start and (
            (e.start, e.end, e.current) == (entry.start, entry.end, entry.current)
            or (len(e.start) >= 7 and e.start == entry.start and e.current == entry.current and key(e)
                and key(e) == key(entry))
        )), None)
        if same is None:
            out.append(entry)
            continue
        same.title = same.title or entry.title
        same.employer = same.employer or entry.employer
        same.location = same.location or entry.location
        if entry.end and same.end and entry.end > same.end:
            same.end = entry.end
    return out


def _location_after(lines: list[_Line], i: int, used: set[int]) -> str | None:
    """"San Francisco, CA" alone on the line after the dates."""
    k = i + 1
    while k < len(lines) and not lines[k].text:
        k += 1
    if k < len(lines) and not lines[k].ranges and not lines[k].bullet and k not in used:
        loc = find_location(lines[k].text)
        if loc and len(lines[k].text) <= len(loc) + 12:
            used.add(k)
            return loc
    return None


def _header_blocks(lines: list[_Line], used: set[int]) -> list[list[int]]:
    """Runs of unclaimed short lines that name a job or an employer."""
    blocks: list[list[int]] = []
    run: list[int] = []
    for n, ln in enumerate(lines + [_Line("", True, [], "")]):
        if not ln.text and not ln.bullet:
            continue
        if n < len(lines) and n not in used and not ln.ranges and headerish(ln.text) and (
            not ln.bullet or _header_bullet(lines, n)
        ):
            run.append(n)
            continue
        if run and len(run) <= 3 and any(has_title_head(lines[x].text) or is_company(lines[x].text) for x in run):
            blocks.append(run)
        run = []
    return blocks


def _pair_orphans(
    lines: list[_Line], used: set[int], anchors: list[int], frag_lists: list[list[str]], entries: list[Experience]
) -> None:
    """Give date lines without a header one: paired in order, or the lines just below."""
    orphans = [n for n, frags in enumerate(frag_lists) if not frags]
    if not orphans:
        return
    blocks = _header_blocks(lines, used)
    if len(blocks) == len(orphans):
        for n, block in zip(orphans, blocks):
            frag_lists[n], loc = classify([lines[x].text for x in block])
            entries[n].location = entries[n].location or loc
            used.update(block)
        return
    for n in orphans:  # "2017 – Present" above "Product Manager, Google"
        below: list[str] = []
        k = anchors[n] + 1
        while k < len(lines) and len(classify(below)[0]) < 2:
            cand = lines[k]
            if k in used:
                if cand.ranges or not find_location(cand.text):
                    break
                k += 1  # this entry's own location line
                continue
            if cand.bullet or cand.ranges or (cand.text and not headerish(cand.text)):
                break
            if cand.text:
                below.append(cand.text)
                used.add(k)
            k += 1
        frag_lists[n], loc = classify(below)
        entries[n].location = entries[n].location or loc


def _months(d: str, *, is_end: bool) -> int:
    year = int(d[:4])
    month = int(d[5:7]) if len(d) >= 7 else (12 if is_end else 1)
    return year * 12 + month - 1


def years_of_experience(entries: list[Experience], as_of: date) -> float:
    """Total years covered by the entries, overlaps counted once, to 1 decimal.

    Rules: each entry covers the months from its start to its end, both
    included ("Jan 2019 – Dec 2019" is 12 months). A year-only start counts
    from January and a year-only end through December ("2019 – 2021" is 36
    months). A current entry, and an end after ``as_of``, ends in the month
    of ``as_of``. An entry with a start but no end and not current counts as
    its start month only. Entries without a start, starting after ``as_of``
    or ending before they start are ignored. Overlapping intervals are
    merged before summing.
    """
    now = as_of.year * 12 + as_of.month - 1
    intervals: list[tuple[int, int]] = []
    for e in entries:
        if not e.start:
            continue
        try:
            a = _months(e.start, is_end=False)
            if e.current:
                b = now
            elif e.end:
                b = _months(e.end, is_end=True)
            else:
                b = _months(e.start, is_end=True) if len(e.start) >= 7 else a
        except ValueError:
            continue
        b = min(b, now)
        if a > now or b < a:
            continue
        intervals.append((a, b))
    intervals.sort()
    total = 0
    cur: tuple[int, int] | None = None
    for a, b in intervals:
        if cur is None or a > cur[1]:
            if cur is not None:
                total += cur[1] - cur[0] + 1
            cur = (a, b)
        else:
            cur = (cur[0], max(cur[1], b))
    if cur is not None:
        total += cur[1] - cur[0] + 1
    return round(total / 12, 1)
