"""Layout-aware PDF text: one pdfminer.six ``extract_pages`` pass gives reading order, font cues and quality flags.

Everything is derived from that single layout pass (no second ``extract_text`` run):

* **Lines.** Every ``LTTextLineHorizontal`` becomes a :class:`TextLine` with its box, its font size (the
  first glyph's) and its text. Glyphs that sit inside figures (Form XObjects, which pdfminer does not
  group into lines with default ``LAParams``) are grouped into lines by baseline here.
* **Reading order** (per page, :func:`order_lines`). A *column cut* is a vertical channel at x = g that no
  line crosses within the longest run of lines (top to bottom); lines above or below that run (a full-width
  name, a footer) stay above or below. A cut needs at least three lines on each side. It is rejected as a
  *row layout* (one column with its dates or places set at the right margin, or a date column at the left
  as in LaTeX moderncv) when one side's lines are short (median at most 30 characters), mostly share a
  baseline with a line on the other side, and include no section heading. Columns are read one after the
  other, left first, unless the page's largest text (the name) heads the right column. Without a cut, lines
  are grouped into rows by baseline and read top to bottom; the pieces of one row are joined with a space
  when they nearly touch and with three spaces otherwise ("Data Engineer, Acme   2019 – 2021").
* **Name cue.** ``headline``: the largest text in the top 40% of page 1 (biggest first), when it is at least
  1.15 times the page's median font size.
* **Repairs and flags.** A ``(cid:N)`` glyph before a line is a bullet ("•") unless the line is a heading;
  runs of ``(cid:N)`` are decoded with the common subset-font offset (glyph N is the character N + 29) when
  that gives words; other ``(cid:N)`` are removed and counted. Separators that split every word onto its own
  line (tab, carriage return and no-break space between words) become spaces; soft hyphens are dropped.
  Stacks of single letters (rotated text) are joined into one line. Letter-spaced runs ("S C I E N C E
  I N T E R N") are rebuilt from the gaps between their glyphs ("SCIENCE INTERN"). Control characters
  are dropped. Flags: ``cid_glyphs`` (more than 2% of the
  glyphs could not be read), ``cid_glyphs_repaired``, ``fragmented_text`` (most lines are one word),
  ``rotated_text``, ``image_only_pages`` (a page with an image and no text), ``columns`` (a page was read as
  columns).
"""

from __future__ import annotations

import logging
import re
import statistics
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from hotlist.pipeline.parse.sections import canonical_heading

ROW_JOIN = "   "  # between pieces of one row that do not touch


@dataclass(frozen=True)
class TextLine:
    """One line of text on a page; ``top``/``bottom`` are measured down from the top of the page."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float
    rotated: bool = False

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


@dataclass(frozen=True)
class PdfText:
    """A PDF's text in reading order, with the cues and flags found on the way."""

    text: str
    pages: int
    text_pages: int  # pages with any text
    image_pages: int  # pages with an image and no text
    headline: tuple[str, ...]  # largest text near the top of page 1, biggest first
    flags: tuple[str, ...]
    glyphs: int  # characters read (after repairs)
    unreadable_glyphs: int  # (cid:N) that could not be decoded


_CID_RE = re.compile(r"\(cid:(\d+)\)")
_CID_RUN_RE = re.compile(r"(?:\(cid:\d+\)){3,}")
_LEAD_CID_RE = re.compile(r"^\s*(?:\(cid:\d+\)\s*)+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")
_SPACES_RE = re.compile(r"[\t\r\n\u00a0\u2000-\u200a\u202f\u205f\u3000 ]+")


def read_pdf_layout(path: Path | str, *, laparams=None) -> PdfText:
    """Read ``path`` with one ``extract_pages`` pass; pdfminer's exceptions propagate to the caller."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    _quiet_pdfminer()
    pages = text_pages = image_pages = 0
    blocks: list[str] = []
    flags: set[str] = set()
    headline: tuple[str, ...] = ()
    stats = {"glyphs": 0, "cid": 0, "repaired": 0}
    for number, page in enumerate(extract_pages(str(path), laparams=laparams or LAParams())):
        pages += 1
        lines, has_image = _page_lines(page, number)
        lines = [ln for ln in (_repair(ln, stats) for ln in lines) if ln.text]
        if not lines:
            image_pages += has_image
            continue
        text_pages += 1
        lines, rotated = _join_rotated(lines)
        if rotated:
            flags.add("rotated_text")
        if number == 0:
            headline = _headline(lines, page.height)
        rows, columns = order_lines(lines)
        if columns:
            flags.add("columns")
        blocks.append(_render(rows))
    text = "\n\n".join(b for b in blocks if b)
    if stats["glyphs"] and stats["cid"] > 0.02 * stats["glyphs"]:
        flags.add("cid_glyphs")
    if stats["repaired"]:
        flags.add("cid_glyphs_repaired")
    if image_pages:
        flags.add("image_only_pages")
    if is_fragmented(text):
        flags.add("fragmented_text")
    return PdfText(text, pages, text_pages, image_pages, headline, tuple(sorted(flags)), stats["glyphs"], stats["cid"])


def _quiet_pdfminer() -> None:
    """pdfminer logs a warning per odd font ("Could not get FontBBox..."): noise for a recruiter.

    Raised to ERROR only when nobody configured the ``pdfminer`` logger.
    """
    log = logging.getLogger("pdfminer")
    if log.level == logging.NOTSET:
        log.setLevel(logging.ERROR)


# --- collecting lines -------------------------------------------------------------


def _page_lines(page, number: int) -> tuple[list[TextLine], bool]:
    from pdfminer.layout import LTChar, LTFigure, LTImage, LTTextBox, LTTextLineHorizontal

    height = page.height
    lines: list[TextLine] = []
    has_image = False
    for item in page:
        if isinstance(item, LTTextBox):
            for line in item:
                if isinstance(line, LTTextLineHorizontal):
                    lines.append(_make_line(line, number, height, LTChar))
        elif isinstance(item, LTTextLineHorizontal):
            lines.append(_make_line(item, number, height, LTChar))
        elif isinstance(item, LTFigure):
            chars: list = []
            has_image |= _figure_chars(item, chars, LTChar, LTFigure, LTImage)
            lines += _lines_from_chars(chars, number, height)
        elif isinstance(item, LTImage):
            has_image = True
    return lines, has_image


def _make_line(line, number: int, height: float, char_type) -> TextLine:
    size, rotated = 0.0, False
    for glyph in line:
        if isinstance(glyph, char_type):
            size = glyph.size
            rotated = not glyph.upright
            break
    text = line.get_text()
    if _SPACED_RE.search(text):
        text = _unspace(line, char_type, size)
    return TextLine(number, line.x0, height - line.y1, line.x1, height - line.y0, text, size, rotated)


_SPACED_RE = re.compile(r"(?<!\S)(?:\w ){3,}\w(?!\S)")  # "S C I E N C E": letter-spaced text


def _unspace(line, char_type, size: float) -> str:
    """Letter-spaced runs ("D A T A   S C I E N C E") read as words, from the gaps between the glyphs.

    Inside a run of one-letter tokens, a gap wider than 1.6 times the run's median gap (and a sixth of an
    em more) is a word break; the others are letter spacing. Text outside such runs is left as it is.
    """
    items: list[tuple[str, float, float]] = []  # (text, x0, x1); a space pdfminer inserted has no box
    for glyph in line:
        t = glyph.get_text()
        if isinstance(glyph, char_type):
            items.append((t, glyph.x0, glyph.x1))
        elif t == " ":
            items.append((" ", -1.0, -1.0))
    out: list[str] = []
    i = 0
    while i < len(items):
        j = i
        run = []  # indices of one-letter tokens separated by single inserted spaces
        while (j < len(items) and items[j][0].isalnum() and items[j][1] >= 0
               and (j + 1 == len(items) or items[j + 1][0] in (" ", "\n")) and (j == i or items[j - 1][0] == " ")):
            run.append(j)
            j += 2
        if len(run) >= 4 and (run[0] == 0 or items[run[0] - 1][0] == " "):
            gaps = [items[b][1] - items[a][2] for a, b in zip(run, run[1:])]
            middle = statistics.median(gaps)
            for k, index in enumerate(run):
                out.append(items[index][0])
                if k < len(gaps) and gaps[k] > max(1.6 * middle, middle + size / 6):
                    out.append(" ")
            if run[-1] + 1 < len(items):
                out.append(" ")
            i = run[-1] + 2
            continue
        out.append(items[i][0])
        i += 1
    return "".join(out)


def _figure_chars(figure, out: list, char_type, figure_type, image_type) -> bool:
    has_image = False
    for child in figure:
        if isinstance(child, char_type):
            out.append(child)
        elif isinstance(child, figure_type):
            has_image |= _figure_chars(child, out, char_type, figure_type, image_type)
        elif isinstance(child, image_type):
            has_image = True
    return has_image


def _lines_from_chars(chars: list, number: int, height: float) -> list[TextLine]:
    """Glyphs inside a figure, grouped into lines by baseline; a gap wider than a tenth of a glyph is a space."""
    out: list[TextLine] = []
    rows: dict[int, list] = {}
    for ch in chars:
        rows.setdefault(round(ch.y0), []).append(ch)
    for _, row in sorted(rows.items(), reverse=True):
        row.sort(key=lambda c: c.x0)
        parts: list[str] = []
        start = 0
        for i, ch in enumerate(row):
            if i and ch.x0 - row[i - 1].x1 > 3 * ch.size:  # far apart: two lines on one baseline
                out.append(_char_line(row[start:i], "".join(parts), number, height))
                parts, start = [], i
            elif i and ch.x0 - row[i - 1].x1 > 0.1 * max(row[i - 1].width, row[i - 1].height) \
                    and not ch.get_text().isspace() and not row[i - 1].get_text().isspace():
                parts.append(" ")  # pdfminer's own word_margin rule
            parts.append(ch.get_text())
        out.append(_char_line(row[start:], "".join(parts), number, height))
    return out


def _char_line(chars: list, text: str, number: int, height: float) -> TextLine:
    x0, x1 = min(c.x0 for c in chars), max(c.x1 for c in chars)
    y0, y1 = min(c.y0 for c in chars), max(c.y1 for c in chars)
    return TextLine(number, x0, height - y1, x1, height - y0, text, chars[0].size, not chars[0].upright)


# --- repairs ----------------------------------------------------------------------------


def _decode_cids(match: re.Match[str]) -> str | None:
    codes = [int(n) for n in _CID_RE.findall(match.group(0))]
    if not all(3 <= n <= 97 for n in codes):
        return None
    decoded = "".join(chr(n + 29) for n in codes)
    letters = sum(c.isalpha() or c == " " for c in decoded)
    return decoded if letters >= 0.7 * len(decoded) and re.search(r"[A-Za-z]{2}", decoded) else None


def _repair(line: TextLine, stats: dict[str, int]) -> TextLine:
    text = line.text.replace("\u00ad", "").replace("-\u2010", "-").replace("\u2010", "-").replace("\u2011", "-")
    if "(cid:" in text:

        def run(m: re.Match[str]) -> str:
            decoded = _decode_cids(m)
            if decoded is None:
                return m.group(0)
            stats["repaired"] += len(decoded)
            return decoded

        text = _CID_RUN_RE.sub(run, text)
        lead = _LEAD_CID_RE.match(text)
        if lead:
            rest = text[lead.end() :].strip()
            stats["repaired"] += 1
            text = rest if canonical_heading(_CID_RE.sub("", rest)) else f"• {rest}"
        stats["cid"] += len(_CID_RE.findall(text))
        text = _CID_RE.sub(" ", text)
    text = _CONTROL_RE.sub("", _SPACES_RE.sub(" ", text)).strip()
    stats["glyphs"] += len(text)
    if text == line.text:
        return line
    return TextLine(line.page, line.x0, line.top, line.x1, line.bottom, text, line.size, line.rotated)


def _join_rotated(lines: list[TextLine]) -> tuple[list[TextLine], bool]:
    """Stacks of three or more one-letter lines at one x (rotated or stacked text) become one line."""
    singles = sorted((ln for ln in lines if len(ln.text) == 1), key=lambda ln: (round(ln.x0), ln.top))
    if len(singles) < 3:
        return lines, False
    merged: list[TextLine] = []
    drop: set[int] = set()
    stack: list[TextLine] = []

    def flush() -> None:
        if len(stack) >= 3:
            chars = [ln.text for ln in stack]
            if stack[0].rotated:  # text rotated to read bottom to top
                chars.reverse()
            # one line high at the top of the stack, so it does not join the rows beside it
            merged.append(TextLine(stack[0].page, min(s.x0 for s in stack), stack[0].top, max(s.x1 for s in stack),
                                   stack[0].bottom, "".join(chars), stack[0].size))
            drop.update(id(s) for s in stack)

    for ln in singles:
        prev = stack[-1] if stack else None
        if prev and abs(ln.x0 - prev.x0) <= 2 and ln.top - prev.bottom <= 1.2 * max(ln.size, 1):
            stack.append(ln)
            continue
        flush()
        stack = [ln]
    flush()
    if not merged:
        return lines, False
    return [ln for ln in lines if id(ln) not in drop] + merged, True


def is_fragmented(text: str) -> bool:
    """Most lines hold a single word: the text lost its line structure (one word per line)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) < 20:
        return False
    single = sum(1 for ln in lines if len(ln.split()) == 1)
    return single > 0.5 * len(lines)


# --- reading order ------------------------------------------------------------------------


def order_lines(lines: list[TextLine]) -> tuple[list[list[TextLine] | None], bool]:
    """Rows of one page in reading order (``None`` marks a paragraph break) and whether columns were cut."""
    largest = max((ln.size for ln in lines), default=0.0)
    found: list[bool] = []
    rows = _layout(lines, largest, 0, found)
    return rows, bool(found)


def _layout(lines: list[TextLine], largest: float, depth: int, found: list[bool]) -> list[list[TextLine] | None]:
    cut = _column_cut(lines) if depth < 4 and len(lines) >= 6 else None
    if cut is None:
        return _rows(lines)
    found.append(True)
    above, left, right, below = cut
    first, second = left, right
    if _heads(right, largest) and not _heads(left, largest):
        first, second = right, left
    out: list[list[TextLine] | None] = []
    for part in (above, first, second, below):
        if part:
            if out:
                out.append(None)
            out += _layout(part, largest, depth + 1, found)
    return out


def _heads(lines: list[TextLine], largest: float) -> bool:
    """The page's largest text is among the first three lines of ``lines``."""
    top = sorted(lines, key=lambda ln: ln.top)[:3]
    return largest > 0 and any(ln.size >= largest - 0.5 for ln in top)


def _column_cut(lines: list[TextLine]):
    """``(above, left, right, below)`` for the best column channel, or None (see the module docstring)."""
    lo = min(ln.x0 for ln in lines)
    hi = max(ln.x1 for ln in lines)
    width = hi - lo
    if width <= 0:
        return None
    starts = sorted(ln.x0 for ln in lines)
    ends = sorted(ln.x1 for ln in lines)
    limit = max(2, len(lines) // 5)
    candidates: set[float] = set()
    for x in [ln.x1 + 2 for ln in lines] + [ln.x0 - 2 for ln in lines]:
        if lo + 0.12 * width <= x <= hi - 0.12 * width:
            # lines crossing x: started before it and not ended before it
            if bisect_left(starts, x - 1) - bisect_right(ends, x + 1) <= limit:
                candidates.add(round(x))
    if not candidates:
        return None
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    best = None
    seen: set[tuple[int, int, int]] = set()
    for g in sorted(candidates):
        a, b = _longest_run(ordered, g)
        if b - a < 6:
            continue
        run = ordered[a:b]
        left = [ln for ln in run if ln.x1 <= g + 1]
        right = [ln for ln in run if ln.x0 >= g - 1]
        if (a, b, len(left)) in seen:  # the same split as a candidate already tried
            continue
        seen.add((a, b, len(left)))
        if len(left) < 3 or len(right) < 3:
            continue
        if min(ln.x0 for ln in right) - max(ln.x1 for ln in left) < 4:
            continue
        chars_l, chars_r = sum(len(ln.text) for ln in left), sum(len(ln.text) for ln in right)
        if min(chars_l, chars_r) < 0.08 * (chars_l + chars_r):
            continue
        if _row_layout(left, right):
            continue
        score = b - a
        if best is None or score > best[0]:
            best = (score, a, b, left, right)
    if best is None:
        return None
    _, a, b, left, right = best
    return ordered[:a], left, right, ordered[b:]


def _longest_run(ordered: list[TextLine], g: float) -> tuple[int, int]:
    best = (0, 0)
    start = 0
    for i, ln in enumerate(ordered):
        if ln.x0 < g - 1 and ln.x1 > g + 1:
            if i - start > best[1] - best[0]:
                best = (start, i)
            start = i + 1
    if len(ordered) - start > best[1] - best[0]:
        best = (start, len(ordered))
    return best


def _aligned(line: TextLine, others: list[TextLine]) -> bool:
    return any(min(line.bottom, o.bottom) - max(line.top, o.top) >= 0.5 * min(line.height, o.height) for o in others)


def _row_layout(left: list[TextLine], right: list[TextLine]) -> bool:
    """One column whose dates/places sit at a margin, not two columns (see the module docstring)."""
    for side, other in ((right, left), (left, right)):
        if statistics.median(len(ln.text) for ln in side) > 30:
            continue
        if any(canonical_heading(ln.text) or canonical_heading(ln.text.capitalize()) for ln in side):
            continue  # a column with section headings ("contact", "education") is a real column
        if sum(_aligned(ln, other) for ln in side) >= 0.5 * len(side):
            return True
    return False


def _rows(lines: list[TextLine]) -> list[list[TextLine] | None]:
    """Lines grouped into rows by baseline, top to bottom; ``None`` where the gap is a paragraph break."""
    out: list[list[TextLine] | None] = []
    row: list[TextLine] = []
    row_top = row_bottom = 0.0
    prev_bottom = None
    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if row and min(row_bottom, ln.bottom) - max(row_top, ln.top) >= 0.5 * min(row_bottom - row_top, ln.height):
            row.append(ln)
            row_bottom = max(row_bottom, ln.bottom)
            continue
        if row:
            out.append(sorted(row, key=lambda x: x.x0))
            prev_bottom = row_bottom
            if ln.top - prev_bottom > 0.5 * min(ln.height, row_bottom - row_top):
                out.append(None)
        row, row_top, row_bottom = [ln], ln.top, ln.bottom
    if row:
        out.append(sorted(row, key=lambda x: x.x0))
    return out


def _render(rows: list[list[TextLine] | None]) -> str:
    out: list[str] = []
    for row in rows:
        if row is None:
            if out and out[-1]:
                out.append("")
            continue
        parts = [row[0].text]
        for prev, ln in zip(row, row[1:]):
            gap = ln.x0 - prev.x1
            parts.append(" " if gap < 0.6 * max(ln.size, 1) else ROW_JOIN)
            parts.append(ln.text)
        out.append("".join(parts))
    return "\n".join(out).strip("\n")


def _headline(lines: list[TextLine], page_height: float) -> tuple[str, ...]:
    """Texts of the largest lines in the top 40% of the page (same-size pieces of one row joined)."""
    sizes = [ln.size for ln in lines if ln.size > 0]
    if not sizes:
        return ()
    body = statistics.median(sizes)
    top = [ln for ln in lines if ln.top < 0.4 * page_height and ln.size >= 1.15 * body]
    if not top:
        return ()
    by_size: dict[float, list[TextLine]] = {}
    for ln in top:
        by_size.setdefault(round(ln.size, 1), []).append(ln)
    out: list[str] = []
    for size in sorted(by_size, reverse=True)[:3]:
        group = sorted(by_size[size], key=lambda ln: (round(ln.top), ln.x0))
        rows = _rows(group)
        texts = [" ".join(piece.text for piece in row) for row in rows if row]
        # a name set on two lines ("JANE" / "DOE") in the same large font
        if len(texts) == 2 and all(len(t.split()) == 1 for t in texts):
            texts = [" ".join(texts)]
        out += texts[:2]
    return tuple(t for t in out if t)[:4]
