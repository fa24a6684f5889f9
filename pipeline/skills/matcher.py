"""Find taxonomy skills in resume and job text with two spaCy components.

``hotlist_skill_matcher`` puts every taxonomy name and alias into two
``PhraseMatcher``s (LOWER for ordinary names, ORTH for acronyms and short or
ordinary-word names such as "Go", "R", "Excel") and writes the longest,
non-overlapping matches to ``doc.spans["skills"]`` (``span.label_`` is the skill id).

``hotlist_skill_disambiguator`` then drops matches inside e-mail addresses and URLs,
organisation names ("Journal of Cell Biology", "General Insurance Company"), business
skills that only say what some software does ("conflict resolution algorithms"),
profile-link labels ("LinkedIn | GitHub"), names read as English verbs ("I excel at"),
and case-sensitive matches of ambiguous skills ("Go", "R", "Access", "LESS") that have
no supporting context: a confirming word nearby ("RStudio", "golang"), a list of other
skills around them ("Go, Python and Kafka"), or a labelled list ("Languages: Go").
Everything is rule-based (token shape, capitalisation, neighbours): it costs well
under a millisecond per resume, so no tagger or parser is loaded for it.

    nlp = build_skill_nlp()            # about 1 s: build once per process
    mentions = extract_skills(nlp, text)                  # a resume or a job description
    skills = summarise_skills(mentions, text, sections)
    annotate_evidence(skills, mentions, sections, text, as_of)   # pipeline.evidence: years used

The disambiguator lives in ``pipeline.skill_context``; its names are re-exported here.
Nothing is loaded at import time.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from hotlist.pipeline.skills.context import (  # noqa: F401 - re-exported: the spaCy entry points name them here
    DISAMBIGUATOR,
    MATCHER,
    NEEDS_CONTEXT,
    SPANS_KEY,
    SkillDisambiguator,
    make_skill_disambiguator,
    register_extensions,
)
from hotlist.pipeline.skills.forms import match_forms
from hotlist.pipeline.skills.index import cached_index
from hotlist.pipeline.skills.taxonomy import Skill, Taxonomy, load_taxonomy, read_skills, write_skills
from hotlist.pipeline.types import CandidateSkill, Section, SkillMention

_TAXONOMY_FILE = "skills.jsonl.gz"


@Language.factory(
    MATCHER,
    default_config={"spans_key": SPANS_KEY, "taxonomy_path": None, "cache_dir": None},
)
def make_skill_matcher(nlp: Language, name: str, spans_key: str, taxonomy_path: str | None,
                       cache_dir: str | None) -> SkillMatcher:
    """Match taxonomy names and aliases; ``taxonomy_path`` None means the packaged file.

    ``cache_dir``: a folder where the tokenized taxonomy is kept between processes (None: none).
    """
    register_extensions()
    return SkillMatcher(nlp, name, spans_key=spans_key, taxonomy_path=taxonomy_path, cache_dir=cache_dir)


class SkillMatcher:
    """Two PhraseMatchers over a ``Taxonomy``; built lazily, or by ``set_taxonomy``."""

    def __init__(self, nlp: Language, name: str = MATCHER, *, spans_key: str = SPANS_KEY,
                 taxonomy_path: str | None = None, cache_dir: str | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.taxonomy_path = taxonomy_path
        self.cache_dir = cache_dir
        self._taxonomy: Taxonomy | None = None
        self._lower: PhraseMatcher | None = None
        self._orth: PhraseMatcher | None = None
        self._lower_ids: dict[tuple[int, ...], str] = {}
        self._orth_ids: dict[tuple[int, ...], str] = {}

    @property
    def taxonomy(self) -> Taxonomy:
        if self._taxonomy is None:
            path = Path(self.taxonomy_path) if self.taxonomy_path else None
            self.set_taxonomy(load_taxonomy(path))
        assert self._taxonomy is not None
        return self._taxonomy

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   taxonomy: Taxonomy | None = None) -> None:
        """Build the matchers now (``nlp.initialize()``), from ``taxonomy`` or the config path."""
        if taxonomy is not None:
            self.set_taxonomy(taxonomy)
        else:
            _ = self.taxonomy

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        """Replace the vocabulary and rebuild both matchers.

        The forms are the taxonomy's names and aliases and their spelling variants
        (``pipeline.skill_forms``). Every form is tokenized (``pipeline.skill_index``; read from ``cache_dir`` when
        it was saved there before) and handed to ``PhraseMatcher.add`` as arrays of
        LOWER or ORTH ids, under one match key per matcher. This skips one ``Doc`` per
        pattern and builds about three times faster. A match is mapped back to its
        skill through the matched tokens' ids.
        """
        forms = match_forms(taxonomy)
        cache = Path(self.cache_dir) if self.cache_dir else None
        lower_ids, orth_ids = cached_index(self.nlp.tokenizer, forms, cache)
        lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        orth = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        lower.add(self.name, [list(k) for k in lower_ids])
        orth.add(self.name, [list(k) for k in orth_ids])
        self._taxonomy, self._lower, self._orth = taxonomy, lower, orth
        self._lower_ids, self._orth_ids = lower_ids, orth_ids

    def _match(self, doc: Doc) -> dict[tuple[int, int], tuple[str, bool]]:
        """(start token, end token) -> (skill id, needs context) for every match in ``doc``."""
        taxonomy = self.taxonomy
        found: dict[tuple[int, int], tuple[str, bool]] = {}
        for _, start, end in self._lower(doc):
            skill_id = self._lower_ids.get(tuple(t.lower for t in doc[start:end]))
            if skill_id is not None:
                found[(start, end)] = (skill_id, False)
        for _, start, end in self._orth(doc):
            skill_id = self._orth_ids.get(tuple(t.orth for t in doc[start:end]))
            if skill_id is not None and (start, end) not in found:
                skill = taxonomy.get(skill_id)
                found[(start, end)] = (skill_id, bool(skill and skill.ambiguous))
        return found

    def _match_across_lines(self, doc: Doc) -> dict[tuple[int, int], tuple[str, bool]]:
        """Matches of names that a line break cuts in two ("Natural" / "Language
        Processing", "Chro-" / "maDB"): the tokens are matched again with those breaks
        left out (``joined_tokens``), and only matches that cross a joined break are kept,
        as spans of ``doc``: technology names, curated names and names of three or more
        words (a two-word business phrase across lines is usually prose)."""
        words, spaces, origin, joints = joined_tokens(doc)
        if not joints:
            return {}
        other = Doc(self.nlp.vocab, words=words, spaces=spaces)
        out: dict[tuple[int, int], tuple[str, bool]] = {}
        for (start, end), value in self._match(other).items():
            if not any(start < j < end for j in joints) and \
                    not any(origin[k][0] != origin[k][1] for k in range(start, end)):
                continue  # no joined break inside: the first pass has it
            skill = self.taxonomy.get(value[0])
            if end - start < 3 and skill is not None and skill.category != "Information Technology" \
                    and "curated" not in skill.sources:
                continue  # "strategic market / opportunities": a two-word phrase, not a name
            out[(origin[start][0], origin[end - 1][1] + 1)] = value
        return out

    def __call__(self, doc: Doc) -> Doc:
        found = self._match(doc)
        for key, value in self._match_across_lines(doc).items():
            found.setdefault(key, value)
        spans = []
        for (start, end), (skill_id, needs_context) in found.items():
            span = Span(doc, start, end, label=skill_id)
            span._.set(NEEDS_CONTEXT, needs_context)
            spans.append(span)
        # Longest match wins; unambiguous readings before context-needing ones.
        spans.sort(key=lambda s: (s._.get(NEEDS_CONTEXT), s.start))
        doc.spans[self.spans_key] = sorted(filter_spans(spans), key=lambda s: s.start)
        return doc

    # Serialisation: the vocabulary travels with the pipeline.
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        lines = "\n".join(_skill_json(s) for s in sorted(self.taxonomy, key=lambda s: s.id))
        return gzip.compress(lines.encode("utf-8"), mtime=0)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> SkillMatcher:
        text = gzip.decompress(data).decode("utf-8")
        skills = [Skill.from_dict(json.loads(line)) for line in text.splitlines() if line.strip()]
        self.set_taxonomy(Taxonomy(skills))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_skills(self.taxonomy, path / _TAXONOMY_FILE)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SkillMatcher:
        file = Path(path) / _TAXONOMY_FILE
        if file.exists():
            self.set_taxonomy(Taxonomy(read_skills(file)))
        return self


def _skill_json(skill: Skill) -> str:
    return json.dumps(skill.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def joined_tokens(doc: Doc) -> tuple[list[str], list[bool], list[tuple[int, int]], list[int]]:
    """The words of ``doc`` with the line breaks that cut a name left out: "Natural",
    "\\n", "Language" -> "Natural", "Language"; "Chro-", "\\n", "maDB" -> "ChromaDB". A
    break is joined between two words unless the line after it opens with a label
    ("Programming Languages: ..."). Returns the words, their trailing spaces, the first
    and last token of ``doc`` behind each word (a hyphenated pair joined into one word
    spans three tokens), and the word positions where a break was left out."""
    words: list[str] = []
    spaces: list[bool] = []
    origin: list[tuple[int, int]] = []
    joints: list[int] = []
    n, i = len(doc), 0
    while i < n:
        token = doc[i]
        if words and token.is_space and token.text.count("\n") == 1 and i + 1 < n \
                and doc[i - 1].text[-1:].isalpha() and doc[i + 1].text[:1].isalpha() and not _opens_label(doc, i + 1):
            joints.append(len(words))
            spaces[-1] = True
            i += 1
            continue
        if token.text.endswith("-") and len(token.text) > 2 and token.text[-2].islower() and i + 2 < n \
                and doc[i + 1].is_space and doc[i + 1].text.count("\n") == 1 and doc[i + 2].text[:1].islower():
            words.append(token.text[:-1] + doc[i + 2].text)
            spaces.append(bool(doc[i + 2].whitespace_))
            origin.append((i, i + 2))
            joints.append(len(words) - 1)
            i += 3
            continue
        words.append(token.text)
        spaces.append(bool(token.whitespace_))
        origin.append((i, i))
        i += 1
    return words, spaces, origin, joints


def _opens_label(doc: Doc, i: int) -> bool:
    """True when the line starting at token ``i`` opens with a label: a few words and ":"."""
    for token in doc[i : i + 6]:
        if token.text == ":":
            return True
        if token.is_space or not (token.is_alpha or token.text in {"&", "/", "-"}):
            return False
    return False


def skill_tokenizer(nlp: Language) -> None:
    """Split items glued by a comma or a bracket ("C#,JavaScript", "Programming(C++,Java",
    "Power Automate(Flow)") that spaCy's English rules keep together; "1,000" stays whole."""
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[^\s\d]),(?=\S)|(?<=\S),(?=[^\s\d])",
                                            r"(?<=[\w+#])[()](?=[\w.+#])",
                                            r"(?<=[A-Za-z])#(?=[,;()])"]  # "C#," as "C", "#", "," (as "C#" alone)
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def build_skill_nlp(taxonomy: Taxonomy | None = None, *, cache_dir: Path | None = None) -> Language:
    """``spacy.blank("en")`` with the matcher and the disambiguator.

    About 1-2 s to build, or a few tenths of a second with ``cache_dir`` holding the
    tokenized taxonomy from an earlier process (``pipeline.skill_index``).
    """
    nlp = spacy.blank("en")
    skill_tokenizer(nlp)
    matcher = nlp.add_pipe(MATCHER, config={"cache_dir": str(cache_dir) if cache_dir else None})
    matcher.set_taxonomy(taxonomy if taxonomy is not None else load_taxonomy())
    nlp.add_pipe(DISAMBIGUATOR)
    return nlp


def extract_skills(nlp: Language, text: str) -> list[SkillMention]:
    """Every skill mention in ``text``, in order, with character offsets into ``text``."""
    doc = nlp(text)
    taxonomy = nlp.get_pipe(MATCHER).taxonomy
    mentions = []
    for span in doc.spans[SPANS_KEY]:
        skill = taxonomy.get(span.label_)
        mentions.append(
            SkillMention(
                id=span.label_,
                name=skill.name if skill else span.label_,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
            )
        )
    return mentions


def summarise_skills(mentions: Sequence[SkillMention], text: str,
                     sections: Sequence[Section] | None = None) -> list[CandidateSkill]:
    """One ``CandidateSkill`` per skill: most mentioned first, then by first appearance.

    ``sections`` (when given) name where each skill was seen; ``snippet`` is about
    60 characters of text around the first mention. ``last_used`` is left None.
    """
    by_id: dict[str, CandidateSkill] = {}
    first: dict[str, int] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        skill = by_id.get(mention.id)
        if skill is None:
            skill = by_id[mention.id] = CandidateSkill(
                id=mention.id, name=mention.name, count=0, snippet=_snippet(text, mention)
            )
            first[mention.id] = mention.start
        skill.count += 1
        for section in sections or ():
            if section.start <= mention.start < section.end and section.name not in skill.sections:
                skill.sections.append(section.name)
    return sorted(by_id.values(), key=lambda s: (-s.count, first[s.id]))


def _snippet(text: str, mention: SkillMention, width: int = 60) -> str:
    pad = max(0, (width - (mention.end - mention.start)) // 2)
    lo, hi = max(0, mention.start - pad), min(len(text), mention.end + pad)
    snippet = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + snippet + ("…" if hi < len(text) else "")
