"""Who the resume is about: the candidate's name and home location.

Both guesses read only the header (the text above the first section heading).
"""

from __future__ import annotations

import re
import unicodedata

from hotlist.pipeline.parse.gazetteer import CA_PROVINCE_NAMES, CA_PROVINCES, US_STATE_CODES, US_STATES as US_STATES_WRITTEN
from hotlist.pipeline.parse.sections import canonical_heading

US_STATES = US_STATE_CODES
_REGION_NAMES = set(US_STATES_WRITTEN) | set(CA_PROVINCE_NAMES) | {
    # countries and common short forms
    "usa", "us", "u.s.", "u.s.a.", "united states", "uk", "u.k.", "united kingdom", "england",
    "scotland", "wales", "ireland", "canada", "india", "germany", "france", "spain", "italy",
    "portugal", "netherlands", "belgium", "switzerland", "austria", "sweden", "norway", "denmark",
    "finland", "poland", "czech republic", "czechia", "romania", "hungary", "greece", "turkey",
    "israel", "uae", "united arab emirates", "saudi arabia", "qatar", "egypt", "nigeria", "kenya",
    "ghana", "south africa", "pakistan", "bangladesh", "sri lanka", "nepal", "china", "japan",
    "korea", "south korea", "singapore", "malaysia", "indonesia", "philippines", "vietnam",
    "viet nam", "thailand", "australia", "new zealand", "mexico", "brazil", "argentina", "chile",
    "colombia", "peru", "ukraine", "russia", "estonia", "lithuania", "latvia", "luxembourg",
}
# Indian states and union territories (with common older or short spellings)
_INDIAN_STATES = {
    "karnataka", "maharashtra", "tamil nadu", "telangana", "kerala", "gujarat", "delhi", "uttar pradesh",
    "west bengal", "haryana", "punjab", "rajasthan", "andhra pradesh", "madhya pradesh", "bihar", "odisha",
    "orissa", "assam", "jharkhand", "chhattisgarh", "uttarakhand", "uttaranchal", "himachal pradesh", "goa",
    "arunachal pradesh", "manipur", "meghalaya", "mizoram", "nagaland", "sikkim", "tripura",
    "jammu and kashmir", "jammu & kashmir", "ladakh", "puducherry", "pondicherry", "chandigarh",
    "andaman and nicobar islands", "andaman and nicobar", "lakshadweep", "dadra and nagar haveli",
    "daman and diu", "dadra and nagar haveli and daman and diu",
}
_REGION_NAMES |= _INDIAN_STATES
_DROP_AFTER_STATE = {"usa", "us", "u.s.", "u.s.a.", "united states", "canada"}
# Cities often written alone ("Oracle SSI - London -"): large metros of the countries resumes come from.
CITY_NAMES = {
    "bangalore", "bengaluru", "mumbai", "bombay", "delhi", "new delhi", "noida", "gurgaon", "gurugram",
    "hyderabad", "chennai", "madras", "kolkata", "calcutta", "pune", "ahmedabad", "jaipur", "lucknow",
    "kanpur", "nagpur", "indore", "bhopal", "patna", "chandigarh", "coimbatore", "kochi", "cochin",
    "trivandrum", "thiruvananthapuram", "mysore", "mysuru", "mangalore", "vizag", "visakhapatnam",
    "bhubaneswar", "bhubaneshwar", "guwahati", "surat", "vadodara", "nashik", "aurangabad", "thane",
    "navi mumbai", "secunderabad", "ghaziabad", "faridabad", "dehradun", "ranchi", "raipur", "goa",
    "new york", "san francisco", "los angeles", "chicago", "seattle", "boston", "austin", "dallas",
    "houston", "atlanta", "denver", "phoenix", "miami", "philadelphia", "san jose", "san diego",
    "portland", "redmond", "mountain view", "palo alto", "sunnyvale", "cupertino", "menlo park",
    "washington", "detroit", "minneapolis", "charlotte", "raleigh", "nashville", "pittsburgh",
    "london", "manchester", "birmingham", "edinburgh", "glasgow", "dublin", "paris", "berlin", "munich",
    "frankfurt", "hamburg", "amsterdam", "rotterdam", "brussels", "zurich", "geneva", "vienna",
    "madrid", "barcelona", "lisbon", "rome", "milan", "stockholm", "oslo", "copenhagen", "helsinki",
    "warsaw", "prague", "budapest", "bucharest", "athens", "istanbul", "tel aviv", "dubai", "abu dhabi",
    "doha", "riyadh", "cairo", "lagos", "nairobi", "johannesburg", "cape town", "karachi", "lahore",
    "islamabad", "dhaka", "colombo", "kathmandu", "singapore", "kuala lumpur", "jakarta", "manila",
    "bangkok", "hanoi", "ho chi minh city", "saigon", "hong kong", "shanghai", "beijing", "shenzhen",
    "tokyo", "osaka", "seoul", "sydney", "melbourne", "brisbane", "perth", "auckland", "toronto",
    "vancouver", "montreal", "ottawa", "calgary", "mexico city", "sao paulo", "rio de janeiro",
    "buenos aires", "santiago", "bogota", "lima",
}

_CITY = r"[A-Z][\w'.\-]*(?: (?:[A-Z][\w'.\-]*|de|del|la|of|upon|am|an|sur))*?"
_NAMES_ALT = "|".join(re.escape(n) for n in sorted(_REGION_NAMES, key=len, reverse=True))
_REGION = rf"(?:(?i:{_NAMES_ALT})(?![A-Za-z])|[A-Z]{{2}}(?![A-Za-z])|[A-Z][a-z]\.?(?![A-Za-z]))"
_END = r"(?=[ \t]*(?:$|[,|•·;)\]/(]|[ \t]{2,}|[ \t][-–—][ \t]|\n))"
_LOC_RE = re.compile(
    rf"(?P<city>{_CITY})[ \t]*,[ \t]*(?P<region>{_REGION})"
    rf"(?:[ \t]*,[ \t]*(?P<country>(?i:{_NAMES_ALT})(?![A-Za-z])))?"
    rf"(?P<zip>[ \t]+(?:\d{{5}}(?:-\d{{4}})?|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|\d{{6}}))?{_END}",
    re.MULTILINE,
)
_CITY_ZIP_RE = re.compile(rf"(?<![\w])(?P<city>{_CITY})[ \t]+(?P<region>[A-Z]{{2}}),?[ \t]+\d{{5}}(?:-\d{{4}})?\b")
_STREET_WORDS = {
    "st", "st.", "street", "ave", "ave.", "avenue", "rd", "rd.", "road", "blvd", "lane", "ln", "drive",
    "dr", "dr.", "apt", "apt.", "suite", "no", "no.", "floor", "way", "court", "ct", "place", "pl",
    "sector", "block", "nagar", "colony", "house", "flat", "box",
}


def _region_ok(region: str, trailing: str) -> str | None:
    """The region written canonically ("Ca." → "CA"), or None when it is not one."""
    r = region.strip()
    bare = r.rstrip(".")
    if len(bare) == 2 and bare.isalpha():
        code = bare.upper()
        if code not in US_STATES | CA_PROVINCES | {"UK"}:
            return None
        # "Ca" / "Ca." only with a full stop or a zip code after it, never "In" in prose
        if not bare.isupper() and not (r.endswith(".") or trailing):
            return None
        return code
    if r.lower() in _REGION_NAMES or bare.lower() in _REGION_NAMES:
        return bare if not bare.isupper() or len(bare) <= 3 else bare.title()
    return None


def is_region_name(s: str) -> bool:
    """True for a bare country, state or province name ("India", "Texas", "UK")."""
    return s.strip(" .,").lower() in _REGION_NAMES and len(s.strip()) > 2 or s.strip() in {"UK", "US"}


def is_city(s: str) -> bool:
    """True for a large city written alone ("London", "Bengaluru", "San Francisco")."""
    return s.strip(" .,").lower() in CITY_NAMES


def find_location(s: str) -> str | None:
    """The first "City, Region" in ``s``: "San Francisco, CA 94105" → "San Francisco, CA".

    Region is a US state or Canadian province code, a state/province/country
    name ("Hyderabad, India", "London, UK"). A country after a state is
    dropped ("Seattle, WA, USA" → "Seattle, WA"); street words before the
    city are dropped.
    """
    if not s:
        return None
    starts = [m.start() for m in _WORD_START_RE.finditer(s)]
    matches = [m for m in (_LOC_RE.match(s, i) for i in starts) if m] + list(_CITY_ZIP_RE.finditer(s))
    for m in matches:
        region = _region_ok(m.group("region"), (m.groupdict().get("zip") or "").strip())
        if region is None:
            continue
        words = m.group("city").split()
        while words and (words[0].lower() in _STREET_WORDS or any(c.isdigit() for c in words[0])):
            words.pop(0)
        # keep at most the last three words of the city, after any street word
        for i in range(len(words) - 1, -1, -1):
            if words[i].lower().rstrip(".,") in _STREET_WORDS:
                words = words[i + 1 :]
                break
        words = words[-3:]
        if not words or words[0][0].islower():
            continue
        city = " ".join(words).strip(" .")
        country = m.groupdict().get("country")
        out = f"{city}, {region}"
        if country and region not in US_STATES | CA_PROVINCES and country.lower() not in _DROP_AFTER_STATE:
            if country.lower() in _REGION_NAMES:
                out = f"{out}, {country}"
        return out
    return None


# --- names ------------------------------------------------------------------

TITLE_WORDS = {
    "engineer", "developer", "manager", "analyst", "intern", "scientist", "consultant", "designer",
    "director", "lead", "architect", "specialist", "assistant", "associate", "officer", "administrator",
    "coordinator", "executive", "head", "vp", "president", "sde", "trainee", "tutor", "teacher",
    "researcher", "representative", "technician", "programmer", "owner", "founder", "co-founder",
    "cofounder", "cto", "ceo", "cfo", "coo", "partner", "accountant", "advisor", "adviser",
    "supervisor", "operator", "instructor", "professor", "lecturer", "fellow", "clerk", "cashier",
    "nurse", "agent", "editor", "writer", "recruiter", "principal", "member", "volunteer", "mentor",
    "student", "graduate", "apprentice", "contractor", "freelancer", "freelance", "strategist",
    "marketer", "planner", "auditor", "controller", "secretary", "receptionist", "chef", "driver",
    "mechanic", "electrician", "attorney", "lawyer", "paralegal", "pharmacist", "therapist",
    "physician", "doctor", "dentist", "technologist", "tester", "sdet", "devops", "sre", "dba",
    "staff", "senior", "junior", "sr", "sr.", "jr.", "chief", "leader", "expert", "professional",
    "generalist", "investigator", "inspector", "estimator", "buyer", "merchandiser", "salesperson",
    "sales", "support", "scrum", "master", "product", "software", "data", "full", "stack", "frontend",
    "backend", "web", "mobile", "android", "ios", "cloud", "marketing", "business", "engineering",
    "operations", "research", "teaching", "management", "hr", "qa",
}
_NOT_NAME_WORDS = {
    "resume", "résumé", "curriculum", "vitae", "cv", "profile", "contact", "page", "portfolio",
    "summary", "objective", "experience", "education", "skills", "phone", "email", "mobile", "address",
    "linkedin", "github", "references", "personal", "details", "information", "university", "college",
    "institute", "school", "inc", "ltd", "llc", "corp", "company", "technologies", "solutions",
    "street", "road", "avenue", "the", "and", "for", "with", "of", "to", "in", "at", "featured",
    "city", "class", "ii", "iii", "iv", "x", "xii", "dear", "sir", "madam", "page", "date", "signature",
}


def _is_name_word(w: str) -> bool:
    """"Jane", "O'Neil", "Mary-Jane", "NGUYỄN", "K", "Q." and "H.K" / "C.Karthik" (initials)."""
    parts = [p for p in w.split(".") if p]
    if not parts or ".." in w:
        return False
    for core in parts:
        if not core[0].isupper() or not core[0].isalpha():
            return False
        if not (all(c.isalpha() or c in "'’-" for c in core) and core[-1].isalpha()):
            return False
    return True

_GLUED_SUFFIX_RE = re.compile(r"\s*(?:Premium\s*CV\s*)?Featured\s*Resume\s*$|\s+(?:Resume|CV|Résumé)\s*$", re.I)
_SPLIT_RE = re.compile(r"\s*(?:\||•|·|,|;|\t|\s{3,}|\s[–—-]\s)\s*")
_EXPORT_TITLE_RE = re.compile(r"(?:Premium\s*CV\s*)?Featured\s*Resume\s*$", re.I)


def _is_mononym(word: str) -> bool:
    """One name word (3+ letters, not a heading, title or stop word): a single-name candidate."""
    return (len(word) >= 3 and " " not in word and word.isalpha() and word[0].isupper()
            and word.lower() not in _NOT_NAME_WORDS and word.lower() not in TITLE_WORDS)


_WORD_START_RE = re.compile(r"(?<![\w'.\-])[A-Z]")
_CELTIC_RE = re.compile(r"^(O|D|Mc)(['’]?)([a-z])")
_CELTIC_START_RE = re.compile(r"^(?:O|D)['’]|^Mc[a-z]")
_NAME_LABEL_RE = re.compile(r"^(?:name|candidate)\s*[:\-]\s*", re.IGNORECASE)
_HONORIFIC_RE = re.compile(r"^(?:dr|mr|mrs|ms|miss|prof|er)\.?\s+", re.IGNORECASE)
_NICKNAME_RE = re.compile(r"\s*(?:\([^\W\d_]+\)|[\"“”'‘’][^\W\d_]+[\"“”'‘’])\s*")
# "LUGAR DE NACIMIENTO   :   Lima", "Date of Birth: ...": the label of a form field is not a name
_FIELD_LABEL_RE = re.compile(r"[^:|]{1,40}?\s*:\s*(?=\S)")
_NOT_A_NAME_RE = re.compile(r"[\d@/\\:]|www\.|\.com\b|https?", re.IGNORECASE)
_INITIALS_SPLIT_RE = re.compile(r"[\s.]+")
_CID_RE = re.compile(r"\(cid:\d+\)")


def _title_case_word(w: str) -> str:
    if len(w) <= 2 and w.rstrip(".").isalpha():  # initials "K", "J."
        return w
    out = ".".join(
        "-".join(part[:1].upper() + part[1:].lower() for part in chunk.split("-")) for chunk in w.split(".")
    )
    return _CELTIC_RE.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), out) \
        if _CELTIC_START_RE.match(out) else out


def _as_name(piece: str) -> str | None:
    piece = _NAME_LABEL_RE.sub("", piece.strip()).strip()
    piece = _HONORIFIC_RE.sub("", piece)
    nick = _NICKNAME_RE.search(piece)  # "DUC (BRUCE) NGUYEN", 'Robert "Bob" Smith': kept as written
    at = len(piece[: nick.start()].split()) if nick else 0
    piece = _NICKNAME_RE.sub(" ", piece).strip()
    # every test below only rules the piece out: the cheap ones go first, the place lookup last
    if not piece or len(piece) > 50:
        return None
    if _NOT_A_NAME_RE.search(piece):
        return None
    words = piece.split()
    if not 2 <= len(words) <= 4:
        return None
    if not all(_is_name_word(w) for w in words):
        return None
    if is_region_name(piece) or find_location(piece):
        return None
    lower = [w.lower().strip(".") for w in words]
    if any(w in _NOT_NAME_WORDS for w in lower) or any(w in TITLE_WORDS for w in lower):
        return None
    if not any(len(p) > 1 for p in _INITIALS_SPLIT_RE.split(piece)):
        return None
    # "JOHN DOE" and "Anna SOLBERG" → title case; "McDonald", "K." stay as written
    out = [_title_case_word(w) if w.isupper() else w for w in words]
    if nick is not None and 0 < at < len(out):
        token = nick.group(0).strip()
        out.insert(at, token[0] + _title_case_word(token[1:-1]) + token[-1] if token[1:-1].isupper() else token)
    return " ".join(out)


def guess_name(header_text: str) -> str | None:
    """The candidate's name: the first early line (or line piece) that reads as one.

    A name is 2–4 capitalised words (initials allowed) without digits, "@",
    URLs, heading words ("Resume", "Curriculum Vitae") or job-title words
    ("Senior Engineer"). ALL-CAPS names are title-cased ("JOHN DOE" → "John
    Doe"). Only the first 12 non-empty lines are read; a line is also tried
    piece by piece when it holds separators ("Jane Doe | Engineer").
    """
    if not header_text:
        return None
    lines = [ln.strip() for ln in header_text.splitlines() if ln.strip()][:12]
    for line in lines:
        line = _CID_RE.sub(" ", line).strip()
        exported = _EXPORT_TITLE_RE.search(line) is not None
        line = _GLUED_SUFFIX_RE.sub("", line).strip() or line  # "JANE DOEFeatured Resume"
        if exported and _is_mononym(line):
            return _title_case_word(line) if line.isupper() else line  # a job board's title: "<Name> Featured Resume"
        if not _NAME_LABEL_RE.match(line):
            line = _FIELD_LABEL_RE.sub(" | ", line).strip(" |")  # a form field's label never names the candidate
        name = _as_name(line)
        if name:
            return name
        pieces = _SPLIT_RE.split(line)
        if len(line.split()) > 10:  # a sentence: only its start can be a name
            pieces = pieces[:1]
        for piece in pieces:
            name = _as_name(piece)
            if name:
                return name
    return None


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def name_candidates(text: str, hints: list[str]) -> list[tuple[int, str]]:
    """Name-like lines anywhere in ``text`` with a score, best first.

    For layouts whose sidebar (contact, skills) is extracted before the name.
    A line scores 2 when a word of it (3+ letters, accents folded) appears in
    one of ``hints`` (email addresses, profile URLs) and 1 when the next line
    is a job title or a section heading. Lines scoring 0 are not returned.
    """
    folded = [_fold(h) for h in hints]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    out: list[tuple[int, str]] = []
    for n, line in enumerate(lines[:400]):
        # the suffix pattern ends with "Resume", "Résumé" or "CV": skip it on lines that cannot match
        unglued = _GLUED_SUFFIX_RE.sub("", line).strip() if line[-1:] in "eEéÉvV" else line
        name = _as_name(unglued or line)
        if not name:
            continue
        score = 0
        if any(len(w) >= 3 and w in h for w in re.findall(r"[a-z]+", _fold(name)) for h in folded):
            score += 2
        nxt = lines[n + 1] if n + 1 < len(lines) else ""
        if nxt and (canonical_heading(nxt) or any(w in TITLE_WORDS for w in re.findall(r"[a-z]+", nxt.lower()))):
            score += 1
        if score:
            out.append((score, name))
    out.sort(key=lambda p: -p[0])
    return out


_LABEL_RE = re.compile(
    r"(?:current\s+location|location|address|city|based\s+in|residence|lives\s+in)\s*[:\-–]\s*(?P<value>[^|•·\n]+)",
    re.IGNORECASE,
)


def guess_location(header_text: str) -> str | None:
    """The candidate's location from the header: "Austin, TX", "Toronto, ON", "London, UK".

    Labelled values ("Location: Pune") win; otherwise the first "City, Region"
    in the first 15 non-empty lines; otherwise a large city or a region written
    alone at the start of one of lines 2-6 and followed by a separator
    ("Coimbatore - Email me on Indeed", "London | +44 ..."). Zip codes and a country after a US state
    or Canadian province are dropped ("San Francisco, CA 94105" → "San
    Francisco, CA").
    """
    if not header_text:
        return None
    lines = [ln for ln in header_text.splitlines() if ln.strip()][:15]
    for line in lines:
        m = _LABEL_RE.search(line)
        if m:
            value = m.group("value").strip(" ,;")
            found = find_location(value)
            if found:
                return found
            words = value.split()
            if 1 <= len(words) <= 4 and value[:1].isupper() and not re.search(r"[\d@]", value):
                return value
    for line in lines:
        if "@" in line and len(line.split()) <= 2:
            continue
        found = find_location(re.sub(r"\S+@\S+|https?://\S+", " ", line))
        if found:
            return found
    for line in lines[1:6]:  # "Coimbatore - Email me on Indeed", "Pune | +91 ...": a known place alone
        first = re.split(r"\s[-–—|•·]\s|\s{2,}|\t|,", line.strip(), maxsplit=1)[0].strip()
        if first != line.strip() and (is_city(first) or is_region_name(first)) and first[:1].isupper():
            return first
    return None


# --- cues beyond the header's wording ------------------------------------------------------

_COUNTRY_REGIONS = {
    "india": "IN", "usa": "US", "us": "US", "u.s.": "US", "u.s.a.": "US", "united states": "US",
    "uk": "GB", "u.k.": "GB", "united kingdom": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "ireland": "IE", "canada": "CA", "germany": "DE", "france": "FR", "spain": "ES", "italy": "IT",
    "portugal": "PT", "netherlands": "NL", "belgium": "BE", "switzerland": "CH", "austria": "AT",
    "sweden": "SE", "norway": "NO", "denmark": "DK", "finland": "FI", "poland": "PL", "australia": "AU",
    "new zealand": "NZ", "singapore": "SG", "malaysia": "MY", "philippines": "PH", "vietnam": "VN",
    "viet nam": "VN", "pakistan": "PK", "bangladesh": "BD", "sri lanka": "LK", "nepal": "NP",
    "uae": "AE", "united arab emirates": "AE", "saudi arabia": "SA", "qatar": "QA", "egypt": "EG",
    "nigeria": "NG", "kenya": "KE", "ghana": "GH", "south africa": "ZA", "mexico": "MX", "brazil": "BR",
    "argentina": "AR", "chile": "CL", "colombia": "CO", "peru": "PE", "china": "CN", "japan": "JP",
    "korea": "KR", "south korea": "KR", "indonesia": "ID", "thailand": "TH", "israel": "IL", "turkey": "TR",
}


def region_code(location: str | None) -> str | None:
    """ISO 3166 region for a location Hotlist found: "Pune, Maharashtra" → "IN", "Austin, TX" → "US".

    Only the part after the city counts (a state, province or country Hotlist knows); None otherwise.
    """
    if not location or "," not in location:
        return None
    for part in reversed([p.strip().lower() for p in location.split(",")[1:]]):
        if part.upper() in US_STATES:
            return "US"
        if part.upper() in CA_PROVINCES:
            return "CA"
        if part in _INDIAN_STATES:
            return "IN"
        if part in _COUNTRY_REGIONS:
            return _COUNTRY_REGIONS[part]
        if part in _REGION_NAMES - _INDIAN_STATES:
            return "US" if part not in {"ontario", "quebec", "british columbia", "alberta", "manitoba",
                                        "nova scotia", "saskatchewan"} else "CA"
    return None


_LOOSE_WORD_RE = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]+)*\.?$")


def loose_name(line: str) -> str | None:
    """A line shaped like a name in any letter case ("tarun vk", "RAVI teja"), title-cased; else None.

    2-4 words of letters, none a heading, title or stop word, no digits, "@" or URL. Such a line is only
    taken as the name with outside evidence (see :func:`name_with_evidence`).
    """
    s = re.sub(r"\(cid:\d+\)", " ", line).strip()
    s = _GLUED_SUFFIX_RE.sub("", s).strip() or s
    s = re.sub(r"^(?:name|candidate)\s*[:\-]\s*", "", s, flags=re.IGNORECASE).strip()
    if not s or len(s) > 50 or re.search(r"[\d@/\\:|]|www\.|https?", s, re.IGNORECASE):
        return None
    words = s.split()
    if not 2 <= len(words) <= 4 or not all(_LOOSE_WORD_RE.match(w) for w in words):
        return None
    lower = [w.lower().strip(".") for w in words]
    if any(w in _NOT_NAME_WORDS or w in TITLE_WORDS for w in lower) or canonical_heading(s.title()):
        return None
    if is_region_name(s) or find_location(s.title()):
        return None
    return " ".join(
        w.lower() if w.lower() in _PARTICLES and i else
        w.upper() if len(w) <= 2 and w.isalpha() else _title_case_word(w) if (w.islower() or w.isupper()) else w
        for i, w in enumerate(words)
    )


_PARTICLES = {"de", "da", "di", "du", "del", "della", "la", "le", "van", "von", "der", "den", "bin", "al", "el", "dos"}


def hint_score(name: str, hints: list[str]) -> int:
    """How many of the name's words (3+ letters, accents folded) appear in the email addresses / profile URLs."""
    folded = [_fold(h) for h in hints]
    words = [w for w in re.findall(r"[a-z]+", _fold(name)) if len(w) >= 3]
    return sum(1 for w in words if any(w in h for h in folded))


def name_with_evidence(
    lines: list[str], hints: list[str], persons: list[list[str]] | None = None
) -> str | None:
    """The first of the top lines that is name-shaped in any case and backed by evidence.

    Evidence: a word of it in an email address or profile URL (``hints``: "indeed.com/r/tarun-vk/..."),
    or the English model tagging the whole line as a PERSON (``persons[i]`` holds the PERSON entities of
    ``lines[i]``). Only the first three non-empty lines are read.
    """
    for i, line in enumerate(lines[:3]):
        name = loose_name(line)
        if name is None:
            continue
        if hint_score(name, hints) >= 1:
            return name
        if persons and i < len(persons) and any(p.strip().lower() == line.strip().lower() for p in persons[i]):
            return name
    return None
