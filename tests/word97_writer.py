"""Write minimal Word 97 ``.doc`` files for tests: an OLE compound file holding a ``WordDocument`` stream
(FIB + text) and a ``1Table`` stream (piece table), following [MS-CFB] and [MS-DOC].

Each piece of text is stored either 8-bit (cp1252, "compressed") or UTF-16LE, so a reader must follow the
piece table. The files open in antiword (checked when it is installed) as well as in Hotlist's reader.
"""

from __future__ import annotations

import struct
from pathlib import Path

_SECTOR = 512
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_MIN_STREAM = 4096  # streams at least this large live in normal sectors (no mini stream needed)


def word97_bytes(pieces: list[tuple[str, bool]], *, header_text: str = "", encrypted: bool = False) -> bytes:
    """A ``.doc`` whose main text is the concatenation of ``pieces`` (``(text, compressed)``).

    Use ``\\r`` for paragraph ends, ``\\x07`` for table cell ends (a row ends with one more ``\\x07``),
    ``\\x13 code \\x14 result \\x15`` for a field. ``header_text`` (8-bit) becomes the page-header story.
    """
    fib_size = 1024
    text_parts: list[bytes] = []
    descriptors: list[tuple[int, int, bool]] = []  # (cp_len, byte_offset, compressed)
    offset = fib_size
    stories = list(pieces)
    if header_text:
        stories.append((header_text if header_text.endswith("\r") else header_text + "\r", True))
        stories.append(("\r", True))  # the end-of-headers mark Word writes after the header stories
    for text, compressed in stories:
        data = text.encode("cp1252") if compressed else text.encode("utf-16-le")
        descriptors.append((len(text), offset, compressed))
        text_parts.append(data)
        offset += len(data)
    ccp_text = sum(len(t) for t, _ in pieces)
    ccp_hdd = sum(d[0] for d in descriptors[len(pieces):])

    cps = [0]
    for cp_len, _, _ in descriptors:
        cps.append(cps[-1] + cp_len)
    plc = struct.pack(f"<{len(cps)}I", *cps)
    for _, byte_offset, compressed in descriptors:
        fc = (byte_offset * 2) | 0x40000000 if compressed else byte_offset
        plc += struct.pack("<HIH", 0, fc, 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    table = clx.ljust(_MIN_STREAM, b"\x00")

    fib = bytearray(fib_size)
    flags = 0x0200 | (0x0100 if encrypted else 0)  # fWhichTblStm: the table stream is 1Table
    struct.pack_into("<HHHHHH", fib, 0, 0xA5EC, 0x00C1, 0, 0x0409, 0, flags)
    struct.pack_into("<H", fib, 0x0C, 0x00BF)  # nFibBack
    struct.pack_into("<II", fib, 0x18, fib_size, offset)  # fcMin, fcMac (older readers)
    struct.pack_into("<H", fib, 0x20, 14)  # csw
    struct.pack_into("<H", fib, 0x3E, 22)  # cslw
    struct.pack_into("<I", fib, 0x40, offset)  # cbMac
    struct.pack_into("<III", fib, 0x4C, ccp_text, 0, ccp_hdd)  # ccpText, ccpFtn, ccpHdd
    struct.pack_into("<H", fib, 0x98, 0x5D)  # cbRgFcLcb (Word 97)
    struct.pack_into("<II", fib, 0x1A2, 0, len(clx))  # fcClx, lcbClx
    word = (bytes(fib) + b"".join(text_parts)).ljust(_MIN_STREAM, b"\x00")
    return _compound_file({"WordDocument": word, "1Table": table})


def write_word97(path: Path, lines: list[str], *, utf16_from: int | None = None, header_text: str = "") -> Path:
    """Write ``lines`` as paragraphs; lines from index ``utf16_from`` on go in a second, UTF-16 piece."""
    split = len(lines) if utf16_from is None else utf16_from
    pieces = [("".join(f"{ln}\r" for ln in lines[:split]), True)]
    if split < len(lines):
        pieces.append(("".join(f"{ln}\r" for ln in lines[split:]), False))
    path.write_bytes(word97_bytes([p for p in pieces if p[0]], header_text=header_text))
    return path


def _compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding ``streams`` under the root storage."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    data_sectors: list[bytes] = []
    starts: dict[str, int] = {}
    next_sector = 2  # sector 0: FAT, sector 1: directory
    fat = [_FATSECT, _END]
    for name in names:
        payload = streams[name].ljust(-(-len(streams[name]) // _SECTOR) * _SECTOR, b"\x00")
        count = len(payload) // _SECTOR
        starts[name] = next_sector
        fat += [next_sector + i + 1 for i in range(count - 1)] + [_END]
        data_sectors += [payload[i * _SECTOR:(i + 1) * _SECTOR] for i in range(count)]
        next_sector += count
    assert len(fat) <= _SECTOR // 4, "one FAT sector is enough for a test document"
    fat_sector = struct.pack(f"<{_SECTOR // 4}I", *(fat + [_FREE] * (_SECTOR // 4 - len(fat))))

    # Directory: root, then the streams as a chain of left siblings under the root (sorted, all black).
    entries = [_dir_entry("Root Entry", 5, child=1 if names else _NOSTREAM, start=_END, size=0)]
    for i, name in enumerate(reversed(names)):
        left = i + 2 if i + 1 < len(names) else _NOSTREAM
        entries.append(_dir_entry(name, 2, left=left, start=starts[name], size=len(streams[name])))
    while len(entries) < 4:
        entries.append(_dir_entry("", 0, start=0, size=0))
    directory = b"".join(entries)

    header = bytearray(_SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 0x2C, 1)  # FAT sectors
    struct.pack_into("<I", header, 0x30, 1)  # first directory sector
    struct.pack_into("<I", header, 0x38, _MIN_STREAM)  # mini stream cutoff
    struct.pack_into("<II", header, 0x3C, _END, 0)  # no mini FAT
    struct.pack_into("<II", header, 0x44, _END, 0)  # no DIFAT sectors
    difat = [0] + [_FREE] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    return bytes(header) + fat_sector + directory + b"".join(data_sectors)


def _dir_entry(name: str, kind: int, *, left: int = _NOSTREAM, right: int = _NOSTREAM, child: int = _NOSTREAM,
               start: int, size: int) -> bytes:
    entry = bytearray(128)
    if kind:
        encoded = (name + "\x00").encode("utf-16-le")
        entry[0:len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 0x40, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 0x44, left, right, child)
    struct.pack_into("<II", entry, 0x74, start, size)
    if not kind:
        struct.pack_into("<III", entry, 0x44, _NOSTREAM, _NOSTREAM, _NOSTREAM)
    return bytes(entry)
