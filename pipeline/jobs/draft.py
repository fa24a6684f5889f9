"""Draft a hot job from a job description's text, for a recruiter to review before importing.

:func:`draft_job` reads the title, location, remote, minimum years and the skills
the text asks for. Skills come from the skills extractor (``pipeline.skills``);
each is a must-have or a nice-to-have depending on where it is asked for:

* the section it sits in: "Requirements", "Minimum qualifications", "Must have",
  "Requisitos"... make must-haves; "Preferred", "Nice to have", "Bonus",
  "Deseable"... make nice-to-haves; "Responsibilities", "About us"... are context;
* cue words on its own line override the section: "preferred", "a plus",
  "ideally", "no excluyente", "recomendable" make it nice; "required", "must",
  "strong", "proficient", "excluyente" (outside a nice section, and not in a section
  describing the work or the company) make it a must;
* lists that name examples or alternatives are nice-to-haves: "such as X", "e.g.",
  "like X and Y", "(X, Y)", "X, Y, etc.", "X, Y or Z", "X, Y, or similar", "one or
  more of: X, Y"; fields of study ("degree in Accounting or Statistics") are not
  skills to check; skills seen only in the company's blurb or benefits, or in other
  postings a page printout shows after the requirements, are dropped;
* skills named in the title are must-haves; soft skills ("Decision Making") are left
  out; at most ``max_must`` (10) must-haves are kept (the most specific and most
  mentioned: hot and curated skills first), the rest become nice-to-haves, the most
  specific first; generic Lightcast phrases written in lower case ("web development")
  give way to any named skill ("Laravel", "PHP"); context skills become nice-to-haves
  only when they are specific (O*NET or curated names, not generic Lightcast phrases);
* a text without a requirements section gets as must-haves the title's skills
  and the most mentioned specific ones, and a note saying so.

Spanish descriptions get the Spanish section names and cue words above; skill
names are matched against the (English) taxonomy, so technology names are found,
plus a short list of common Spanish skill phrases ("bases de datos relacionales",
"metodologías ágiles"); other Spanish skill phrases are not (the draft says so). Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml
from spacy.language import Language

from hotlist.pipeline.jobs.hot_job import HotJob
from hotlist.pipeline.parse.locations import US_STATE_CODES
from hotlist.pipeline.skills.matcher import MATCHER, extract_skills
from hotlist.pipeline.types import SkillMention

__all__ = ["JobDraft", "draft_job", "draft_yaml", "slugify"]

_SOFT_CATEGORIES = frozenset({"Physical and Inherent Abilities"})
_SOFT_NAMES = frozenset({"verbal communication skills", "written english", "communication skills", "thought leadership"})

_MUST_HEADINGS = (
    "requirement", "required", "qualification", "must have", "must-have", "what you need", "what you'll need",
    "what you will need", "what you bring", "who you are", "you have", "you bring", "skills", "skill set",
    "experience", "requisitos", "requisito", "perfil", "conocimientos", "competencias", "what we're looking for",
    "what we are looking for", "ideal candidate", "education", "dominas", "debes", "necesitas", "requerimientos",
    "minimum qualifications", "basic qualifications", "required qualifications", "key qualifications",
    "lo que buscamos", "buscamos", "imprescindible", "excluyente",
)
_NICE_HEADINGS = (
    "preferred", "nice to have", "nice-to-have", "bonus", "plus", "desired", "desirable", "good to have",
    "deseable", "valoramos", "se valorará", "additional", "extra credit", "valorable", "se valora", "no excluyente",
    "opcional", "requisitos deseables", "conocimientos deseables", "requisitos no excluyentes",
)
_OTHER_HEADINGS = (
    "responsibilit", "duties", "what you'll do", "what you will do", "about", "job description", "job summary",
    "summary", "benefits", "perks", "funciones", "responsabilidades", "descripción", "sobre nosotros",
    "qué te ofrece", "condiciones", "how to apply", "cómo postular", "company", "role", "the role", "overview",
    "what we offer", "why join", "salary", "working days", "contract", "job types", "position",
    "beneficios", "ofrecemos", "te ofrecemos", "cómo aplicar", "como aplicar", "como postular", "who we are",
    "quiénes somos", "quienes somos", "our company", "equal opportunity", "compensation", "what's in it for you",
    "why work", "why us", "life at",
)
_DESCRIPTIVE = re.compile(
    r"(?:responsibilit|duties|what you'll do|what you will do|about|benefits|perks|funciones|responsabilidades|"
    r"sobre nosotros|beneficios|what we offer|te ofrecemos|ofrecemos|how to apply|c[óo]mo (?:postular|aplicar)|"
    r"our company|who we are|qui[ée]nes somos|equal opportunity)")
# Sections whose skills are dropped: the company's blurb and its benefits ("About us", "Beneficios"), and what
# a page printout shows after the posting ("Similar jobs", "Ofertas similares").
_BLURB = re.compile(
    r"^(?:about (?!(?:the |this )?(?:job|role|position|opportunity|team|work)\b|you\b)|who we are|our company|"
    r"company (?:description|profile|overview)|sobre nosotros|qui[ée]nes somos|acerca de|nuestra empresa|"
    r"benefits|perks|what we offer|(?:te )?ofrecemos|beneficios|equal opportunity)")
_OTHER_POSTINGS = re.compile(
    r"^(?:similar jobs|related jobs|other jobs|more jobs|jobs you (?:may|might)|recommended jobs|people also viewed|"
    r"otras ofertas|otros empleos|ofertas similares|empleos similares|avisos similares|convocatorias similares|"
    r"(?:tambi[ée]n )?te (?:puede|podr[íi]a) interesar)")
_NICE_CUES = re.compile(
    r"\b(preferred|preferably|nice[ -]to[ -]have|a plus|is a plus|bonus|desirable|ideally|good to have|"
    r"deseable|valorable|se valorar[áa]|plus|not required|an advantage|advantageous|an asset|helpful|optional|"
    r"no excluyente|no indispensable|opcional|recomendable|preferentemente|preferiblemente|de preferencia|"
    r"valorad[oa]|es un plus)\b", re.I)
_MUST_CUES = re.compile(
    r"\b(required|requires?|must|mandatory|essential|strong|proficien\w*|expert\w*|solid|at least|minimum|"
    r"requisito|indispensable|imprescindible|domin\w*|manejo|excluyente|obligatori[oa]|requerid[oa])\b", re.I)
_PAREN_NICE = re.compile(r"\(\s*(?:preferred|preferably|nice to have|a plus|bonus|desirable|deseable|valorable|opcional)\s*\)", re.I)
_JUNK = re.compile(
    r"sponsored|patrocinado|publicidad|read next story|close ad|reg[ií]strate|registrarse|https?://|www\.", re.I)
_DATE_TIME = re.compile(r"^\d+/\d+$")
_PRINT_STAMP = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\s*", re.I)  # browser print header
_TITLE_PREFIX = re.compile(
    r"^(?:job\s+(?:description|title)|position(?:\s+title)?|role|puesto(?:\s+de\s+trabajo)?|cargo|vacante)\s*[:\-–]\s*(.+)$",
    re.I)
_TITLE_WORDS = re.compile(
    r"\b(engineer|developer|manager|scientist|analyst|designer|teacher|nurse|accountant|director|architect|"
    r"administrator|consultant|specialist|programmer|intern|lead|representative|coordinator|officer|technician|"
    r"recruiter|assistant|associate|executive|writer|editor|facilitator|practicante|desarrollador|ingenier[oa]|"
    r"analista|dise[ñn]ador|gerente|jefe|asesor|especialista|programador)\b", re.I)
_YEARS = re.compile(
    r"(?:(up to|hasta)\s+)?(\d{1,2})\s*\+?\s*(?:(?:-|–|to|a)\s*\d{1,2}\s*\+?\s*)?(?:years?|yrs?|años|anos)\b", re.I)
_EXPERIENCE = re.compile(r"experience|experiencia|exp\b|work|developing|development|managing|in\s+\w+", re.I)
_LOCATION_LINE = re.compile(
    r"^(?:location|locatio|job location|based in|work location|lugar de (?:prácticas|practicas|trabajo)|ubicaci[óo]n|sede)"
    r"\s*[:\-–]\s*(.+)$", re.I)
_CONVOCATORIA = re.compile(r"convocatoria para (.+?) en ([A-ZÁÉÍÓÚ][\wáéíóú]+)\s*$", re.I)
_SEDE = re.compile(r"\b(?:sede|ubicad[ao]|oficinas?|equipo|ciudad de)\s+(?:\w+\s+){0,2}?en\s+([A-ZÁÉÍÓÚ][\wáéíóú]+)")
_SEEKING = re.compile(
    r"\b(?:seeking|looking for|hiring|buscando|buscamos)\s+(?:an?\s+|un[ao]?\s+)?((?:[\w/-]+\s+){0,5}?"
    r"(?:engineer|developer|manager|scientist|analyst|designer|architect|administrator|consultant|specialist|"
    r"desarrollador|ingenier[oa]|analista))\b", re.I)
_US_PLACE = re.compile(r"\b([A-Z][a-zA-Z.]+(?: [A-Z][a-zA-Z.]+){0,2}),\s*([A-Z]{2})\b")
_REMOTE = re.compile(r"\b(fully remote|remote|remotely|work from home|wfh|teletrabajo|remoto)\b", re.I)
_HYBRID = re.compile(r"\b(hybrid|h[ií]brid[oa])\b", re.I)
# "such as X, Y and Z", "e.g. X, Y", "tales como X y Z": the items are examples (nice-to-haves). The weak cues
# ("including", "like", "como") also start other phrases ("including SQL coding", "como Java Developer"), so
# they make an example list only when at least two skills follow them.
_EXAMPLES = re.compile(r"\b(?:such as|e\.\s?g\.?,?|for example|for instance|tales como|p\.\s?ej\.?|"
                       r"por ejemplo)\s", re.I)
_WEAK_EXAMPLES = re.compile(r"\b(?:including|incluyendo|incluidos|como|(?<!would )(?<!'d )(?<!feel )like)\s", re.I)
# A list that ends in "etc." or "among others" names examples too.
_ETC = re.compile(r"(?:\s*,\s*[^,;\n()]{1,30}?){0,2}[\s,;]*(?:etc\b|etc[ée]tera|and so on|among others|entre otr[oa]s)",
                  re.I)
# "X, Y, or equivalent": any one of them will do.
_OR_SIMILAR = re.compile(r"[\s,]*(?:or|o)\s+(?:equivalent|similar|comparable|related|other|afines|similares|equivalentes?)\b",
                         re.I)
# "one or more of the following: C, C++, Java", "any of": the items are alternatives, none required on its own.
_ANY_OF = re.compile(r"\b(?:one or more of|any of|at least one of|uno o m[áa]s de|alguno de|cualquiera de)\b", re.I)
# What separates the items of one list ("X, Y and Z", "X/Y", "X o Y"); a line break only after a comma.
_ITEM_GAP = re.compile(r"(?:[ \t]|,\s*\n?|/|&|\+|\b(?:and|or|y|o|u|e)\b)*")
_OR_GAP = re.compile(r"\b(?:or|o|u)\b", re.I)
# "Bachelor's degree in Accounting, Finance or Data Science": fields of study, not skills to check.
_DEGREE = re.compile(
    r"\b(?:bachelor'?s?|master'?s?|degree|diploma|b\.?\s?sc?|m\.?\s?sc?|ph\.?\s?d|b\.?\s?tech|m\.?\s?tech|mba|"
    r"licenciatur[ao]|bachiller|t[íi]tulo|carrera|egresad[oa]s?|estudiantes?|students?)\b[^.;\n]{0,60}?"
    r"\b(?:in|en|de|of)\s", re.I)
_DEGREE_END = re.compile(r"[.;(]\s|[.;]$|\n|\bwith\b|\bcon\b", re.I)
# Spanish requirement phrases for skills the (English) taxonomy names: resolved to the English name.
_SPANISH_SKILLS = (
    (r"bases? de datos relacional(?:es)?", "Relational database"),
    (r"gestor(?:es)? de bases? de datos", "Database Management Systems"),
    (r"metodolog[íi]as? [áa]gil(?:es)?|metodolog[íi]as? agile", "Agile"),
    (r"herramientas? (?:de )?(?:BI|business intelligence|inteligencia de negocios?)", "Business Intelligence Tools"),
    (r"inteligencia de negocios?", "Business Intelligence"),
    (r"gesti[óo]n de proyectos", "Project Management"),
    (r"an[áa]lisis de datos", "Data Analysis"),
    (r"ciencia de datos", "Data Science"),
    (r"aprendizaje autom[áa]tico", "Machine Learning"),
    (r"programaci[óo]n orientada a objetos", "Object-Oriented Programming"),
    (r"patrones de dise[ñn]o", "Software Design Patterns"),
    (r"control de versiones", "Version Control"),
    (r"pruebas unitarias", "Unit Testing"),
    (r"integraci[óo]n continua", "Continuous Integration"),
    (r"computaci[óo]n en la nube", "Cloud Computing"),
    (r"servicios web", "Web Services"),
    (r"gesti[óo]n de riesgos", "Risk Management"),
    (r"atenci[óo]n al cliente", "Customer Service"),
    (r"estad[íi]stica", "Statistics"),
)
_SPANISH_SKILL = re.compile("|".join(f"(?P<s{i}>{pattern})" for i, (pattern, _) in enumerate(_SPANISH_SKILLS)), re.I)
_LIST_SEPARATOR = re.compile(r",|/|\b(?:or|and|o|y|u|e)\b", re.I)
_TEMPORARY = re.compile(r"temporar|covid|pandemic|pandemia|for now|currently|until further|por ahora", re.I)
_HOME = re.compile(r"\b(?:comfort of your (?:own )?home|from (?:your )?(?:own )?home|desde (?:tu |su )?casa)\b", re.I)
_INTERNSHIP = re.compile(r"\b(intern|internship|interns|practicante|pr[aá]cticas|pasant[ií]a|trainee|apprentice)\b", re.I)
_STUDENT_LINE = re.compile(r"^(?:estudiante|student|currently (?:enrolled|pursuing)|enrolled in|undergraduate)\b", re.I)
_CLIENT_PATTERNS = (
    re.compile(r"^([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})\s*:\s*(?:convocatoria|programa)\b", re.I),
    re.compile(r"^(?i:about|sobre|acerca de)\s+([A-Z][\w&.'-]*(?:\s+[A-Z0-9][\w&.'-]*){0,4})\s*:?$"),
    re.compile(r"^(?:company(?: name| profile)?|client|empresa|employer)\s*[:\-–]\s*(.{2,60})$", re.I),
    re.compile(r"^(?i:at|en)\s+(?:el\s+)?([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4}),\s"),
    re.compile(r"^([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})\s+(?:is|es)\s+(?:a|an|one|una|un|the|la|el)\s"),
    re.compile(r"^([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})\s+(?:is developing|aims|builds|was founded)\b"),
)
_NOT_CLIENT = frozenset("the this we you our us it they he she these there job role position company team about nosotros".split())
_SPANISH = frozenset("de la el y en para con los las del por una que se sobre nuestro nuestra tu".split())
_ENGLISH = frozenset("the and to of with for you our in we will is are a an".split())


@dataclass
class JobDraft:
    """A drafted hot job, the evidence behind each skill and what the recruiter should check."""

    job: HotJob
    language: str
    evidence: list[tuple[str, str, str]] = field(default_factory=list)
    """``(kind, skill name, the line that asks for it)`` for every skill kept."""
    notes: list[str] = field(default_factory=list)
    min_years_stated: float | None = None
    """The minimum years the text states (0 for an internship), or None when it states none
    (``job.min_years`` may then hold years assumed from the title's seniority)."""


@dataclass
class _Seen:
    name: str
    specificity: int
    first: int
    kind: str = "context"
    count: int = 0
    in_title: bool = False
    line: str = ""
    named: bool = False
    free: bool = False
    """Mentioned at least once outside example lists, alternatives and fields of study."""


def draft_job(
    text: str,
    *,
    skill_nlp: Language,
    name_hint: str | None = None,
    job_id: str | None = None,
    max_must: int = 10,
    max_nice: int = 10,
) -> JobDraft:
    """Draft a :class:`HotJob` from a job description (``name_hint``: e.g. the file name, a title fallback)."""
    lines = _clean_lines(text)
    body = "\n".join(lines)
    language = _language(body)
    notes: list[str] = []
    title, title_from, place = _title(lines, name_hint)
    title_line = next((i for i, line in enumerate(lines[:40]) if title and title in line), None)
    if title_from != "text":
        notes.append(f"title taken from the {title_from}: check it")
    kinds = _line_kinds(lines)
    skills, found_sections = _skills(body, lines, kinds, title, skill_nlp)
    must, nice = _choose(skills, max_must, max_nice, found_sections)
    if not found_sections:
        notes.append("no requirements section found: must-haves are the title's skills and the most mentioned ones")
    if not must:
        notes.append("no must-have skill found: add the skills the client insists on")
    location = place or _location(lines)
    remote = _remote(lines, location)
    if location is None and not remote:
        notes.append("no location found")
    min_years = _min_years(lines, kinds)
    if min_years is None and (_INTERNSHIP.search(title) or any(
            _STUDENT_LINE.match(line) for line, kind in zip(lines, kinds) if kind == "must")):
        min_years = 0.0  # an internship or a student role asks for no years
    stated = min_years
    if min_years is None:
        min_years = _implied_years(title)
        if min_years:
            notes.append(f"no minimum years stated: {min_years:g} assumed from the title's seniority")
        else:
            notes.append("no minimum years of experience found (left at 0)")
    if language == "es":
        notes.append("Spanish text: sections and cue words were read in Spanish, but skills are matched against "
                     "an English taxonomy: technology names and a few common Spanish skill phrases are "
                     "found, most Spanish skill phrases are not")
    job = HotJob(
        id=job_id or slugify(title),
        title=title,
        location=location,
        remote=remote,
        min_years=min_years or 0.0,
        client=_client(lines, title_line),
        must_have=[s.name for s in must],
        nice_to_have=[s.name for s in nice],
        description=body[:8000],
    )
    evidence = [("must", s.name, s.line) for s in must] + [("nice", s.name, s.line) for s in nice]
    return JobDraft(job=job, language=language, evidence=evidence, notes=notes, min_years_stated=stated)


def slugify(text: str) -> str:
    """``"Senior Backend Engineer (Python)"`` -> ``senior-backend-engineer-python`` (ASCII, at most 60 characters)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return slug or "job"


def draft_yaml(draft: JobDraft, *, source: str | None = None) -> str:
    """The draft as a commented YAML file that ``hotlist jobs import`` accepts once reviewed."""
    job = draft.job
    data: dict[str, Any] = {"id": job.id, "title": job.title}
    if job.location:
        data["location"] = job.location
    data.update(remote=job.remote, min_years=_number(job.min_years), urgency=job.urgency, openings=job.openings,
                status=job.status, must_have=list(job.must_have), nice_to_have=list(job.nice_to_have),
                description=job.description)
    header = [f"# Draft hot job{f' from {source}' if source else ''}: review it, then `hotlist jobs import` this file."]
    header += [f"# Check: {note}." for note in draft.notes]
    if draft.evidence:
        header.append("# Where the text asks for each skill:")
        header += [f"#   {kind:<4} {name}: {_comment(line)}" for kind, name, line in draft.evidence]
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(header) + "\n" + body


# --------------------------------------------------------------------------- helpers


def _clean_lines(text: str) -> list[str]:
    lines = []
    for raw in unicodedata.normalize("NFKC", text).splitlines():  # NFKC: PDF ligatures ("ﬁ") become letters
        line = " ".join(_PRINT_STAMP.sub("", raw).split()).strip(" •●▪■◦►➢*·-–—")
        if not line or _JUNK.search(line) or _DATE_TIME.match(line):
            continue
        lines.append(line)
    return lines


def _language(text: str) -> str:
    tokens = re.findall(r"[a-záéíóúñ]+", text.lower())
    spanish = sum(t in _SPANISH for t in tokens)
    english = sum(t in _ENGLISH for t in tokens)
    return "es" if spanish > english else "en"


def _title(lines: list[str], hint: str | None) -> tuple[str, str, str | None]:
    """(title, where it came from, a location found with it)."""
    for line in lines[:12]:
        match = _CONVOCATORIA.search(line)
        if match:
            return _tidy_title(match.group(1)), "text", match.group(2)
    for line in lines[:12]:
        match = _TITLE_PREFIX.match(line)
        if match and len(match.group(1).split()) <= 14:
            return _tidy_title(match.group(1)), "text", None
    titled = [line for line in lines[:40] if _TITLE_WORDS.search(line) and len(line.split()) <= 12
              and not line.endswith((".", ":"))]
    folded_hint = (hint or "").casefold()
    named = [line for line in titled if len(line.split()) >= 2 and line.casefold() in folded_hint]
    if named:  # the shortest line the file is named after ("RQ-0950-...-Practicante pre profesional-Finanzas TI en BCP")
        return _tidy_title(min(named, key=len)), "text", None
    if titled and lines.index(titled[0]) < 8:
        return _tidy_title(titled[0]), "text", None
    for line in lines[:15]:
        match = _SEEKING.search(line)
        if match:
            title = match.group(1)
            return _tidy_title(title[:1].upper() + title[1:]), "text", None
    if hint:
        stem = re.sub(r"[_]+", " ", hint).strip()
        if stem and not re.fullmatch(r"[\w ]*\d[\w ]*", stem):
            return _tidy_title(stem), "file name", None
    first = lines[0] if lines else "Untitled job"
    return _tidy_title(first[:80]), "first line", None


def _tidy_title(title: str) -> str:
    title = re.sub(r"\s*\((?=[^)]*(?:year|años|yrs))[^)]*\)?\s*$", "", title, flags=re.I)  # "(5+ Years of Experience)"
    head = title[:20]
    again = title.find(head, len(head)) if len(head) >= 10 else -1
    if again > 0:  # "Director of Engineering, Google CloudDirector of Engineering, Google Cloud"
        title = title[:again]
    return title.strip(" -–:,")[:120] or "Untitled job"


def _heading_kind(line: str) -> str | None:
    """must / nice / other when ``line`` is a section heading, else None."""
    text = line.lower().strip(" ¿?¡!:")
    if len(text.split()) > 7 or (len(text.split()) > 4 and not line.rstrip().endswith(":")):
        return None
    for kind, keys in (("nice", _NICE_HEADINGS), ("must", _MUST_HEADINGS), ("other", _OTHER_HEADINGS)):
        if any(text.startswith(k) or (k in text and line.rstrip().endswith(":")) for k in keys):
            return kind
    return None


def _line_kinds(lines: list[str]) -> list[str]:
    """must / nice / context for every line: its section, overridden by cue words on the line. In a section
    that describes the job or the company ("Responsibilities", "About us", "Benefits"), "strong" or "expert"
    describe the work, not the candidate: cue words make no must-have there."""
    section = "context"
    described = False
    kinds = []
    for line in lines:
        head, _, rest = line.partition(":")
        heading = _heading_kind(line) or (_heading_kind(head + ":") if rest.strip() else None)
        if heading is not None:
            section = "context" if heading == "other" else heading
            described = heading == "other" and _DESCRIPTIVE.match(line.lower().strip(" ¿?¡!:")) is not None
        kind = section
        if _NICE_CUES.search(_PAREN_NICE.sub("", line)):
            kind = "nice"
        elif section != "nice" and not described and _MUST_CUES.search(line):
            kind = "must"
        kinds.append(kind)
    return kinds


def _ignored_lines(lines: list[str], kinds: list[str]) -> list[bool]:
    """True for lines whose skills are not the job's: the company's blurb and benefits (up to the next
    heading) and, once the requirements have been read, other postings a page printout shows after them."""
    ignored, blurb, tail, asked = [], False, False, False
    for line, kind in zip(lines, kinds):
        text = line.lower().strip(" ¿?¡!:")
        if _heading_kind(line) is not None:
            blurb = _BLURB.match(text) is not None
        if asked and len(text.split()) <= 6 and _OTHER_POSTINGS.match(text):
            tail = True
        asked |= kind == "must"
        ignored.append(blurb or tail)
    return ignored


def _clause_kind(line: str, offset: int, kind: str) -> str:
    """``nice`` when the clause around ``offset`` (between , ; .) carries "(deseable)", "(preferred)"...; else ``kind``."""
    lo = max(line.rfind(sep, 0, offset) for sep in ",;.") + 1
    ends = [i for i in (line.find(sep, offset) for sep in ",;.") if i >= 0]
    return "nice" if _PAREN_NICE.search(line[lo : min(ends) if ends else len(line)]) else kind


def _skills(body: str, lines: list[str], kinds: list[str], title: str, nlp: Language) -> tuple[list[_Seen], bool]:
    taxonomy = nlp.get_pipe(MATCHER).taxonomy
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    title_ids = {m.id for m in extract_skills(nlp, title)}
    mentions = []
    for mention in [*extract_skills(nlp, body), *_spanish_mentions(body, taxonomy)]:
        skill = taxonomy.get(mention.id)
        if skill is not None and skill.category not in _SOFT_CATEGORIES and skill.name.lower() not in _SOFT_NAMES:
            mentions.append((mention, skill))
    mentions.sort(key=lambda pair: pair[0].start)
    spans = [(m.start, m.end) for m, _ in mentions]
    examples = _example_spans(body, spans)
    demoted = _listed_as_examples(body, spans)  # examples and alternatives, by mention
    fields = _degree_spans(body)
    ignored = _ignored_lines(lines, kinds)
    seen: dict[str, _Seen] = {}
    found_sections = False
    rank = {"context": 0, "nice": 1, "must": 2}
    for k, (mention, skill) in enumerate(mentions):
        index = _line_of(starts, mention.start)
        line = lines[index]
        if ignored[index]:
            continue
        kind = _clause_kind(line, mention.start - starts[index], kinds[index])
        field_of_study = any(lo <= mention.start < hi for lo, hi in fields)  # "degree in Accounting or Finance"
        listed = k in demoted or any(lo <= mention.start < hi for lo, hi in examples)
        if kind != "context" and field_of_study:
            kind = "context"
        if kind != "context" and listed:
            kind = "nice"
        found_sections |= kind == "must"
        entry = seen.get(mention.id)
        if entry is None:
            specificity = 2 * skill.hot + ("curated" in skill.sources) + ("onet" in skill.sources)
            entry = seen[mention.id] = _Seen(skill.name, specificity, mention.start, in_title=mention.id in title_ids)
        entry.count += 1
        entry.free |= not (field_of_study or listed)
        entry.named |= _written_as_name(body, mention.start, mention.text)
        if rank[kind] > rank[entry.kind] or not entry.line:
            entry.kind, entry.line = (kind if rank[kind] > rank[entry.kind] else entry.kind), line
    return list(seen.values()), found_sections


def _spanish_mentions(body: str, taxonomy: Any) -> list[SkillMention]:
    """Spanish phrases for skills the taxonomy names in English ("bases de datos relacionales")."""
    found = []
    for match in _SPANISH_SKILL.finditer(body):
        name = _SPANISH_SKILLS[int(match.lastgroup[1:])][1]
        skill = taxonomy.resolve(name)
        if skill is not None:
            found.append(SkillMention(skill.id, skill.name, match.start(), match.end(), match.group()))
    return found


def _written_as_name(body: str, start: int, text: str) -> bool:
    """True when the text writes a skill as a name ("Laravel", "PHP", "Node.js", "Code Igniter"), not as a
    lower-case phrase ("web development"); a capital at the start of a line or sentence does not count."""
    if re.search(r"[A-Z].*[A-Z]|[\d+#.]", text):
        return True
    before = body[max(0, start - 2) : start]
    return text[:1].isupper() and not (start == 0 or before.endswith("\n") or re.search(r"[.:!?]\s$", before))


def _example_spans(body: str, mentions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of example lists ("such as X, Y and Z"): from the cue to the end of the clause
    (``.``, ``;``, ``)`` or a line break that does not follow a comma); after a weak cue ("including", "like",
    "como") only when a list of two skills or more follows. Parenthesised
    lists ("libraries (jQuery, Prototype)", "tools (Power BI, etc.)") are examples too."""
    spans = []
    for cue, weak in ((_EXAMPLES, False), (_WEAK_EXAMPLES, True)):
        for match in cue.finditer(body):
            start = match.end()
            end = len(body)
            for stop in (re.compile(r"[.;)](?=\s|$)|:\s"), re.compile(r"(?<!,)\n(?=\s*[A-Z¿¡●•*-])")):
                found = stop.search(body, start)
                if found:
                    end = min(end, found.start())
            end = min(end, start + 200)
            inside = sum(start <= lo < end for lo, _ in mentions)
            if not weak or (inside >= 2 and _LIST_SEPARATOR.search(body[start:end])):
                spans.append((start, end))
    for match in re.finditer(r"\(([^()\n]{0,200})\)", body):
        if any(match.start() < lo < match.end() for lo, _ in mentions) and _LIST_SEPARATOR.search(match.group(1)):
            spans.append((match.start(), match.end()))
    return spans


def _listed_as_examples(body: str, mentions: list[tuple[int, int]]) -> set[int]:
    """Indexes of mentions in lists that are not requirements one by one: lists ending in "etc."
    ("SQL Server, Oracle, etc"), lists of alternatives ("Shell, Perl or Python"; "X, Y, or equivalent"), and
    lists after "one or more of" / "any of"."""
    out: set[int] = set()
    chain = [0] if mentions else []
    for k in range(1, len(mentions) + 1):
        joined = k < len(mentions) and _ITEM_GAP.fullmatch(body[mentions[k - 1][1] : mentions[k][0]])
        if joined:
            chain.append(k)
            continue
        gaps = [body[mentions[a][1] : mentions[b][0]] for a, b in zip(chain, chain[1:])]
        first, last = mentions[chain[0]][0], mentions[chain[-1]][1]
        lead = body[max(0, first - 60) : first]
        lead = lead[max(lead.rfind("\n"), lead.rfind("."), lead.rfind(";")) + 1 :]
        if _ETC.match(body, last) or (len(chain) >= 2 and (
                any(_OR_GAP.search(g) and "and/or" not in g for g in gaps) or _OR_SIMILAR.match(body, last)
                or _ANY_OF.search(lead))):
            out.update(chain)
        chain = [k]
    return out


def _degree_spans(body: str) -> list[tuple[int, int]]:
    """Spans naming fields of study: from "degree in" / "carrera de" to the end of the clause (a line break
    ends it unless the line ends in a comma or a joining word, or the next starts in lower case)."""
    spans = []
    for match in _DEGREE.finditer(body):
        end = min(len(body), match.end() + 150)
        for stop in _DEGREE_END.finditer(body, match.end(), end):
            if stop.group() == "\n" and (re.search(r"(?:,|\b(?:de|del|of|in|en|y|and|o|or|the|la|el))\s*$",
                                                    body[max(0, stop.start() - 6) : stop.start()], re.I)
                                        or body[stop.end() : stop.end() + 1].islower()):
                continue
            end = stop.start()
            break
        spans.append((match.end(), end))
    return spans


def _remote(lines: list[str], location: str | None) -> bool:
    """Remote by design: a remote word not said to be temporary (on its line or the next), or work from home."""
    for i, line in enumerate(lines):
        if not _REMOTE.search(line) and not _HOME.search(line):
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if _TEMPORARY.search(line) or (line.rstrip().endswith(":") and (_TEMPORARY.search(following)
                                                                        or re.match(r"no\b", following, re.I))):
            continue
        if _HYBRID.search(line):
            continue
        return True
    return False


def _client(lines: list[str], title_line: int | None) -> str | None:
    """The employer or client the text names: "About X", "X is a ...", "At X, we", "Company: X", an Indeed header."""
    for line in lines[:6]:  # "Tech Solutions, San Francisco, CA, USA"
        head, _, rest = line.partition(",")
        if rest and _US_PLACE.search(rest) and 1 <= len(head.split()) <= 5 and not _TITLE_WORDS.search(head):
            return head.strip()
    if title_line is not None and title_line + 2 < len(lines):  # job-board header: title, company, place
        name, after = lines[title_line + 1], lines[title_line + 2]
        place = after in {"-", "–"} or _US_PLACE.search(after) or re.fullmatch(r"[A-Z][\w.]+(?: [A-Z][\w.]+)?, [A-Z][\w.]+(?: [A-Z][\w.]+)?", after)
        if place and 1 <= len(name.split()) <= 5 and not _TITLE_WORDS.search(name) and name[:1].isupper() \
                and not re.search(r"[()\d]", name):
            return name
    for line in lines[:60]:
        for pattern in _CLIENT_PATTERNS:
            match = pattern.search(line)
            if match:
                name = match.group(1).strip(" .,:")
                if name and name.split()[0].lower() not in _NOT_CLIENT and len(name) >= 2:
                    return name.title() if name.isupper() and len(name.split()) > 1 else name
    return None


def _line_of(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _choose(skills: list[_Seen], max_must: int, max_nice: int, found_sections: bool) -> tuple[list[_Seen], list[_Seen]]:
    def order(s: _Seen) -> tuple:
        return (not s.in_title, -s.specificity, -s.count, s.first)

    # The title's skills are must-haves wherever asked for ("Backend Developer - Python/Django"). Keeping only
    # named technologies from the title (not "Logistics", "Data Analysis") raised must-have precision on the
    # jd-cards but lowered the ranking's AUC on panoslin (0.719 -> 0.687): the ranking leans on them.
    by_title = [s for s in skills if s.in_title]
    if found_sections:
        must_pool = [s for s in skills if s.kind == "must" or s in by_title]
    else:  # no requirements: the title's skills and the most mentioned specific ones
        must_pool = [s for s in skills if s in by_title or (s.specificity >= 2 and s.kind != "nice" and s.free)]
        must_pool = sorted(must_pool, key=lambda s: (not s.in_title, -s.count, -s.specificity, s.first))[:3]
    must = sorted(must_pool, key=order)[:max_must]
    # generic phrases ("web development", "server-side") give way to named skills ("Laravel", curated, O*NET)
    if any(not _generic(s) for s in must):
        must = [s for s in must if not _generic(s) or s in by_title]
    chosen = {id(s) for s in must}
    rest = [s for s in skills if id(s) not in chosen and (s.kind != "context" or s.specificity >= 1 or s in must_pool)]
    nice = sorted(rest, key=lambda s: (-s.specificity, s.kind != "must", s.kind != "nice", -s.count, s.first))[:max_nice]
    names = set()
    must = [s for s in must if not (s.name.casefold() in names or names.add(s.name.casefold()))]
    nice = [s for s in nice if not (s.name.casefold() in names or names.add(s.name.casefold()))]
    return must, nice


def _generic(skill: _Seen) -> bool:
    """A Lightcast phrase only (no O*NET, curated or hot source) that the text never writes as a name."""
    return skill.specificity == 0 and not skill.named


def _min_years(lines: list[str], kinds: list[str]) -> float | None:
    found: list[int] = []
    upper_only: list[int] = []
    for line, kind in zip(lines, kinds):
        if kind == "nice":
            continue
        for match in _YEARS.finditer(line):
            after = line[match.end() : match.end() + 60]
            before = line[max(0, match.start() - 40) : match.start()]
            if not (_EXPERIENCE.search(after) or re.search(r"experience|experiencia|\(required\)", line, re.I)
                    or re.search(r"over|more than|at least|minimum|m[ií]nimo", before, re.I)):
                continue
            value = int(match.group(2))
            if not 0 < value <= 20:
                continue
            (upper_only if match.group(1) else found).append(value)
    if found:
        return float(max(found))
    return None if not upper_only else 0.0


# Years a title's seniority usually implies, when the text states none.
_SENIORITY_YEARS = (
    (re.compile(r"\b(principal|distinguished|director|head of|vp|vice president)\b", re.I), 10.0),
    (re.compile(r"\b(staff|architect)\b", re.I), 8.0),
    (re.compile(r"\blead\b", re.I), 7.0),
    (re.compile(r"\b(senior|sr\.?|s[eé]nior)\b", re.I), 5.0),
)


def _implied_years(title: str) -> float | None:
    for pattern, years in _SENIORITY_YEARS:
        if pattern.search(title):
            return years
    return None


def _location(lines: list[str]) -> str | None:
    for line in lines:
        match = _LOCATION_LINE.match(line)
        if match:
            place = match.group(1).strip(" .")
            if place and len(place.split()) <= 8 and not re.search(r"comfort|home", place, re.I):
                return place
    for line in lines[:15]:
        for match in _US_PLACE.finditer(line):
            if match.group(2) in US_STATE_CODES:
                return f"{match.group(1)}, {match.group(2)}"
    for line in lines[:10]:
        if re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?, [A-Z][a-z]+(?: [A-Z][a-z]+)?", line) and not _TITLE_WORDS.search(line):
            return line
    match = _SEDE.search(" ".join(lines))
    return match.group(1) if match else None


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _comment(line: str) -> str:
    line = " ".join(line.split())
    return f'"{line[:100]}…"' if len(line) > 100 else f'"{line}"'


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as ``|`` blocks, so the description stays readable."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
