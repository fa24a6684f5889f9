"""Read text from images: scanned PDF pages and photos or screenshots of resumes (PNG, JPEG).

The engine is RapidOCR on ONNX Runtime (``rapidocr-onnxruntime``), whose wheel carries its detection,
angle and recognition models, so nothing is downloaded at run time. It is loaded on first use (never
at import) with one thread per worker process, so it runs inside the parse workers with their time and
memory limits. PDF pages are rendered with PDFium (``pypdfium2``).

The engine returns boxes of text; :func:`lines_from_boxes` puts them back into lines (boxes whose
vertical middles overlap share a line, read left to right; a wide gap becomes three spaces, as table
cells are joined elsewhere), so the field parsers see the same shape of text as from a text layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hotlist.pipeline.errors import UnreadableDocument

OCR_DPI = 150  # PDF pages are rendered at this resolution: 120 loses word spaces, 200 costs ~40% more
MAX_OCR_PAGES = 6  # a scanned resume is one to three pages; later pages are not read
MAX_IMAGE_PIXELS = 40_000_000  # a phone photo is 12-50 MP; anything larger is refused before decoding
MAX_SIDE = 2200  # images are scaled down to this longest side before OCR (a page at ~200 DPI)
MIN_SCORE = 0.5  # recognised text below this confidence is dropped


@dataclass(frozen=True)
class OcrText:
    """Text read by OCR from one or more page images, with the mean recognition confidence."""

    text: str
    pages: int
    mean_score: float
    boxes: int


@lru_cache(maxsize=1)
def ocr_engine():
    """The RapidOCR engine (loaded once per process, one thread: the workers already run in parallel)."""
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, print_verbose=False)


def lines_from_boxes(boxes: list[tuple[list, str, float]]) -> list[str]:
    """Lines of text from OCR boxes ``(corner points, text, score)``: same line when the middles overlap."""
    items = []
    for points, text, score in boxes:
        if not text.strip() or float(score) < MIN_SCORE:
            continue
        ys = [p[1] for p in points]
        xs = [p[0] for p in points]
        items.append((min(ys), max(ys), min(xs), max(xs), text.strip()))
    items.sort(key=lambda it: ((it[0] + it[1]) / 2, it[2]))
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for item in items:
        middle = (item[0] + item[1]) / 2
        if lines:
            last = lines[-1]
            top = sum(i[0] for i in last) / len(last)
            bottom = sum(i[1] for i in last) / len(last)
            if top <= middle <= bottom:
                last.append(item)
                continue
        lines.append([item])
    out = []
    for line in lines:
        line.sort(key=lambda it: it[2])
        height = sum(i[1] - i[0] for i in line) / len(line)
        parts = [line[0][4]]
        for prev, cur in zip(line, line[1:]):
            parts.append("   " if cur[2] - prev[3] > 1.5 * height else " ")
            parts.append(cur[4])
        out.append(_repair("".join(parts)))
    return out


_SPACED_AT = re.compile(r"(?<=[\w.+-]) ?@ ?(?=[\w-]+\.[a-z]{2,})", re.I)


def _repair(line: str) -> str:
    """Undo what the recogniser does to contact details: a space beside the ``@`` of an email address."""
    return _SPACED_AT.sub("@", line)


def ocr_images(images: list) -> OcrText:
    """OCR a list of PIL images (one per page); pages are separated by a blank line."""
    import numpy as np

    engine = ocr_engine()
    pages: list[str] = []
    scores: list[float] = []
    count = 0
    for image in images:
        image = _fit(image.convert("RGB"))
        result, _elapsed = engine(np.asarray(image)[:, :, ::-1])
        boxes = result or []
        scores += [float(b[2]) for b in boxes]
        count += len(boxes)
        pages.append("\n".join(lines_from_boxes(boxes)))
    mean = sum(scores) / len(scores) if scores else 0.0
    return OcrText("\n\n".join(pages), len(images), round(mean, 3), count)


def ocr_image_file(path: Path) -> OcrText:
    """OCR a PNG or JPEG file; raise UnreadableDocument for a damaged or oversized image."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise UnreadableDocument(
                    f"image too large ({image.width}x{image.height} pixels, limit {MAX_IMAGE_PIXELS / 1e6:.0f} MP): "
                    "ask for a PDF or a smaller photo")
            image.load()
            upright = ImageOps.exif_transpose(image)  # phone photos are often stored sideways
            return ocr_images([upright])
    except UnreadableDocument:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise UnreadableDocument(f"damaged image ({type(exc).__name__}): ask for a fresh copy or a PDF") from exc


def ocr_pdf(path: Path, pages: int) -> OcrText:
    """Render the first pages of a PDF (at most :data:`MAX_OCR_PAGES`) and OCR them."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(f"corrupt PDF ({exc}): ask the candidate for a fresh copy") from exc
    try:
        images = []
        for index in range(min(len(document), pages, MAX_OCR_PAGES)):
            page = document[index]
            width, height = page.get_size()
            scale = min(OCR_DPI / 72, MAX_SIDE / max(width, height, 1))
            images.append(page.render(scale=scale).to_pil())
            page.close()
    finally:
        document.close()
    return ocr_images(images)


def _fit(image):
    side = max(image.width, image.height)
    if side <= MAX_SIDE:
        return image
    ratio = MAX_SIDE / side
    return image.resize((max(1, int(image.width * ratio)), max(1, int(image.height * ratio))))
