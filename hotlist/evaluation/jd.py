"""``hotlist eval jd``: job drafts (``jobs add --from-text``) against hand-written requirement cards.

``--cards FILE`` is JSON lines, one card per posting (``file``, ``title``, ``client``,
``remote``, ``min_years``, ``must_have``, ``nice_to_have``), as in
``../shared/eval/labelled/jd-cards/``; ``--postings DIR`` holds the postings. Each posting
is read and drafted exactly as ``hotlist jobs add --from-text`` does. Must-haves are
compared after both sides resolve to taxonomy skill ids (card items that resolve to no
skill, such as "University student 7th-9th cycle", are counted and left out).

Figures: must-have precision and recall (micro, over all postings), nice-to-have recall
(card nice-to-haves found anywhere in the draft), ``min_years`` exact (the years the text
states: a card's null is "not stated", matched by a draft that states none), ``remote``
right (a card's null is not remote), client named (when the card names one).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import click

__all__ = ["JdRow", "evaluate_cards", "summarise"]


@dataclass
class JdRow:
    """One posting: what the card says and what the draft says."""

    file: str
    language: str
    card_must: list[str]
    draft_must: list[str]
    card_nice: list[str]
    draft_all: list[str]
    unresolved: int
    card_years: float | None
    draft_years: float | None
    card_remote: bool
    draft_remote: bool
    card_client: str | None
    draft_client: str | None
    parity: str = ""
    """"even" / "odd": the last byte of sha1(posting file), to report a half apart from the other."""
    notes: list[str] = field(default_factory=list)


def _ids(labels: list[str], resolve: Callable[[str], str | None]) -> tuple[list[str], int]:
    ids, missing = [], 0
    for label in labels:
        rid = resolve(label)
        if rid is None:
            missing += 1
        elif rid not in ids:
            ids.append(rid)
    return ids, missing


def evaluate_cards(cards_file: Path, postings: Path) -> list[JdRow]:
    """Draft every posting named by a card and line the two up."""
    from hotlist.pipeline.read.documents import read_document
    from hotlist.pipeline.jobs.draft import draft_job
    from hotlist.flows.resources import skill_nlp, taxonomy

    tax = taxonomy()
    nlp = skill_nlp()

    def resolve(label: str) -> str | None:
        skill = tax.resolve(label)
        return skill.id if skill else None

    rows = []
    for line in cards_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        card = json.loads(line)
        path = postings / card["file"]
        document = read_document(path, max_bytes=50_000_000)
        draft = draft_job(document.text, skill_nlp=nlp, name_hint=path.stem)
        card_must, unresolved = _ids(card.get("must_have") or [], resolve)
        card_nice, _ = _ids(card.get("nice_to_have") or [], resolve)
        draft_must, _ = _ids(list(draft.job.must_have), resolve)
        draft_all, _ = _ids([*draft.job.must_have, *draft.job.nice_to_have], resolve)
        years = card.get("min_years")
        rows.append(JdRow(
            file=card["file"], language=card.get("language", ""), card_must=card_must, draft_must=draft_must,
            card_nice=card_nice, draft_all=draft_all, unresolved=unresolved,
            card_years=None if years is None else float(years), draft_years=draft.min_years_stated,
            card_remote=bool(card.get("remote")), draft_remote=draft.job.remote,
            card_client=card.get("client"), draft_client=draft.job.client, notes=list(draft.notes),
            parity="even" if hashlib.sha1(path.read_bytes()).digest()[-1] % 2 == 0 else "odd",
        ))
    return rows


def _client_match(card: str | None, draft: str | None) -> bool:
    if not card or not draft:
        return False
    a, b = card.casefold(), draft.casefold()
    return a in b or b in a or a.split()[0] == b.split()[0]


def summarise(rows: list[JdRow]) -> dict:
    """Micro precision/recall of must-haves, nice recall, years exact, remote right, client named."""
    hit = sum(len(set(r.card_must) & set(r.draft_must)) for r in rows)
    drafted = sum(len(r.draft_must) for r in rows)
    wanted = sum(len(r.card_must) for r in rows)
    nice_hit = sum(len(set(r.card_nice) & set(r.draft_all)) for r in rows)
    nice_wanted = sum(len(r.card_nice) for r in rows)
    named = [r for r in rows if r.card_client]
    return {
        "postings": len(rows),
        "must_precision": hit / drafted if drafted else float("nan"),
        "must_recall": hit / wanted if wanted else float("nan"),
        "must_drafted": drafted, "must_in_cards": wanted,
        "card_items_without_skill_id": sum(r.unresolved for r in rows),
        "nice_recall_anywhere": nice_hit / nice_wanted if nice_wanted else float("nan"),
        "min_years_exact": sum(r.card_years == r.draft_years for r in rows) / len(rows),
        "remote_right": sum(r.card_remote == r.draft_remote for r in rows) / len(rows),
        "client_named": sum(_client_match(r.card_client, r.draft_client) for r in named) / len(named) if named else None,
    }


@click.command(name="jd")
@click.option("--cards", required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Requirement cards, JSON lines (e.g. ../shared/eval/labelled/jd-cards/srbhr_Resume-Matcher.jsonl).")
@click.option("--postings", required=True, type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Folder holding the postings the cards name (e.g. ../shared/eval/jobs/srbhr_Resume-Matcher).")
@click.option("--json", "as_json", is_flag=True, help="Print every posting's comparison as JSON lines, then the summary.")
def command(cards: Path, postings: Path, as_json: bool) -> None:
    """Draft each posting as `jobs add --from-text` does and compare it with its card."""
    rows = evaluate_cards(cards, postings)
    summary = summarise(rows)
    for half in ("even", "odd"):
        part = [r for r in rows if r.parity == half]
        if part:
            summary[half] = summarise(part)
    if as_json:
        for row in rows:
            click.echo(json.dumps(asdict(row), ensure_ascii=False))
        click.echo(json.dumps(summary))
        return
    click.echo(f"{'posting':<44} {'lang':<4} {'must P':>6} {'must R':>6} {'years c/d':>10} {'remote c/d':>10} client")
    for r in rows:
        hit = len(set(r.card_must) & set(r.draft_must))
        p = f"{hit}/{len(r.draft_must)}"
        rr = f"{hit}/{len(r.card_must)}"
        years = f"{'-' if r.card_years is None else f'{r.card_years:g}'}/{'-' if r.draft_years is None else f'{r.draft_years:g}'}"
        remote = f"{'y' if r.card_remote else 'n'}/{'y' if r.draft_remote else 'n'}"
        click.echo(f"{r.file[:44]:<44} {r.language:<4} {p:>6} {rr:>6} {years:>10} {remote:>10} {r.draft_client or '-'}")
    for key, value in summary.items():
        if isinstance(value, dict):
            click.echo(f"{key} half: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in value.items()))
        else:
            click.echo(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
