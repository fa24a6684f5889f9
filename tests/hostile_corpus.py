"""Generate the hostile-input corpus (tests/test_hostile.py, tests/test_hardening.py, scripts/bench_hostile.py):
every file is made here, none is stored.

``build_corpus(inbox, outside)`` writes the files into ``inbox`` (and a target for a
symlink into ``outside``, and a named pipe, which is never a document) and returns
``{file name: expected reason fragment}``; a ``None`` fragment means the file is readable
and must be stored. The inputs of other commands (job YAML, outcome files) have their
own generators below.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from pathlib import Path

from tests.conftest import SAMPLES


def _pdf(objects: list[bytes], *, root: int = 1, xref: bool = True, trailer_extra: bytes = b"") -> bytes:
    """A PDF from numbered object bodies (object i+1 is ``objects[i]``), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    start = out.tell()
    if xref:
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, trailer_extra, start))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = (b"BT /F1 12 Tf 72 720 Td (Jane Sample) Tj 0 -20 Td (jane.sample@example.com  +1 512 555 0100) Tj "
         b"0 -20 Td (Experience: Python developer at Acme 2019 - 2023) Tj ET")


def many_pages_pdf(pages: int) -> bytes:
    """``pages`` small text pages sharing one content stream."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _FONT,
        _stream(_TEXT),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                b"/Contents 4 0 R >>"] * pages
    return _pdf(objects)


def loose_pages_pdf(pages: int) -> bytes:
    """``pages`` pages that the page tree does not reach (``/Pages`` has no kids): readers fall back to every page object."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        _FONT,
        _stream(_TEXT),
    ]
    objects += [b"<< /Type /Page /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"] * pages
    return _pdf(objects)


def one_page_pdf(content: bytes = _TEXT, *, media_box: bytes = b"[0 0 612 792]", extra_objects: list[bytes] = (),
                 content_extra: bytes = b"", raw_content: bytes | None = None) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        _FONT,
        raw_content if raw_content is not None else _stream(content, content_extra),
        *extra_objects,
    ]
    return _pdf(objects)


def bomb_pdf(gigabytes: float = 1.0) -> bytes:
    """A content stream that inflates to ``gigabytes`` of spaces (about 1 MB per GB on disk)."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 24)
    parts = [compressor.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n")]
    for _ in range(int(gigabytes * 64)):
        parts.append(compressor.compress(chunk))
    parts.append(compressor.flush())
    data = b"".join(parts)
    return one_page_pdf(raw_content=_stream(data, b"/Filter /FlateDecode "))


def nested_pdf(depth: int = 5000) -> bytes:
    """A page tree ``depth`` levels deep (each Pages node has one Pages kid) above one text page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        parent = b" /Parent %d 0 R" % (level + 1) if level else b""
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (level + 3, parent))
    page = len(objects) + 1
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> "
                   b"/Contents %d 0 R >>" % (page - 1, page + 1, page + 2))
    objects += [_FONT, _stream(_TEXT)]
    return _pdf(objects)


def encrypted_pdf(user_password: str) -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter,
                        encrypt=StandardEncryption(user_password, ownerPassword="owner-secret", strength=128))
    y = 720
    for line in ("Casey Locked", "casey.locked@example.com   +1 312 555 0188", "", "EXPERIENCE",
                 "Registered Nurse, Mercy Hospital   2018 - 2024", "Patient care, BLS, ACLS, Epic EHR",
                 "", "EDUCATION", "BSN, University of Illinois   2017"):
        pdf.drawString(72, y, line)
        y -= 18
    pdf.save()
    return buffer.getvalue()


def docx_bomb(gigabytes: float = 2.0) -> bytes:
    """A DOCX whose word/document.xml inflates to ``gigabytes``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                         b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            chunk = b"A" * (1 << 24)
            for _ in range(int(gigabytes * 64)):
                handle.write(chunk)
            handle.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def _break_xref(pdf: bytes) -> bytes:
    """Point startxref at garbage and damage the xref table."""
    head, _, tail = pdf.rpartition(b"startxref\n")
    return head.replace(b"xref\n0 ", b"xref\n0 X") + b"startxref\n" + b"99" + tail


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("resumes/one.txt", "not a resume")
    return buffer.getvalue()


TEXT_RESUME = ("{name}\n{user}@example.org | +1 512 555 0147 | Austin, TX\n\nEXPERIENCE\n"
               "Data Analyst, Northwind Traders, Jan 2019 - Mar 2023\n- Built SQL reports and Python scripts\n\n"
               "EDUCATION\nB.S. Statistics, University of Texas, 2018\n\nSKILLS\nPython, SQL, Excel\n")


def build_corpus(inbox: Path, outside: Path, *, max_file_mb: float) -> dict[bytes, str | None]:
    """Write every hostile file into ``inbox``; return {os.fsencode(name): expected reason fragment or None}."""
    inbox.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    sample = (SAMPLES / "01_maya_okafor.pdf").read_bytes()
    files: dict[bytes, tuple[bytes, str | None]] = {
        b"zero.pdf": (b"", "empty file (0 bytes)"),
        b"truncated.pdf": (sample[: len(sample) // 2], "truncated PDF"),
        # pdfminer rebuilds a broken xref table from the objects when they are intact: that resume is read.
        b"broken_xref_recoverable.pdf": (_break_xref(one_page_pdf()), None),
        b"broken_xref.pdf": (_break_xref(one_page_pdf()).replace(b" 0 obj\n", b" 0 ojb\n"), "corrupt PDF"),
        b"encrypted_password.pdf": (encrypted_pdf("s3cret"), "encrypted PDF (password-protected)"),
        b"encrypted_no_password.pdf": (encrypted_pdf(""), None),
        b"archive.pdf": (zip_archive(), "named .pdf but is a ZIP archive"),
        b"image.pdf": (b"\x89PNG\r\n\x1a\n" + os.urandom(200), "named .pdf but is an image (PNG)"),
        b"page.pdf": (b"<!DOCTYPE html><html><body>Jane</body></html>", "named .pdf but is a web page (HTML)"),
        b"program.pdf": (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "named .pdf but is a program file"),
        b"thousands_of_pages.pdf": (many_pages_pdf(5000), "too many pages (5000"),
        b"loose_pages.pdf": (loose_pages_pdf(5000), "outside the page tree"),
        b"huge_page.pdf": (one_page_pdf(media_box=b"[0 0 1000000 1000000]"), "page too large"),
        b"bomb.pdf": (bomb_pdf(1.0), "needed more than"),
        b"nested.pdf": (nested_pdf(), "nested too deeply"),
        b"bomb.docx": (docx_bomb(0.5), "zip bomb"),
        b"too_big.pdf": (b"%PDF-1.4\n" + b"0" * int((max_file_mb + 0.5) * 1e6), "file too large"),
        # Hostile names around a readable resume body (each copy differs by a byte so hashes differ).
        b"bad\xff\xfename.pdf": (sample + b"\n% 1", None),
        b"new\nline.pdf": (sample + b"\n% 2", None),
        b"--help.pdf": (sample + b"\n% 3", None),
        b"up..%2F..%2Fetc.pdf": (sample + b"\n% 4", None),
        b"--rf \xff\n..%2Fprogram.pdf": (b"MZ" + os.urandom(300), "named .pdf but is a program file"),
        # A name longer than a reason file's may be (120 Cyrillic letters, 240 bytes): quarantined all the same.
        "и".encode() * 120 + b".txt": (b"\x00\x01binary" + os.urandom(64), "binary data in a .txt file"),
        # Windows "Unicode" text (UTF-16 with a byte-order mark) and text carrying terminal escape sequences.
        b"unicode_resume.txt": (TEXT_RESUME.format(name="Nadia Petrova", user="nadia.petrova").encode("utf-16"), None),
        b"escapes_resume.txt": (TEXT_RESUME.format(name="Omar \x1b[31mHaddad\x1b[0m\x1b]0;owned\x07",
                                                   user="omar.haddad").encode(), None),
    }
    expected: dict[bytes, str | None] = {}
    root = os.fsencode(inbox)
    for name, (data, reason) in files.items():
        with open(os.path.join(root, name), "wb") as handle:
            handle.write(data)
        expected[name] = reason
    # A file under a subfolder named ".." cannot exist; a name "../x.pdf" given explicitly is resolved by the OS.
    # A symlink in the inbox pointing outside it: must be refused, never followed.
    secret = outside / "secret.pdf"
    secret.write_bytes(sample + b"\n% outside")
    os.symlink(secret, inbox / "link_outside.pdf")
    expected[b"link_outside.pdf"] = "a link to a file outside"
    # A named pipe dropped into the inbox: opening it would block the batch; it is skipped, never a document.
    os.mkfifo(inbox / PIPE_NAME)
    return expected


PIPE_NAME = "pipe.pdf"


# --- inputs of other commands ------------------------------------------------------------------------------------------


def deep_yaml(depth: int = 20_000) -> str:
    """A job file of ``depth`` nested brackets (the YAML parser recursed until Python's limit)."""
    return "[" * depth + "]" * depth


def many_must_haves_yaml(count: int = 30_000) -> str:
    """A hot job with ``count`` must-have skills (match took 97 s and 900 MB for 25 candidates)."""
    return "id: big\ntitle: Big\nmust_have:\n" + "".join(f"  - skill{i}\n" for i in range(count))


IMPOSSIBLE_IDS = ("inf", "-inf", "nan", "1e20", str(2**63), "0", "-4", "12.5")
"""Candidate-id cells that are numbers but no candidate's id (they ended in tracebacks)."""


def outcome_rows_csv(ids: list[str], outcome: str = "hung up") -> str:
    """A filled-in call list with one row per candidate-id cell."""
    return "candidate_id,job_id,outcome\n" + "".join(f"{i},backend,{outcome}\n" for i in ids)


def bad_outcome_rows_csv(count: int = 200_000) -> str:
    """``count`` rows whose candidate id is not a number (the error was one 28 MB line)."""
    return outcome_rows_csv(["x"] * count)
