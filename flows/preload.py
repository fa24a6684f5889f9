"""Imported only by the parsing forkserver (hotlist.flows.isolation): load everything a parse needs once,
so every forked child starts with it in memory. Importing this module does that work on purpose."""

import docx  # noqa: F401
import pdfminer.high_level  # noqa: F401
import pdfminer.layout  # noqa: F401

import hotlist.pipeline.parse.resume  # noqa: F401
from hotlist.flows.resources import skill_nlp

skill_nlp()
try:
    from hotlist.pipeline.parse.nlp import load_ner
except ImportError:  # the header NER is optional
    pass
else:
    load_ner()

# Keep the collector away from the preloaded objects: scanning them in every child
# would copy their memory pages (copy-on-write) and cost far more than the parse.
import gc  # noqa: E402

gc.freeze()
# A parse allocates hundreds of thousands of short-lived objects (pdfminer's glyphs and
# boxes), almost all freed by reference counting: collecting the youngest generation every
# 10,000 allocations instead of Python's 700 saves ~3% of a parse's CPU (measured over the
# sample corpus), and the garbage it lets wait is a few megabytes at most.
gc.set_threshold(10_000, 10, 10)
