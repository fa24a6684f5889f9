"""Find taxonomy skills in resume and job text with two spaCy components.

``hotlist_skill_matcher`` puts every taxonomy name and alias into two
``PhraseMatcher``s (LOWER for ordinary names, ORTH for acronyms and short or
ordinary-word names such as "Go", "R", "Excel") and writes the longest,
non-overlapping matches to ``doc.spans["skills"]`` (``span.label_`` is the skill id).

``hotlist_skill_disambiguator`` then drops matches inside e-mail addresses and URLs,
and case-sensitive matches of ambiguous skills ("Go", "R", "Access", "LESS") that have
no supporting context: a confirming word nearby ("RStudio", "golang"), or a list of
other skills around them ("Go, Python and Kafka").

    nlp = build_skill_nlp()            # about 1 s: build once per process
    mentions = extract_skills(nlp, text)
    skills = summarise_skills(mentions, text, sections)

Nothing is loaded at import time.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import IDX, IS_SPACE, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.taxonomy import Skill, Taxonomy, load_taxonomy, read_skills, write_skills
from pipeline.types import CandidateSkill, Section, SkillMention

MATCHER = "hotlist_skill_matcher"
DISAMBIGUATOR = "hotlist_skill_disambiguator"
SPANS_KEY = "skills"
NEEDS_CONTEXT = "hotlist_needs_context"  # Span extension set by the matcher
_TAXONOMY_FILE = "skills.jsonl.gz"

# Tokens that separate the items of a list of skills.
LIST_DELIMITERS = frozenset(
    {",", ";", "/", "|", "\\", "•", "·", "●", "○", "▪", "■", "□", "◦", "►", "➢", "✓", "*",
     "-", "–", "—", "(", ")", "[", "]", ":", "&", "+", ".", "and", "or", "&amp;"}
)
# Words that, right after an ambiguous name, show it is ordinary English.
ENGLISH_FOLLOWERS = frozenset(
    "than to the a an of is are was were be been will would can could should may might "
    "must do does did has have had it its this that these those my our your their his her "
    "him them me us you we they i at into onto out up down off over ahead".split()
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_LINKS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"            # e-mail
    r"|(?:https?://|www\.)\S+"                 # URL with a scheme or www.
    # a bare lower-case domain with a path (not "ASP.NET/MVC")
    r"|(?-i:\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|ai|co|edu|gov|me|us|uk|de|in|info|app)/\S*)",
    re.IGNORECASE,
)


def _register_extensions() -> None:
    if not Span.has_extension(NEEDS_CONTEXT):
        Span.set_extension(NEEDS_CONTEXT, default=False)


@Language.factory(
    MATCHER,
    default_config={"spans_key": SPANS_KEY, "taxonomy_path": None},
)
def make_skill_matcher(nlp: Language, name: str, spans_key: str, taxonomy_path: str | None) -> SkillMatcher:
    """Match taxonomy names and aliases; ``taxonomy_path`` None means the packaged file."""
    _register_extensions()
    return SkillMatcher(nlp, name, spans_key=spans_key, taxonomy_path=taxonomy_path)


class SkillMatcher:
    """Two PhraseMatchers over a ``Taxonomy``; built lazily, or by ``set_taxonomy``."""

    def __init__(self, nlp: Language, name: str = MATCHER, *, spans_key: str = SPANS_KEY,
                 taxonomy_path: str | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.taxonomy_path = taxonomy_path
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

        Every form is tokenized in one pass (the forms joined by line breaks: the
        tokenizer treats each whitespace-separated chunk on its own, so the tokens are
        the same as tokenizing each form alone) and handed to ``PhraseMatcher.add`` as
        arrays of LOWER or ORTH ids, under one match key per matcher. This skips one
        ``Doc`` per pattern and builds about three times faster. A match is mapped
        back to its skill through the matched tokens' ids.
        """
        forms: list[tuple[str, str, bool]] = []
        for skill in taxonomy:
            forms.extend((skill.id, f, False) for f in skill.insensitive_forms())
            forms.extend((skill.id, f, True) for f in skill.case_sensitive_aliases)
        forms = [(i, " ".join(f.split()), exact) for i, f, exact in forms if f.strip()]
        starts = np.cumsum([0] + [len(f) + 1 for _, f, _ in forms[:-1]])
        doc = self.nlp.tokenizer("\n".join(f for _, f, _ in forms))
        table = doc.to_array([IDX, LOWER, ORTH, IS_SPACE])
        table = table[table[:, 3] == 0]
        owner = np.searchsorted(starts, table[:, 0].astype(np.int64), side="right") - 1
        cuts = np.flatnonzero(np.diff(owner)) + 1
        groups = zip(np.split(table, cuts), owner[np.r_[0, cuts]]) if len(table) else ()
        lower_ids: dict[tuple[int, ...], str] = {}
        orth_ids: dict[tuple[int, ...], str] = {}
        for rows, form_index in groups:
            skill_id, _, exact = forms[form_index]
            key = tuple(int(v) for v in rows[:, 2 if exact else 1])
            (orth_ids if exact else lower_ids).setdefault(key, skill_id)
        lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        orth = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        lower.add(self.name, [list(k) for k in lower_ids])
        orth.add(self.name, [list(k) for k in orth_ids])
        self._taxonomy, self._lower, self._orth = taxonomy, lower, orth
        self._lower_ids, self._orth_ids = lower_ids, orth_ids

    def __call__(self, doc: Doc) -> Doc:
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


@Language.factory(
    DISAMBIGUATOR,
    default_config={
        "spans_key": SPANS_KEY,
        "matcher_name": MATCHER,
        "context_window": 6,
        "list_window": 8,
        "min_neighbours": 1,
        "drop_in_links": True,
        "drop_org_names": True,
    },
)
def make_skill_disambiguator(nlp: Language, name: str, spans_key: str, matcher_name: str,
                             context_window: int, list_window: int, min_neighbours: int,
                             drop_in_links: bool, drop_org_names: bool) -> SkillDisambiguator:
    """Drop skill matches in links and ambiguous ones without supporting context."""
    _register_extensions()
    return SkillDisambiguator(
        nlp, name, spans_key=spans_key, matcher_name=matcher_name, context_window=context_window,
        list_window=list_window, min_neighbours=min_neighbours, drop_in_links=drop_in_links,
        drop_org_names=drop_org_names,
    )


class SkillDisambiguator:
    """Keeps an ambiguous match ("Go", "R", "Access") only with supporting context.

    Every match inside an e-mail address or URL is dropped (``drop_in_links``), and
    so is a one-word, non-IT skill that ends a capitalised company name
    ("Ridgeback Logistics | 2022", ``drop_org_names``).

    A context-needing match is dropped when it is part of a hyphenated word
    ("Go-to-market", "C-level"), glued by "/" or "&" to a word that is not a skill
    ("A/R"), or followed by a year ("Spring 2019"). It is kept when a word from the
    skill's ``context`` occurs within ``context_window`` tokens, or when it stands
    between list delimiters (",", "and", "|", a line break...) with at least
    ``min_neighbours`` other skills within ``list_window`` tokens (a lower-case word
    right after it, as in "Access to the building", means it is not a list item).
    """

    def __init__(self, nlp: Language, name: str = DISAMBIGUATOR, *, spans_key: str = SPANS_KEY,
                 matcher_name: str = MATCHER, context_window: int = 6, list_window: int = 8,
                 min_neighbours: int = 1, drop_in_links: bool = True,
                 drop_org_names: bool = True) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.matcher_name = matcher_name
        self.context_window = context_window
        self.list_window = list_window
        self.min_neighbours = min_neighbours
        self.drop_in_links = drop_in_links
        self.drop_org_names = drop_org_names

    def __call__(self, doc: Doc) -> Doc:
        if self.spans_key not in doc.spans:
            return doc
        spans = list(doc.spans[self.spans_key])
        if self.drop_in_links:
            links = [m.span() for m in _LINKS.finditer(doc.text)]
            if links:
                spans = [s for s in spans if not any(a < s.end_char and s.start_char < b for a, b in links)]
        taxonomy = self.nlp.get_pipe(self.matcher_name).taxonomy
        if self.drop_org_names:
            covered = {i for s in spans for i in range(s.start, s.end)}
            spans = [s for s in spans if not _org_name_tail(doc, s, taxonomy, covered)]
        starts = {s.start for s in spans}
        # Only settled skills vouch for an ambiguous neighbour: first the unambiguous
        # ones, then also those confirmed in the first pass ("Go, Rust and Kafka").
        settled = [s for s in spans if not s._.get(NEEDS_CONTEXT)]
        pending = [s for s in spans if s._.get(NEEDS_CONTEXT)]
        for _ in range(2):
            confirmed = [s for s in pending if self._supported(doc, s, spans, settled, starts, taxonomy)]
            if not confirmed:
                break
            settled += confirmed
            pending = [s for s in pending if s not in confirmed]
        doc.spans[self.spans_key] = sorted(settled, key=lambda s: s.start)
        return doc

    def _supported(self, doc: Doc, span: Span, spans: Sequence[Span], settled: Sequence[Span],
                   starts: set[int], taxonomy: Taxonomy) -> bool:
        prev = doc[span.start - 1] if span.start > 0 else None
        nxt = doc[span.end] if span.end < len(doc) else None
        last = doc[span.end - 1]
        # Glued to the next token: "Go-to", "C-level", "R&D", "A/R".
        if nxt is not None and not last.whitespace_ and not nxt.is_space:
            after = doc[span.end + 1] if span.end + 1 < len(doc) else None
            if nxt.text in {"-", "–"} or nxt.is_alpha or nxt.like_num:
                return False
            if nxt.text in {"/", "&", "'", "’"} and not nxt.whitespace_ and after is not None \
                    and after.i not in starts:
                return False
        if prev is not None and not prev.whitespace_ and not prev.is_space:
            before = doc[span.start - 2] if span.start > 1 else None
            if prev.text in {"-", "–"} and before is not None and not before.whitespace_:
                return False
            if prev.text in {"/", "&"} and before is not None and not before.whitespace_ \
                    and not any(s.end == span.start - 1 for s in spans):
                return False
            if prev.is_alpha or prev.like_num or prev.text in {".", "@", "#", "$", "'"}:
                return False
        if nxt is not None and _YEAR.fullmatch(nxt.text):
            return False
        following = next((t for t in doc[span.end : span.end + 4] if not t.is_space), None)
        if following is not None and following.lower_ in ENGLISH_FOLLOWERS:
            return False  # "Less than", "Go to", "Access to", "Word of"
        skill = taxonomy.get(span.label_)
        if skill is not None and skill.context:
            lo = max(0, span.start - self.context_window)
            hi = min(len(doc), span.end + self.context_window)
            words = set(skill.context)
            if any(t.lower_ in words for t in doc[lo:hi] if not (span.start <= t.i < span.end)):
                return True
        # A list item ends at a delimiter; a capitalised word or a number may follow
        # it in lists without commas ("Go Python Kafka"), a lower-case word may not
        # ("Access to the building", "Ruby was").
        needed = self.min_neighbours
        if not _is_delimiter(nxt):
            if not _is_delimiter(prev) or (nxt.is_alpha and nxt.is_lower):
                return False
            needed += 1  # "and Julia Roberts": a capitalised word after it may be a surname
        lo, hi = span.start - self.list_window, span.end + self.list_window
        neighbours = sum(
            1 for other in settled
            if other.label_ != span.label_ and other.end > lo and other.start < hi
            and len(other.text) > 1 + (len(span.text) == 1)
        )
        return neighbours >= needed


_ORG_FOLLOWERS = frozenset({"|", ",", "—", "–", "-", "(", "·", "•", "\t"})


def _org_name_tail(doc: Doc, span: Span, taxonomy: Taxonomy, covered: set[int]) -> bool:
    """True for a field word closing a company name: "Ridgeback Logistics | 2022",
    "Gantry Robotics\t2023". Only one-word, non-IT skills matched case-insensitively."""
    if len(span) != 1 or not span[0].is_title or span.start == 0:
        return False
    skill = taxonomy.get(span.label_)
    if skill is None or skill.category == "Information Technology" or span.text in skill.case_sensitive_aliases:
        return False
    prev = doc[span.start - 1]
    if not (prev.is_title and prev.is_alpha) or prev.i in covered or not span[0].whitespace_ in ("", " ", "\t"):
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is None or nxt.is_space or nxt.text in _ORG_FOLLOWERS or nxt.like_num or "\t" in span[0].whitespace_


def _is_delimiter(token) -> bool:
    if token is None or token.is_space:
        return True
    return token.lower_ in LIST_DELIMITERS or token.text in LIST_DELIMITERS


def build_skill_nlp(taxonomy: Taxonomy | None = None) -> Language:
    """``spacy.blank("en")`` with the matcher and the disambiguator (about 1 s to build)."""
    nlp = spacy.blank("en")
    matcher = nlp.add_pipe(MATCHER)
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
