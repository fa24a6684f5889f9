"""Turn a resume file (PDF, DOCX, DOC, TXT, PNG/JPEG) into plain text, or say plainly why not.

Every failure raises :class:`~pipeline.errors.UnreadableDocument` whose message is
the quarantine reason shown to the recruiter: what is wrong and what to do.

PDFs are read by :mod:`pipeline.pdf_layout` (one layout pass: reading order for
columns and sidebars, the large text at the top of page 1, text-quality flags).
DOCX text comes from the body in document order (paragraphs, tables, text boxes),
then page headers and footers. Legacy Word 97-2003 ``.doc`` files are read by
:mod:`pipeline.word97`. A PDF without a text layer, and a PNG or JPEG image, is read by
OCR (:mod:`pipeline.ocr`): its text is marked ``ocr_text`` (the fields' confidence is
lowered), and it is quarantined as a scanned image only when OCR finds no text either.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from struct import error as struct_error
from typing import BinaryIO

from hotlist.pipeline.errors import UnreadableDocument, UnsupportedFormat

SUPPORTED_SUFFIXES = frozenset({".pdf", ".docx", ".txt", ".doc", ".png", ".jpg", ".jpeg"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})

# Fewer printable characters than this per page means no usable text layer.
_MIN_CHARS_PER_PAGE = 20
SCANNED_REASON = "no text layer (scanned image): ask for a text PDF or DOCX"


# Limits that no resume comes near, checked before the layout pass so a hostile file fails fast.
MAX_PAGES = 100  # a long academic CV is 30-40 pages
MAX_PAGE_TREE_DEPTH = 32  # real page trees are 2-4 levels deep
MAX_PAGE_SIDE_PT = 14_400  # the largest page the PDF specification allows (200 inches)
MAX_DOCX_UNPACKED_BYTES = 200_000_000  # what a Word file may expand to; real resumes unpack to a few MB


@dataclass(frozen=True)
class DocumentText:
    """The text of one document and what kind of file it really was."""

    text: str
    kind: str  # "pdf" | "docx" | "doc" | "txt" | "image"
    pages: int
    # Text-quality flags (see pipeline.pdf_layout): "cid_glyphs", "fragmented_text", "image_only_pages"...
    flags: tuple[str, ...] = ()
    # The largest text near the top of the first page (PDF) or the title paragraph (DOCX), biggest first.
    headline: tuple[str, ...] = ()
    image_pages: int = 0  # PDF pages that are images without text
    ocr_pages: int = 0  # pages whose text was read by OCR (then "ocr_text" is in flags)


class NotRegularFile(OSError):
    """A pipe, socket or device where a file was expected: opening it could block forever."""


NOT_REGULAR_REASON = "not a regular file (a pipe, socket or device): only resume files are read"


def open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for reading, refusing anything but a regular file without ever blocking on it.

    A FIFO dropped in the inbox would block a plain ``open()`` until someone writes to it; opened
    non-blocking, it is seen for what it is and refused (``NotRegularFile``).
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFile(errno.EINVAL, NOT_REGULAR_REASON, str(path))
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in chunks (``NotRegularFile`` for pipes and devices)."""
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sniff_kind(head: bytes) -> str:
    """What the first bytes of a file say it is (independent of its name)."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"\x7fELF") or head.startswith(b"MZ"):
        return "executable"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    lowered = head[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


_KIND_REASONS = {
    "png": "an image (PNG), not a resume document: ask for a PDF or DOCX",
    "jpeg": "an image (JPEG), not a resume document: ask for a PDF or DOCX",
    "gif": "an image (GIF), not a resume document: ask for a PDF or DOCX",
    "tiff": "an image (TIFF), not a resume document: ask for a PDF or DOCX",
    "executable": "a program file, not a resume: delete it",
    "html": "a web page (HTML), not a resume document: save it as PDF",
    "rtf": "an RTF document, which Hotlist does not read: save it as PDF or DOCX",
    "ole": "a legacy Word .doc (or other old Office) file: save it as DOCX or PDF",
}


def read_document(path: Path, *, max_bytes: int | None = None) -> DocumentText:
    """Extract the text of ``path``; raise UnreadableDocument with a recruiter-readable reason."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormat(f"unsupported file type '{suffix or 'no extension'}': "
                                "Hotlist reads PDF, DOCX, DOC, TXT and PNG/JPEG images")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableDocument(NOT_REGULAR_REASON)
        size = info.st_size
        if size == 0:
            raise UnreadableDocument("empty file (0 bytes): the upload or copy failed; ask for the file again")
        if max_bytes is not None and size > max_bytes:
            raise UnreadableDocument(
                f"file too large ({size / 1e6:.1f} MB, limit {max_bytes / 1e6:.0f} MB): ask for a smaller PDF"
            )
        with open_regular(path) as handle:
            head = handle.read(2048)
    except OSError as exc:
        raise UnreadableDocument(f"cannot read the file ({exc.strerror or exc}): check it still exists and is readable") from exc

    kind = sniff_kind(head)
    if kind == "ole" and suffix == ".doc":
        return _read_doc(path)
    if kind in ("png", "jpeg") and suffix in IMAGE_SUFFIXES:
        return _read_image(path)
    if kind in _KIND_REASONS:
        raise UnreadableDocument(f"{_mislabel(suffix, kind)}{_KIND_REASONS[kind]}")
    if kind == "pdf":
        if suffix != ".pdf":
            raise UnreadableDocument(f"named {suffix} but is a PDF: rename it to .pdf and drop it in again")
        return _read_pdf(path)
    if kind == "zip":
        if suffix == ".docx":
            return _read_docx(path)
        if suffix == ".pdf" and _is_docx(path):
            raise UnreadableDocument("named .pdf but is a Word document (DOCX): rename it to .docx and drop it in again")
        raise UnreadableDocument(f"{_mislabel(suffix, 'ZIP archive')}a ZIP archive, not a resume: unzip it and drop in the resumes")
    # Plain text (by content).
    if suffix == ".pdf":
        raise UnreadableDocument("named .pdf but is not a PDF (no PDF header): ask for the original file")
    if suffix == ".docx":
        raise UnreadableDocument("named .docx but is not a Word document: ask for the original file")
    if suffix == ".doc":
        raise UnreadableDocument("a legacy Word .doc file: save it as DOCX or PDF")
    return _read_txt(path)


def _mislabel(suffix: str, kind: str) -> str:
    return f"named {suffix} but is " if suffix in {".pdf", ".docx", ".txt"} | IMAGE_SUFFIXES else ""


# Fewer characters than this read by OCR means the image holds no usable text.
_MIN_OCR_CHARS = 40


def _read_doc(path: Path) -> DocumentText:
    from hotlist.pipeline.read.word97 import read_word97

    word = read_word97(path)
    text = _clean(word.headers + "\n" + word.body if word.headers.strip() else word.body)
    if not text.strip():
        raise UnreadableDocument("empty Word .doc (no text): ask the candidate for their resume again")
    return DocumentText(text=text, kind="doc", pages=1)


def _read_image(path: Path) -> DocumentText:
    from hotlist.pipeline.read.ocr import ocr_image_file

    result = ocr_image_file(path)
    text = _clean(result.text)
    if len(text.strip()) < _MIN_OCR_CHARS:
        raise UnreadableDocument("an image with no readable text (OCR found none): ask for a PDF or DOCX")
    return DocumentText(text=text, kind="image", pages=1, flags=("ocr_text",), ocr_pages=1)


def _ocr_scanned_pdf(path: Path, pages: int) -> DocumentText:
    from hotlist.pipeline.read.ocr import ocr_pdf

    result = ocr_pdf(path, pages)
    text = _clean(result.text)
    if len(text.strip()) < _MIN_OCR_CHARS:
        raise UnreadableDocument(SCANNED_REASON)
    return DocumentText(text=text, kind="pdf", pages=pages, flags=("ocr_text",), image_pages=pages,
                        ocr_pages=result.pages)


def _read_pdf(path: Path) -> DocumentText:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfexceptions import PDFException, PSException

    from hotlist.pipeline.read.pdf_layout import read_pdf_layout

    try:
        _check_pdf_structure(path)
        layout = read_pdf_layout(path)
    except UnreadableDocument:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnreadableDocument(
            "encrypted PDF (password-protected): ask the candidate for an unlocked copy"
        ) from exc
    except (PDFException, PSException, ValueError, KeyError, TypeError, AttributeError, IndexError,
            AssertionError, struct_error, ZeroDivisionError) as exc:
        raise UnreadableDocument(
            f"corrupt or truncated PDF ({type(exc).__name__}): ask the candidate for a fresh copy"
        ) from exc
    except RecursionError as exc:
        raise UnreadableDocument("malformed PDF (objects nested too deeply): ask for a fresh copy") from exc
    if layout.pages == 0:
        raise UnreadableDocument("corrupt PDF (no pages found): ask the candidate for a fresh copy")
    text = _clean(layout.text)
    if len(text.strip()) < _MIN_CHARS_PER_PAGE * max(1, min(layout.pages, 2)) // 2:
        if layout.unreadable_glyphs >= _MIN_CHARS_PER_PAGE:
            raise UnreadableDocument(
                "unreadable text layer (fonts without a character map): ask for a PDF exported with "
                "standard fonts, or a DOCX"
            )
        return _ocr_scanned_pdf(path, layout.pages)
    return DocumentText(text=text, kind="pdf", pages=layout.pages, flags=layout.flags,
                        headline=layout.headline, image_pages=layout.image_pages)


def _check_pdf_structure(path: Path) -> None:
    """Refuse page trees no resume has (thousands of pages, deep nesting, giant pages) before reading any page.

    Walks the page tree without recursion, visiting at most ``MAX_PAGES`` pages.
    """
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef, resolve1

    with open_regular(path) as handle:
        document = PDFDocument(PDFParser(handle))
        root = document.catalog.get("Pages")
        top = resolve1(root)
        count = resolve1(top.get("Count")) if isinstance(top, dict) else None
        if isinstance(count, int) and count > MAX_PAGES:
            raise UnreadableDocument(f"too many pages ({count}; a resume has at most {MAX_PAGES}): "
                                     "ask for the resume on its own")
        stack = [(root, 0, None)]
        seen: set[int] = set()
        pages = 0
        while stack:
            ref, depth, inherited_box = stack.pop()
            if isinstance(ref, PDFObjRef):
                if ref.objid in seen:
                    continue
                seen.add(ref.objid)
            node = resolve1(ref)
            if not isinstance(node, dict):
                continue
            if depth > MAX_PAGE_TREE_DEPTH:
                raise UnreadableDocument(f"malformed PDF (page tree nested more than {MAX_PAGE_TREE_DEPTH} levels "
                                         "deep, objects nested too deeply): ask for a fresh copy")
            box = resolve1(node.get("MediaBox")) or inherited_box
            kids = resolve1(node.get("Kids"))
            if isinstance(kids, list):
                stack.extend((kid, depth + 1, box) for kid in reversed(kids))
                continue
            pages += 1
            if pages > MAX_PAGES:
                raise UnreadableDocument(f"too many pages (more than {MAX_PAGES}; a resume has at most {MAX_PAGES}): "
                                         "ask for the resume on its own")
            _check_page_size(box)
        if pages == 0:
            _check_loose_pages(document)


def _check_page_size(box) -> None:
    side = _largest_side(box)
    if side > MAX_PAGE_SIDE_PT:
        raise UnreadableDocument(f"page too large ({side / 72:,.0f} inches across; the PDF limit is "
                                 f"{MAX_PAGE_SIDE_PT / 72:.0f}): not a resume page, ask for the original file")


def _check_loose_pages(document) -> None:
    """Pages not reachable from ``/Pages``: pdfminer then reads every ``/Type /Page`` object in the file, so count those."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import LIT

    page = LIT("Page")
    pages = 0
    for xref in document.xrefs:
        for objid in xref.get_objids():
            try:
                obj = document.getobj(objid)
            except Exception:  # noqa: BLE001 - a damaged object is the layout pass's to report
                continue
            if isinstance(obj, dict) and obj.get("Type") is page:
                pages += 1
                if pages > MAX_PAGES:
                    raise UnreadableDocument(f"too many pages (more than {MAX_PAGES}, outside the page tree; a resume "
                                             f"has at most {MAX_PAGES}): ask for the resume on its own")
                _check_page_size(resolve1(obj.get("MediaBox")))


def _largest_side(box) -> float:
    from pdfminer.pdftypes import resolve1

    try:
        x0, y0, x1, y1 = (float(resolve1(v)) for v in box)
    except (TypeError, ValueError):
        return 0.0
    return max(abs(x1 - x0), abs(y1 - y0))


def _docx_unpacked_size(path: Path) -> int:
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return 0


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _read_docx(path: Path) -> DocumentText:
    import docx  # python-docx

    if not _is_docx(path):
        raise UnreadableDocument("named .docx but is not a Word document (no word/document.xml): ask for the original file")
    unpacked = _docx_unpacked_size(path)
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise UnreadableDocument(f"a zip bomb: this Word file would expand to {unpacked / 1e9:.1f} GB "
                                 f"(a resume is a few MB): ask for a fresh copy or a PDF")
    try:
        document = docx.Document(str(path))
        lines = _docx_lines(document)
    except Exception as exc:  # python-docx raises many kinds on damaged files
        raise UnreadableDocument(f"damaged Word document ({type(exc).__name__}): ask for a fresh copy or a PDF") from exc
    text = _clean("\n".join(lines))
    if not text.strip():
        raise UnreadableDocument("empty Word document (no text): ask the candidate for their resume again")
    return DocumentText(text=text, kind="docx", pages=1, headline=_docx_headline(document))


# --- DOCX: body in document order, text boxes, tables, headers and footers ----------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_lines(document) -> list[str]:
    """Lines of a Word document: headers, then the body (paragraphs, tables, text boxes in order), then footers.

    A table row whose cells are single short paragraphs is one line with the cells three spaces apart
    ("B.Sc.   Lakeside College   2016"); other cells (a layout table holding a sidebar) are read cell by
    cell. Text boxes are read after the paragraph that anchors them; the legacy copy Word keeps of each
    text box (``mc:Fallback``) is skipped so nothing is read twice. A header or footer shared by several
    sections is read once.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    heads: list[str] = []
    feet: list[str] = []
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype not in (RT.HEADER, RT.FOOTER):
            continue
        target = heads if rel.reltype == RT.HEADER else feet
        target += _block_lines(rel.target_part.element)
    return heads + _block_lines(document.element.body) + feet


def _block_lines(element) -> list[str]:
    lines: list[str] = []
    for child in element:
        tag = child.tag
        if tag == f"{_W}p":
            boxes: list = []
            parts: list[str] = []
            _runs(child, parts, boxes)
            lines.append("".join(parts))
            for box in boxes:
                lines += _block_lines(box)
        elif tag == f"{_W}tbl":
            lines += _table_lines(child)
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins", f"{_W}smartTag"):
            lines += _block_lines(child)
    return lines


def _runs(element, parts: list[str], boxes: list) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}txbxContent":
            boxes.append(child)
        elif tag in (_MC_FALLBACK, f"{_W}del", f"{_W}delText", f"{_W}instrText"):
            continue
        else:
            _runs(child, parts, boxes)


def _table_lines(table) -> list[str]:
    lines: list[str] = []
    for row in table.iter(f"{_W}tr"):
        if row.getparent() is not table:
            continue  # rows of nested tables are read with their cell
        cells = [tc for tc in row if tc.tag == f"{_W}tc"]
        texts = [_block_lines(tc) for tc in cells]
        simple = all(len([t for t in cell if t.strip()]) <= 1 for cell in texts)
        if simple and all(len(" ".join(cell)) <= 80 for cell in texts):
            lines.append("   ".join(" ".join(cell).strip() for cell in texts if any(t.strip() for t in cell)))
        else:
            for cell in texts:
                lines += cell
    return lines


def _docx_headline(document) -> tuple[str, ...]:
    """The title paragraph (style Title) or the largest explicitly sized text among the first ten paragraphs."""
    sized: list[tuple[float, str]] = []
    for paragraph in document.paragraphs[:25]:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.lower() == "title":
            return (text,)
        sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None and run.text.strip()]
        sized.append((max(sizes) if sizes else 0.0, text))
        if len(sized) >= 10:
            break
    known = sorted(size for size, _ in sized if size)
    if not known:
        return ()
    median = known[len(known) // 2]
    top = max(known)
    if top < 1.15 * median:
        return ()
    return tuple(text for size, text in sized if size == top)[:2]


# Byte-order marks of the wide Unicode encodings Windows "Unicode" text files use (UTF-32 first: its
# little-endian mark begins with UTF-16's).
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _read_txt(path: Path) -> DocumentText:
    with open_regular(path) as handle:
        raw = handle.read()
    wide = next((encoding for bom, encoding in _WIDE_BOMS if raw.startswith(bom)), None)
    if wide:
        try:
            raw = raw.decode(wide).encode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(f"a damaged {wide.upper()} text file: ask for the resume as PDF or DOCX") from exc
    if b"\x00" in raw[:4096]:
        raise UnreadableDocument("binary data in a .txt file: ask for the original resume")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    text = _clean(text)
    if not text.strip():
        raise UnreadableDocument("empty text file (only blank space): ask for the resume again")
    return DocumentText(text=text, kind="txt", pages=1)


# Terminal escape sequences (colours, cursor moves, window titles) and the other control characters: a
# resume's text never needs them, and printed or stored they can rewrite a recruiter's terminal.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    """Normalise whitespace, drop escape sequences and control characters; keep line structure."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _CONTROLS.sub("", _ESCAPES.sub("", text))
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    blank = 0
    for line in lines:
        if line.strip():
            blank = 0
            out.append(line)
        else:
            blank += 1
            if blank <= 1:
                out.append("")
    return "\n".join(out).strip("\n") + "\n"

