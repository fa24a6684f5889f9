"""Hot-job definitions: the ``HotJob`` model and loading it from YAML.

A recruiter writes hot jobs as YAML: one file holding one job (a mapping) or a
list of jobs, or a folder of ``*.yaml`` / ``*.yml`` files. Every problem is
reported as :class:`pipeline.errors.InvalidJob` with a message naming the file,
the job (by id, or ``#n`` for its 1-based position in the file), the field and
the problem, for example::

    sample_jobs/x.yaml: job 'backend-python': min_years: Input should be a valid number
    sample_jobs/x.yaml: line 4, column 12: invalid YAML: mapping values are not allowed here
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from hotlist.pipeline.errors import InvalidJob

__all__ = ["HotJob", "Target", "job_from_fields", "load_jobs"]

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _check_slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError("must be a slug: lowercase letters, digits and single hyphens, e.g. 'backend-python'")
    return value


Slug = Annotated[str, StringConstraints(max_length=120), AfterValidator(_check_slug)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Limits no real hot job comes near; past them ranking would cost minutes and gigabytes.
MAX_SKILLS = 60
MAX_DESCRIPTION_CHARS = 20_000
SkillName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class Target(BaseModel):
    """A person the client asked for by name: ``{name, company, contact?}`` under a job's ``targets:``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    company: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    contact: Annotated[str, StringConstraints(strip_whitespace=True, max_length=320)] | None = None


MAX_TARGETS = 200


class HotJob(BaseModel):
    """A job a client needs filled, as a recruiter writes it in YAML."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    title: NonEmpty
    location: NonEmpty | None = None
    min_years: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    must_have: list[SkillName] = Field(default_factory=list, max_length=MAX_SKILLS)
    nice_to_have: list[SkillName] = Field(default_factory=list, max_length=MAX_SKILLS)
    description: str = Field("", max_length=MAX_DESCRIPTION_CHARS)
    client: NonEmpty | None = None
    urgency: int = Field(default=3, ge=1, le=5)
    remote: bool = False
    openings: int = Field(default=1, ge=1)
    status: Literal["open", "closed"] = "open"
    targets: list[Target] = Field(default_factory=list, max_length=MAX_TARGETS)

    @field_validator("must_have", "nice_to_have")
    @classmethod
    def _no_duplicates(cls, skills: list[str]) -> list[str]:
        seen: set[str] = set()
        for skill in skills:
            key = skill.casefold()
            if key in seen:
                raise ValueError(f"{skill!r} is listed twice")
            seen.add(key)
        return skills

    @model_validator(mode="after")
    def _must_and_nice_disjoint(self) -> HotJob:
        must = {s.casefold() for s in self.must_have}
        both = [s for s in self.nice_to_have if s.casefold() in must]
        if both:
            raise ValueError(f"nice_to_have: {both[0]!r} is already a must-have")
        return self


def load_jobs(path: Path) -> list[HotJob]:
    """Load hot jobs from a YAML file (one job or a list) or a folder of ``*.yaml``/``*.yml`` files.

    Files in a folder are read in name order; names starting with ``.`` (editor
    backups) are skipped. Closed jobs are returned too: filter on ``status``.
    Raises :class:`InvalidJob` on any problem, including an id defined twice.
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file() and not p.name.startswith(".")
        )
        if not files:
            raise InvalidJob(f"{path}: no *.yaml or *.yml job files in this folder")
    elif path.is_file():
        files = [path]
    else:
        raise InvalidJob(f"{path}: no such file or folder")

    jobs: list[HotJob] = []
    first_file: dict[str, Path] = {}
    for file in files:
        for job in _load_file(file):
            if job.id in first_file:
                raise InvalidJob(f"{file}: job {job.id!r}: duplicate id, first defined in {first_file[job.id]}")
            first_file[job.id] = file
            jobs.append(job)
    return jobs


def _load_file(file: Path) -> Iterator[HotJob]:
    """Yield each job defined in one YAML file, in file order."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise InvalidJob(f"{file}: cannot be read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")  # a BOM from Windows editors is fine
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidJob(f"{file}: line {line}: not UTF-8 text; save the file as UTF-8") from None
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise InvalidJob(f"{file}: {where}invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise InvalidJob(f"{file}: invalid YAML: {exc}") from None
    except RecursionError:
        raise InvalidJob(f"{file}: invalid YAML: nested too deeply (a hot job is a flat list of fields); "
                         "check for unbalanced brackets") from None

    if isinstance(data, dict):
        items: list[Any] = [data]
    elif isinstance(data, list):
        items = data
    else:
        found = "an empty file" if data is None else f"a {type(data).__name__}"
        raise InvalidJob(f"{file}: expected a job (a mapping) or a list of jobs, found {found}")
    if not items:
        raise InvalidJob(f"{file}: the list of jobs is empty")

    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise InvalidJob(f"{file}: job #{index}: expected a mapping of fields, found {type(item).__name__}")
        label = f"job {item['id']!r}" if isinstance(item.get("id"), str) and item["id"] else f"job #{index}"
        try:
            job = HotJob.model_validate(item)
        except ValidationError as exc:
            raise InvalidJob(f"{file}: {label}: {_describe(exc)}") from None
        yield job


def job_from_fields(data: dict[str, Any]) -> HotJob:
    """A job from already-split fields (a form); raises :class:`InvalidJob` naming each bad field."""
    try:
        return HotJob.model_validate(data)
    except ValidationError as exc:
        raise InvalidJob(_describe(exc)) from None


def _describe(exc: ValidationError) -> str:
    """``field: problem`` for each pydantic error, joined with ``; `` (list items counted from 1)."""
    parts = []
    for err in exc.errors(include_url=False):
        field = " ".join(f"item {p + 1}" if isinstance(p, int) else str(p) for p in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        # A model-level check already names its field in the message.
        parts.append(f"{field}: {msg}" if field else msg)
    return "; ".join(parts)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects a key repeated in one mapping (PyYAML silently keeps the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key: let the base class report it
                break
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)
