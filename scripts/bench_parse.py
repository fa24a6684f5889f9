"""Parsing cost against pdfminer.six's own ``extract_pages`` on the same PDFs, in one run.

    .venv/bin/python scripts/bench_parse.py sample_resumes ../shared/eval/resumes [--repeat 3] [--skills]

For every PDF under the folders: CPU time (``time.process_time``) of ``list(extract_pages(path))`` with
default LAParams, and of Hotlist's ``parse_file`` (sha256, layout text, fields, the English model on the
header; skills too with ``--skills``). Each is run ``--repeat`` times, alternating, and the fastest run
counts (the machine is shared and noisy). The English model is loaded before timing; its load time is
printed on its own. Prints per-file milliseconds and ratios, then totals: the ratio of summed times and
the median per-file ratio. Figures only; nothing is asserted.

Files read by OCR (PDFs without a text layer, and PNG/JPEG images under the folders) are left out of
those totals and timed on their own: OCR's CPU cost per page is printed separately (the engine's one-off
load included in the first file only, and printed too).
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="runs per file; the fastest counts (default 3)")
    parser.add_argument("--skills", action="store_true", help="include the skills stage in Hotlist's time")
    args = parser.parse_args(argv)

    from pdfminer.high_level import extract_pages

    from hotlist.pipeline.parse.nlp import load_ner
    from hotlist.pipeline.parse.resume import parse_file

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    started = time.perf_counter()
    nlp = load_ner()
    print(f"English model: {'none' if nlp is None else nlp.meta['name']} loaded in {time.perf_counter() - started:.2f} s (once per process)")
    skill_nlp = None
    if args.skills:
        from hotlist.flows.resources import skill_nlp as build

        started = time.perf_counter()
        skill_nlp = build()
        print(f"skills pipeline built in {time.perf_counter() - started:.2f} s (once per process)")

    files = sorted(p for folder in args.folders for p in folder.rglob("*.pdf") if p.is_file())
    if not files:
        print("no PDF files under " + ", ".join(map(str, args.folders)))
        return 1
    print(f"{len(files)} PDF files; fastest of {args.repeat} runs each; CPU ms per file\n")
    print(f"{'file':<58}{'extract_pages':>14}{'hotlist':>10}{'ratio':>8}  status")
    rows = []
    ocr_rows: list = []
    for path in files:
        base = hot = float("inf")
        status = ""
        for _ in range(max(1, args.repeat)):
            try:
                base = min(base, _cpu(lambda: list(extract_pages(str(path)))))
            except Exception as exc:  # noqa: BLE001 - pdfminer's own failure on a broken file
                base = float("nan")
                status = f"pdfminer: {type(exc).__name__}"
            outcome = None

            def run() -> None:
                nonlocal outcome
                outcome = parse_file(path, skill_nlp=skill_nlp)

            hot = min(hot, _cpu(run))
        status = status or outcome.status
        if outcome.resume is not None and "ocr_text" in outcome.resume.quality_flags:
            ocr_rows.append((path, hot, outcome.resume.quality_flags))
            print(f"{str(path.relative_to(path.parents[1]))[-56:]:<58}{'(OCR)':>14}{hot * 1000:>10.1f}{'':>8}  {status}")
            continue
        rows.append((path, base, hot))
        name = str(path.relative_to(path.parents[1]))[-56:]
        ratio = hot / base if base and base == base else float("nan")
        print(f"{name:<58}{base * 1000:>14.1f}{hot * 1000:>10.1f}{ratio:>8.2f}  {status}")
    ok = [(b, h) for _, b, h in rows if b == b and b > 0]
    total_b, total_h = sum(b for b, _ in ok), sum(h for _, h in ok)
    ratios = [h / b for b, h in ok]
    print(f"\nfiles timed: {len(ok)}")
    if not ok:
        _bench_ocr(args.folders, ocr_rows, skill_nlp)
        return 0
    print(f"extract_pages: total {total_b * 1000:.0f} ms, mean {total_b / len(ok) * 1000:.1f} ms, "
          f"median {statistics.median(b for b, _ in ok) * 1000:.1f} ms per file")
    print(f"hotlist parse: total {total_h * 1000:.0f} ms, mean {total_h / len(ok) * 1000:.1f} ms, "
          f"median {statistics.median(h for _, h in ok) * 1000:.1f} ms per file")
    print(f"ratio of totals: {total_h / total_b:.3f}; median per-file ratio: {statistics.median(ratios):.3f}; "
          f"worst file: {max(ratios):.2f}")
    _bench_ocr(args.folders, ocr_rows, skill_nlp)
    return 0


def _bench_ocr(folders: list[Path], ocr_rows: list, skill_nlp) -> None:
    """OCR's cost per page, apart from the text-layer figures: scanned PDFs found above, then images."""
    from hotlist.pipeline.read.documents import read_document
    from hotlist.pipeline.read.ocr import ocr_engine
    from hotlist.pipeline.parse.resume import parse_file

    started = time.process_time()
    ocr_engine()
    print(f"\nOCR engine (RapidOCR, ONNX Runtime, one thread) loaded in {time.process_time() - started:.2f} s CPU")
    timed = []
    for path, seconds, _flags in ocr_rows:
        timed.append((path, seconds, read_document(path).ocr_pages))
    images = sorted(p for folder in folders for ext in ("*.png", "*.jpg", "*.jpeg") for p in folder.rglob(ext))
    for path in images:
        seconds = _cpu(lambda: parse_file(path, skill_nlp=skill_nlp))
        timed.append((path, seconds, 1))
    if not timed:
        print("OCR: no scanned PDF or image among the files")
        return
    for path, seconds, pages in timed:
        print(f"  OCR {str(path.relative_to(path.parents[1]))[-56:]:<58}{pages:>3} page(s) {seconds * 1000 / max(pages, 1):>9.0f} ms/page")
    pages = sum(p for _, _, p in timed)
    total = sum(s for _, s, _ in timed)
    print(f"OCR: {len(timed)} files, {pages} pages, {total * 1000 / max(pages, 1):.0f} ms CPU per page "
          f"(whole parse of an OCR'd file, divided by its pages read)")


if __name__ == "__main__":
    raise SystemExit(main())
