"""The context rules of skill extraction: the ``hotlist_skill_disambiguator`` component.

It runs after ``hotlist_skill_matcher`` (``pipeline.skills``) and decides, from the
tokens around each match, which matches stand: it drops matches inside e-mail
addresses and URLs, skills inside an organisation's name ("Ridgeback Logistics",
"Institute of Science Education", "General Insurance Company"), business skills naming
what software does ("conflict resolution algorithms"), profile-link labels, names read
as English verbs, and ambiguous names ("Go", "R", "Access") without support.
Rule-based: no tagger or parser, well under a millisecond per resume.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from hotlist.pipeline.skills.taxonomy import Taxonomy

MATCHER = "hotlist_skill_matcher"
DISAMBIGUATOR = "hotlist_skill_disambiguator"
SPANS_KEY = "skills"
NEEDS_CONTEXT = "hotlist_needs_context"  # Span extension set by the matcher


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
# Names that are also English verbs, with the words after which they read as the
# verb ("I excel at", "Excel in fast-paced teams"); see SkillDisambiguator.
DEFAULT_VERB_USES = {"Excel": ["at", "in"]}  # "EXCEL AT" is looked up as "Excel"
VERB_SUBJECTS = frozenset(
    "i we you they he she who that to can will would should must may might could also always "
    "strive strives striving continue continues help helps helped ability able want wants".split()
)
_SENTENCE_STARTS = frozenset({".", "!", "?", ";", ":", "•", "·", "●", "○", "▪", "■", "◦", "►", "➢",
                              "✓", "*", "-", "–", "—", "(", "|"})
# Labels of a list of skills: an ambiguous name that is a whole item of such a list
# ("Languages: Go", "SKILLS" / "Go") needs no other support.
DEFAULT_LIST_LABELS = ["skills", "skill", "languages", "language", "programming", "technologies",
                       "tools", "stack", "frameworks", "proficiencies", "competencies"]
# Profile-link labels, dropped in a contact line or as "[GitHub]" (see _link_label).
DEFAULT_LINK_LABELS = ["GitHub", "Github", "GitLab", "Bitbucket", "Stack Overflow"]
_YEAR = re.compile(r"(?:19|20)\d\d")
_LINKS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"            # e-mail
    r"|(?:https?://|www\.)\S+"                 # URL with a scheme or www.
    # a bare lower-case domain with a path (not "ASP.NET/MVC")
    r"|(?-i:\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|ai|co|edu|gov|me|us|uk|de|in|info|app)/\S*)",
    re.IGNORECASE,
)



def register_extensions() -> None:
    """The ``Span`` extension the matcher sets on context-needing matches."""
    if not Span.has_extension(NEEDS_CONTEXT):
        Span.set_extension(NEEDS_CONTEXT, default=False)



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
        "drop_artefact_names": True,
        "verb_uses": DEFAULT_VERB_USES,
        "link_labels": DEFAULT_LINK_LABELS,
        "list_labels": DEFAULT_LIST_LABELS,
    },
)
def make_skill_disambiguator(nlp: Language, name: str, spans_key: str, matcher_name: str,
                             context_window: int, list_window: int, min_neighbours: int,
                             drop_in_links: bool, drop_org_names: bool, drop_artefact_names: bool,
                             verb_uses: dict[str, list[str]], link_labels: list[str],
                             list_labels: list[str]) -> SkillDisambiguator:
    """Drop skill matches in links and ambiguous ones without supporting context."""
    register_extensions()
    return SkillDisambiguator(
        nlp, name, spans_key=spans_key, matcher_name=matcher_name, context_window=context_window,
        list_window=list_window, min_neighbours=min_neighbours, drop_in_links=drop_in_links,
        drop_org_names=drop_org_names, drop_artefact_names=drop_artefact_names,
        verb_uses=verb_uses, link_labels=link_labels,
        list_labels=list_labels,
    )


class SkillDisambiguator:
    """Keeps an ambiguous match ("Go", "R", "Access") only with supporting context.

    Every match inside an e-mail address or URL is dropped (``drop_in_links``), and
    so is a match that is part of an organisation's name (``drop_org_names``): a
    one-word, non-IT skill that ends a capitalised company name ("Ridgeback Logistics
    | 2022"), a name after "Institute of" or "Journal of", or one that a legal or
    institutional word closes ("General Insurance Company", "Data Science Group").
    A non-IT skill that only names what a piece of software does ("conflict resolution
    algorithms", "a customer support chatbot") is dropped too (``drop_artefact_names``):
    the person built the software, the text does not say they practise the skill.

    A name that is also an English verb is dropped where it reads as the verb
    (``verb_uses``: "Excel" before "at"/"in" at the start of a line or sentence or
    after "I", "to", "can"..., as in "I excel at" or "Excel in fast-paced teams";
    "MS Excel", "Excel (pivot tables)" and "Used Excel in reporting" stay; spaCy merges
    a configured dict into the default one, so ``{"Excel": []}`` turns a form off). A profile
    link label ("GitHub" in "LinkedIn | GitHub", "[GitHub]", "GitHub: github.com/x")
    is dropped (``link_labels``).

    A context-needing match that is a whole item of a labelled list of skills ("Languages:
    Go", a line right under "SKILLS"; ``list_labels``) is kept.

    A context-needing match in the first cell of a tab-separated row whose other cells
    hold a year, a version or a duration (a table of skills: "AJAX<tab>2019<tab>6
    Year(s)") is kept.

    A context-needing match right after "at" ("Highlights at Oracle", "Intern at Swift")
    names an employer and is dropped.

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
                 drop_org_names: bool = True, drop_artefact_names: bool = True,
                 verb_uses: dict[str, list[str]] | None = None,
                 link_labels: Sequence[str] | None = None,
                 list_labels: Sequence[str] | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.matcher_name = matcher_name
        self.context_window = context_window
        self.list_window = list_window
        self.min_neighbours = min_neighbours
        self.drop_in_links = drop_in_links
        self.drop_org_names = drop_org_names
        self.drop_artefact_names = drop_artefact_names
        uses = DEFAULT_VERB_USES if verb_uses is None else verb_uses
        self.verb_uses = {form: frozenset(w.lower() for w in words) for form, words in uses.items() if words}
        self.link_labels = frozenset(DEFAULT_LINK_LABELS if link_labels is None else link_labels)
        self.list_labels = frozenset(w.lower() for w in (DEFAULT_LIST_LABELS if list_labels is None else list_labels))

    def __call__(self, doc: Doc) -> Doc:
        if self.spans_key not in doc.spans:
            return doc
        spans = list(doc.spans[self.spans_key])
        if self.drop_in_links:
            links = [m.span() for m in _LINKS.finditer(doc.text)]
            if links:
                spans = [s for s in spans if not _in_a_link(s.start_char, s.end_char, links)]
        taxonomy = self.nlp.get_pipe(self.matcher_name).taxonomy
        if self.drop_org_names:
            covered = {i for s in spans for i in range(s.start, s.end)}
            spans = [s for s in spans if not _org_name_tail(doc, s, taxonomy, covered)
                     and not _in_org_name(doc, s)]
        if self.drop_artefact_names:
            spans = [s for s in spans if not _names_an_artefact(doc, s, taxonomy)]
        if self.link_labels:
            spans = [s for s in spans if not (s.text in self.link_labels and _link_label(doc, s))]
        if self.verb_uses:
            spans = [s for s in spans if not self._verb_use(doc, s, spans)]
        starts = {s.start for s in spans}
        covered = {i for s in spans for i in range(s.start, s.end)}
        # Only settled skills vouch for an ambiguous neighbour: first the unambiguous
        # ones, then also those confirmed in the first pass ("Go, Rust and Kafka").
        settled = [s for s in spans if not s._.get(NEEDS_CONTEXT)]
        pending = [s for s in spans if s._.get(NEEDS_CONTEXT)]
        for _ in range(2):
            confirmed = [s for s in pending if self._supported(doc, s, spans, settled, starts, taxonomy, covered)]
            if not confirmed:
                break
            settled += confirmed
            pending = [s for s in pending if s not in confirmed]
        doc.spans[self.spans_key] = sorted(settled, key=lambda s: s.start)
        return doc

    def _labelled_list(self, doc: Doc, span: Span) -> bool:
        """True when the span's line is labelled as a list of skills ("Languages: Go")
        or the span opens the line right under a skills heading ("SKILLS" / "Go")."""
        i = span.start - 1
        while i >= 0 and not (doc[i].is_space and "\n" in doc[i].text) and "\n" not in doc[i].whitespace_:
            if doc[i].lower_ in self.list_labels and i + 1 < len(doc) and doc[i + 1].text in (":", "-", "–"):
                return True
            i -= 1
        if i == span.start - 1 or i < 0:  # the span opens its line: look at the line above
            line: list = []
            j = i if i >= 0 and "\n" in doc[i].whitespace_ else i - 1
            while j >= 0 and not (doc[j].is_space and "\n" in doc[j].text) and not (
                    line and "\n" in doc[j].whitespace_):
                if not doc[j].is_space:
                    line.append(doc[j])
                j -= 1
            words = [t for t in line if t.is_alpha]
            return 0 < len(words) <= 3 and len(words) == sum(t.text != ":" for t in line) and any(
                t.lower_ in self.list_labels for t in words)
        return False

    def _verb_use(self, doc: Doc, span: Span, spans: Sequence[Span]) -> bool:
        """True for "Excel at ..." read as the verb (see the class docstring)."""
        followers = self.verb_uses.get(span.text) or self.verb_uses.get(span.text.title())
        if not followers or len(span) != 1:
            return False
        nxt = next((t for t in doc[span.end : span.end + 3] if not t.is_space), None)
        if nxt is None or nxt.lower_ not in followers:
            return False
        prev = doc[span.start - 1] if span.start > 0 else None
        if prev is None or prev.is_space or "\n" in prev.whitespace_ or prev.text in _SENTENCE_STARTS:
            return True
        if prev.lower_ in ("and", "or", "&"):  # "Word and Excel in reports" is a list
            return not any(s.end in (prev.i, prev.i - 1) for s in spans)
        return prev.lower_ in VERB_SUBJECTS or (prev.is_alpha and prev.lower_.endswith("ly"))

    def _supported(self, doc: Doc, span: Span, spans: Sequence[Span], settled: Sequence[Span],
                   starts: set[int], taxonomy: Taxonomy, covered: set[int] = frozenset()) -> bool:
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
        if _skill_table_cell(doc, span, covered):
            return True  # "AJAX<tab>2019<tab>6 Year(s)": a row of a table of skills
        if prev is not None and prev.lower_ in ("at", "@"):
            return False  # "Highlights at Oracle:", "Intern at Swift": an employer
        if nxt is not None and _YEAR.fullmatch(nxt.text):
            return False
        if prev is not None and prev.lower_ in ("or", "and", ",", "/", "&") and \
                any(s.end == prev.i for s in settled):
            return True  # the next item of a list of skills: "Kafka or Spark is a plus"
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
        if self.list_labels and _is_delimiter(prev) and _is_delimiter(nxt) and self._labelled_list(doc, span):
            return True  # "Languages: Go", "Technical Skills: R", "SKILLS" / "Go"
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


_DURATION_WORDS = frozenset("year years yr yrs month months mos".split())


def _skill_table_cell(doc: Doc, span: Span, covered: set[int]) -> bool:
    """True when ``span`` is in the first cell of a tab-separated row whose other cells
    give a year, a version or a duration: a table of skills with their last use and
    experience ("Cassandra<tab>3.11<tab>2020<tab>4 Year(s)"), where every first cell is a
    skill whatever it would mean in prose."""
    i = span.start - 1
    while i >= 0 and "\n" not in doc[i].text and "\n" not in doc[i].whitespace_:
        if "\t" in doc[i].text or "\t" in doc[i].whitespace_:
            return False  # not the first cell
        i -= 1
    j, tab = span.end - 1, False
    while j < len(doc) and "\n" not in doc[j].text:
        if j >= span.end and doc[j].is_alpha and not tab:
            if doc[j].lower_ not in LIST_DELIMITERS and j not in covered:
                return False  # more words in the cell, not another skill: prose
        if "\t" in doc[j].text or "\t" in doc[j].whitespace_:
            tab = True
        elif tab and (_YEAR.fullmatch(doc[j].text) or doc[j].lower_ in _DURATION_WORDS
                      or re.fullmatch(r"\d+(?:\.\d+)+", doc[j].text)):
            return True
        if "\n" in doc[j].whitespace_:
            break
        j += 1
    return False


_CONTACT_WORDS = frozenset(
    "linkedin portfolio website web blog email e-mail mail phone mobile tel github gitlab "
    "bitbucket kaggle leetcode hackerrank twitter medium behance dribbble".split()
)


def _in_a_link(start: int, end: int, links: list[tuple[int, int]]) -> bool:
    """True when [start, end) overlaps one of ``links`` (sorted, non-overlapping spans, as finditer gives)."""
    i = bisect_right(links, (start, float("inf"))) - 1  # the last link starting at or before ``start``
    if i >= 0 and start < links[i][1]:
        return True
    return i + 1 < len(links) and links[i + 1][0] < end


def _link_label(doc: Doc, span: Span) -> bool:
    """A profile-link label: "[GitHub]", "GitHub: github.com/x", "LinkedIn | GitHub |
    jane@x.org", or a project line ending "... biometrics. GitHub"."""
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev is not None and nxt is not None and prev.text == "[" and nxt.text == "]":
        return True
    if nxt is not None and nxt.text == ":" and span.end + 1 < len(doc):
        after = doc[span.end + 1]
        if after.like_url or after.like_email or "/" in after.text or "." in after.text:
            return True
    if prev is not None and prev.text in {".", ")"} and (nxt is None or "\n" in span[-1].whitespace_ or nxt.is_space):
        return True
    for token in (_neighbour(doc, span.start - 1, -1), _neighbour(doc, span.end, 1)):
        if token is not None and (token.lower_ in _CONTACT_WORDS or token.like_email or token.like_url
                                  or (token.like_num and len(token.text) >= 7)):
            return True
    return False


def _neighbour(doc: Doc, i: int, step: int):
    """The nearest token from ``i`` in direction ``step``, past "|", "•", "-", "," and spaces
    but not past a line break."""
    while 0 <= i < len(doc):
        token = doc[i]
        if "\n" in token.text or (step < 0 and "\n" in token.whitespace_):
            return None
        if not (token.is_space or token.text in {"|", "•", "·", "-", "–", "—", ","}):
            return token
        i += step
    return None


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


# "<Head> of <skill>": the skill is part of an institution's or a journal's name.
_ORG_HEADS_OF = frozenset(
    "institute institution journal society association academy council ministry bureau "
    "federation proceedings transactions".split()
)
# Capitalised words that close an organisation's name: "... General Insurance Company".
_ORG_SUFFIXES = frozenset(
    "company corporation group ltd limited inc llc llp pvt plc gmbh institute university "
    "college journal society association".split()
)
_DESCRIBING = frozenset("is was are were a an".split())
# Nouns that make the skill before them a description of software: "conflict resolution
# algorithms". Not "module": an ERP module ("SAP FI module", "Procurement module") is a skill.
_ARTEFACTS = frozenset(
    "algorithm algorithms bot bots chatbot chatbots plugin plugins widget widgets".split()
)


def _same_line_tokens(doc: Doc, start: int, step: int, limit: int) -> list:
    """Up to ``limit`` non-space tokens from ``start`` in direction ``step``, not past a
    line break."""
    out, i = [], start
    while 0 <= i < len(doc) and len(out) < limit:
        token = doc[i]
        if "\n" in token.text or (step > 0 and i > start and "\n" in doc[i - 1].whitespace_) \
                or (step < 0 and "\n" in token.whitespace_):
            break
        if not token.is_space:
            out.append(token)
        i += step
    return out


def _in_org_name(doc: Doc, span: Span) -> bool:
    """True for a skill inside an organisation's name: after a capitalised "Institute of",
    "Journal of"... ("Indian Institute of Science Education and Research"), or closed by
    a capitalised legal or institutional word, at most one capitalised word after it
    ("HDFC General Insurance Company", "Shenzhen foreign language Education Group"; not
    "chemist for Quality control Heterolabs Private Limited")."""
    # A name may wrap: "Indian Institute" / "of Science Education".
    head = [t for t in doc[max(0, span.start - 4) : span.start] if not t.is_space][-2:]
    if len(head) == 2 and head[1].lower_ == "of" and head[0].lower_ in _ORG_HEADS_OF \
            and (head[0].is_title or head[0].is_upper):
        return True
    before = _same_line_tokens(doc, span.start - 1, -1, 1)
    if "\n" in span[-1].whitespace_ or (before and before[0].lower_ in _DESCRIBING):
        return False  # "Credence is IT Infrastructure Management Company": the industry
    for token in _same_line_tokens(doc, span.end, 1, 2):
        if token.lower_.rstrip(".") in _ORG_SUFFIXES and (token.is_title or token.is_upper):
            return True
        if not (token.is_alpha and (token.is_title or token.is_upper)):
            return False
    return False


def _names_an_artefact(doc: Doc, span: Span, taxonomy: Taxonomy) -> bool:
    """True for a non-IT skill right before a software noun: "conflict resolution
    algorithms", "a customer support chatbot", "a recruiting bot"."""
    skill = taxonomy.get(span.label_)
    if skill is None or skill.category == "Information Technology" or "\n" in span[-1].whitespace_:
        return False
    nxt = _same_line_tokens(doc, span.end, 1, 1)
    return bool(nxt) and nxt[0].lower_ in _ARTEFACTS


def _is_delimiter(token) -> bool:
    if token is None or token.is_space:
        return True
    return token.lower_ in LIST_DELIMITERS or token.text in LIST_DELIMITERS
