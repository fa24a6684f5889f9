"""The token index behind the skill matcher, and a file cache for it.

Building the matcher means tokenizing every taxonomy name and alias (about 45,000
forms): a second or more of one core, paid by every process that loads the skills
pipeline (each CLI command, each parse worker pool). The result depends only on the
forms and on spaCy's English tokenizer, so it is saved once as a ``.npz`` file
(numeric arrays, no pickle) named by a digest of both, and read back in a few tens
of milliseconds. A missing, stale or unreadable cache file is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import IDX, IS_SPACE, LOWER, ORTH
from spacy.tokenizer import Tokenizer

# Bump when the layout of the arrays or the tokenization below changes.
_FORMAT = "skill-index-v2"  # v2: the skill tokenizer splits glued commas and brackets

Form = tuple[str, str, bool]  # (skill id, surface form, exact case)
Index = dict[tuple[int, ...], str]  # token ids (LOWER or ORTH hashes) -> skill id


def tokenize_forms(tokenizer: Tokenizer, forms: Sequence[Form]) -> tuple[Index, Index]:
    """(LOWER index, ORTH index) of ``forms``; the first skill listed for a token sequence wins.

    Every form is tokenized in one pass (the forms joined by line breaks: the
    tokenizer treats each whitespace-separated chunk on its own, so the tokens are
    the same as tokenizing each form alone).
    """
    lower_ids: Index = {}
    orth_ids: Index = {}
    if not forms:
        return lower_ids, orth_ids
    starts = np.cumsum([0] + [len(f) + 1 for _, f, _ in forms[:-1]])
    doc = tokenizer("\n".join(f for _, f, _ in forms))
    table = doc.to_array([IDX, LOWER, ORTH, IS_SPACE])
    table = table[table[:, 3] == 0]
    owner = np.searchsorted(starts, table[:, 0].astype(np.int64), side="right") - 1
    cuts = np.flatnonzero(np.diff(owner)) + 1
    groups = zip(np.split(table, cuts), owner[np.r_[0, cuts]]) if len(table) else ()
    for rows, form_index in groups:
        skill_id, _, exact = forms[form_index]
        key = tuple(int(v) for v in rows[:, 2 if exact else 1])
        (orth_ids if exact else lower_ids).setdefault(key, skill_id)
    return lower_ids, orth_ids


def cached_index(tokenizer: Tokenizer, forms: Sequence[Form], cache_dir: Path | None) -> tuple[Index, Index]:
    """``tokenize_forms``, read from ``cache_dir`` when an index of the same forms was saved there."""
    if cache_dir is None:
        return tokenize_forms(tokenizer, forms)
    path = Path(cache_dir) / f"{_digest(forms)}.npz"
    try:
        return _read(path)
    except (OSError, ValueError, KeyError):
        pass  # absent, or unreadable: rebuild it
    index = tokenize_forms(tokenizer, forms)
    try:
        _write(path, index)
    except OSError:
        pass  # a read-only cache folder only costs the rebuild next time
    return index


def _digest(forms: Sequence[Form]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{_FORMAT}\0{spacy.__version__}\0".encode())
    for skill_id, form, exact in forms:
        digest.update(f"{skill_id}\0{form}\0{int(exact)}\n".encode("utf-8", "surrogatepass"))
    return f"skills-{digest.hexdigest()}"


def _write(path: Path, index: tuple[Index, Index]) -> None:
    arrays = {}
    for name, table in zip(("lower", "orth"), index, strict=True):
        keys = list(table)
        ids = sorted(set(table.values()))
        position = {skill_id: i for i, skill_id in enumerate(ids)}
        arrays[f"{name}_tokens"] = np.fromiter((t for key in keys for t in key), dtype=np.uint64)
        arrays[f"{name}_lengths"] = np.fromiter((len(key) for key in keys), dtype=np.int32, count=len(keys))
        arrays[f"{name}_owner"] = np.fromiter((position[table[key]] for key in keys), dtype=np.int32, count=len(keys))
        arrays[f"{name}_ids"] = np.array(ids, dtype=np.str_)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            np.savez(out, **arrays)
        os.replace(temporary, path)  # atomic: a concurrent reader sees the old file or the whole new one
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read(path: Path) -> tuple[Index, Index]:
    with np.load(path, allow_pickle=False) as data:
        return tuple(_table(data, name) for name in ("lower", "orth"))  # type: ignore[return-value]


def _table(data, name: str) -> Index:
    tokens = data[f"{name}_tokens"].tolist()
    lengths = data[f"{name}_lengths"].tolist()
    owners = data[f"{name}_owner"].tolist()
    ids = data[f"{name}_ids"].tolist()
    if sum(lengths) != len(tokens) or len(owners) != len(lengths):
        raise ValueError(f"inconsistent skill index cache {name}")
    table: Index = {}
    at = 0
    for length, owner in zip(lengths, owners, strict=True):
        table[tuple(tokens[at : at + length])] = ids[owner]
        at += length
    return table
