"""Text of a legacy Word 97-2003 ``.doc`` file, read in pure Python (olefile for the OLE container).

A ``.doc`` is an OLE compound file. Its ``WordDocument`` stream starts with the FIB (File Information
Block), which gives the length of the main text (``ccpText``) and headers (``ccpHdd``) in characters,
and where the piece table (``Clx``) sits in the table stream (``1Table`` or ``0Table``). The piece
table maps character positions to byte offsets in ``WordDocument``: each piece is either 8-bit
(cp1252, "compressed") or UTF-16LE. Word 6/95 files (no piece table) keep the text between
``fcMin`` and ``fcMac``.

Special characters are turned into plain text: paragraph marks become new lines, table cell marks
separate cells with three spaces (as DOCX tables are read), a row end ends the line, field codes
(between the field-begin and field-separator marks) are dropped and their results kept.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from hotlist.pipeline.errors import UnreadableDocument

_WORD_IDENT = 0xA5EC
_F_WHICH_TABLE = 0x0200
_F_ENCRYPTED = 0x0100
_MAX_CHARS = 5_000_000  # a resume is a few thousand characters; a larger claim is a damaged or hostile FIB

NOT_WORD_REASON = "a legacy Word .doc (or other old Office) file: save it as DOCX or PDF"


@dataclass(frozen=True)
class WordText:
    """The main text of a Word 97 document and its page-header text (empty when none)."""

    body: str
    headers: str


def read_word97(path) -> WordText:
    """Read the text of ``path``; raise UnreadableDocument with a recruiter-readable reason."""
    import olefile

    try:
        if not olefile.isOleFile(str(path)):
            raise UnreadableDocument(NOT_WORD_REASON)
        with olefile.OleFileIO(str(path)) as ole:
            if not ole.exists("WordDocument"):
                raise UnreadableDocument(NOT_WORD_REASON)
            word = ole.openstream("WordDocument").read()
            flags = _u16(word, 0x0A) if len(word) >= 0x0C else 0
            table_name = "1Table" if flags & _F_WHICH_TABLE else "0Table"
            table = ole.openstream(table_name).read() if ole.exists(table_name) else b""
    except UnreadableDocument:
        raise
    except Exception as exc:  # olefile raises OSError, struct.error, NotOleFileError... on damaged containers
        raise UnreadableDocument(NOT_WORD_REASON) from exc
    return decode_word_streams(word, table)


def decode_word_streams(word: bytes, table: bytes) -> WordText:
    """The text held by a ``WordDocument`` stream and its table stream (pure: bytes in, text out)."""
    if len(word) < 0x20 or _u16(word, 0) != _WORD_IDENT:
        raise UnreadableDocument(NOT_WORD_REASON)
    flags = _u16(word, 0x0A)
    if flags & _F_ENCRYPTED:
        raise UnreadableDocument("encrypted Word .doc (password-protected): ask the candidate for an unlocked copy")
    n_fib = _u16(word, 2)
    try:
        if n_fib < 101 or len(word) < 0x1AA:  # Word 6/95: one run of 8-bit text
            fc_min, fc_mac = _u32(word, 0x18), _u32(word, 0x1C)
            if not 0 < fc_min < fc_mac <= len(word):
                raise UnreadableDocument("damaged legacy Word .doc (no text found): ask for a DOCX or PDF")
            return WordText(_plain(word[fc_min:fc_mac].decode("cp1252", "replace")), "")
        ccp_text = _u32(word, 0x4C)
        ccp_ftn = _u32(word, 0x50)
        ccp_hdd = _u32(word, 0x54)
        fc_clx, lcb_clx = _u32(word, 0x1A2), _u32(word, 0x1A6)
        if ccp_text > _MAX_CHARS or ccp_hdd > _MAX_CHARS or ccp_ftn > _MAX_CHARS:
            raise UnreadableDocument("damaged legacy Word .doc (impossible text length): ask for a DOCX or PDF")
        pieces = _pieces(table[fc_clx:fc_clx + lcb_clx]) if lcb_clx else []
        if not pieces:
            raise UnreadableDocument("damaged legacy Word .doc (no piece table): ask for a DOCX or PDF")
        body = _text_range(word, pieces, 0, ccp_text)
        start = ccp_text + ccp_ftn
        headers = _text_range(word, pieces, start, start + ccp_hdd) if ccp_hdd else ""
    except (struct.error, IndexError, ValueError) as exc:
        raise UnreadableDocument("damaged legacy Word .doc: ask for a DOCX or PDF") from exc
    return WordText(_plain(body), _plain(headers))


def _u16(data: bytes, offset: int) -> int:
    return struct.unpack_from("<H", data, offset)[0]


def _u32(data: bytes, offset: int) -> int:
    return struct.unpack_from("<I", data, offset)[0]


def _pieces(clx: bytes) -> list[tuple[int, int, int, bool]]:
    """``(cp_start, cp_end, byte_offset, compressed)`` per piece of the Clx's piece table."""
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
        pos += 3 + struct.unpack_from("<h", clx, pos + 1)[0]
    if pos >= len(clx) or clx[pos] != 0x02:
        return []
    size = _u32(clx, pos + 1)
    plc = clx[pos + 5:pos + 5 + size]
    count = (len(plc) - 4) // 12  # (n + 1) CPs of 4 bytes, n piece descriptors of 8 bytes
    if count <= 0:
        return []
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    out = []
    for i in range(count):
        fc = _u32(plc, 4 * (count + 1) + 8 * i + 2)
        compressed = bool(fc & 0x40000000)
        offset = (fc & 0x3FFFFFFF) // 2 if compressed else fc & 0x3FFFFFFF
        out.append((cps[i], cps[i + 1], offset, compressed))
    return out


def _text_range(word: bytes, pieces: list[tuple[int, int, int, bool]], start: int, end: int) -> str:
    parts: list[str] = []
    for cp_start, cp_end, offset, compressed in pieces:
        lo, hi = max(start, cp_start), min(end, cp_end)
        if lo >= hi:
            continue
        width = 1 if compressed else 2
        begin = offset + (lo - cp_start) * width
        chunk = word[begin:begin + (hi - lo) * width]
        parts.append(chunk.decode("cp1252" if compressed else "utf-16-le", "replace"))
    return "".join(parts)


def _plain(raw: str) -> str:
    """Word's special characters as plain text; field codes dropped, field results kept."""
    out: list[str] = []
    depth = 0  # inside field codes (between 0x13 and 0x14)
    stack: list[bool] = []  # per open field: still in its code part
    for ch in raw.replace("\x07\x07", "\n").replace("\r\x07", "\n"):
        if ch == "\x13":
            stack.append(True)
            depth += 1
            continue
        if ch == "\x14":
            if stack and stack[-1]:
                stack[-1] = False
                depth -= 1
            continue
        if ch == "\x15":
            if stack and stack.pop():
                depth -= 1
            continue
        if depth:
            continue
        if ch in "\r\n\x0b\x0c":
            out.append("\n")
        elif ch == "\x07":
            out.append("   ")
        elif ch == "\x1e":
            out.append("-")
        elif ch == "\t":
            out.append("\t")
        elif ch in "\x1f\x01\x08\x02\x03\x04\x05":
            continue
        elif ch < " ":
            continue
        else:
            out.append(ch)
    return "".join(out)
