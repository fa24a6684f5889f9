"""Text similarity at scale: hashed, IDF-weighted bags of words and their cosines.

Nothing is fitted, so nothing has to be refitted each night: a word's column is
``crc32(word) mod 2**22`` (stable across runs and processes), counts become
``1 + ln(count)``, and IDF weights come from the document frequencies of the
texts being compared. English stop words get IDF 0 (their columns are zeroed
rather than filtered, which keeps tokenising to ``bytes.translate`` + ``split``).

Words are lower-cased runs of characters between spaces and punctuation, with
``+`` and ``#`` kept (c++, c#); dots split words ("Node.js" -> node js).
:func:`words` applies the same rule to requirement phrases and
:func:`phrase_pattern` builds the matching regex, so a phrase and a resume agree
on what the words are.

    >>> words("Node.js, C++ & Patient-Care.")
    ['node', 'js', 'c++', 'patient', 'care']
"""

from __future__ import annotations

import re
import string
import unicodedata
import zlib
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

__all__ = [
    "N_FEATURES",
    "bm25_to",
    "column_weights",
    "cosine_to",
    "document_frequencies",
    "hash_texts",
    "idf_weights",
    "phrase_columns",
    "phrase_pattern",
    "prepare_for_search",
    "rows_of",
    "stack",
    "token_line",
    "weigh",
    "words",
]

N_FEATURES = 1 << 22
_MASK = N_FEATURES - 1
_KEEP = "+#"
_SEPARATORS = "".join(c for c in string.punctuation if c not in _KEEP)
_ASCII_PUNCT = bytes.maketrans(_SEPARATORS.encode(), b" " * len(_SEPARATORS))
# Punctuation seen in real resumes beyond ASCII (bullets, dashes, curly quotes, ellipsis).
_UNICODE_PUNCT = {ord(c): " " for c in "•·●○▪■□◦►➢✓–—―‐‑‒“”‘’„«»…¦│┃、。，：；（）【】"}
_CHUNK = 8192


def words(text: str) -> list[str]:
    """The words of ``text`` as the similarity and phrase matching see them."""
    return [w.decode("utf-8") for w in _tokens(text)]


def token_line(text: str) -> bytes:
    """The words of ``text`` as one space-separated (and space-framed) byte string: a phrase of
    :func:`words` joined by spaces occurs in it exactly when the words follow each other."""
    return b" " + b" ".join(_tokens(text)) + b" "


def _tokens(text: str) -> list[bytes]:
    if text.isascii():
        data = text.lower().encode("ascii")
    else:
        data = prepare_for_search(text).encode("utf-8", "ignore")
    return data.translate(_ASCII_PUNCT).split()


def prepare_for_search(text: str) -> str:
    """``text`` as :func:`phrase_pattern` expects it: NFKC, case-folded, odd punctuation as spaces."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKC", text).translate(_UNICODE_PUNCT).casefold()


def phrase_pattern(phrase_words: Sequence[str]) -> re.Pattern[str]:
    """A regex finding the words in order, as whole words, in a :func:`prepare_for_search` text."""
    sep = r"(?:[\s" + re.escape(_SEPARATORS) + "".join(map(chr, _UNICODE_PUNCT)) + r"])+"
    body = sep.join(map(re.escape, phrase_words))
    return re.compile(r"(?<![^\W_]|[+#])" + body + r"(?![^\W_]|[+#])")


def _column(word: bytes) -> int:
    return zlib.crc32(word) & _MASK


def phrase_columns(phrase_words: Sequence[str]) -> list[int]:
    """The distinct columns of a phrase's words."""
    return sorted({_column(w.encode("utf-8")) for w in phrase_words})


def column_weights(zero_words: Sequence[str] = ()) -> np.ndarray:
    """A float32 weight per column: 1, or 0 for English stop words and ``zero_words``."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # here: printing a call list imports this module

    weights = np.ones(N_FEATURES, dtype=np.float32)
    weights[[_column(w.encode("utf-8")) for w in (*ENGLISH_STOP_WORDS, *zero_words)]] = 0.0
    return weights


_STOP_WEIGHTS: np.ndarray | None = None


def hash_texts(texts: Sequence[str], *, binary: bool = False) -> list[sp.csr_matrix]:
    """Word counts of each text (``binary``: 1 per word present), as CSR chunks of up to 8,192 rows each.

    Float32, ``N_FEATURES`` columns, about 8 bytes per distinct word per text. The
    chunks are never stacked into one matrix, which would briefly need twice the memory.
    """
    parts = []
    for start in range(0, len(texts), _CHUNK):
        lengths: list[int] = []
        hashes: list[np.ndarray] = []
        for text in texts[start : start + _CHUNK]:
            tokens = _tokens(text)
            hashes.append(np.fromiter(map(zlib.crc32, tokens), dtype=np.uint32, count=len(tokens)))
            lengths.append(len(tokens))
        cols = (np.concatenate(hashes) & np.uint32(_MASK)).astype(np.int32) if hashes else np.zeros(0, np.int32)
        rows = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
        part = sp.csr_matrix(
            (np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(lengths), N_FEATURES)
        )
        part.sum_duplicates()
        if binary:
            part.data[:] = 1.0
        parts.append(part)
    return parts or [sp.csr_matrix((0, N_FEATURES), dtype=np.float32)]


def rows_of(chunks: Sequence[sp.csr_matrix]) -> int:
    """How many texts the chunks hold."""
    return sum(c.shape[0] for c in chunks)


def document_frequencies(chunks: Sequence[sp.csr_matrix]) -> np.ndarray:
    """How many rows of ``chunks`` hold each column (int64, ``N_FEATURES`` long)."""
    df = np.zeros(N_FEATURES, dtype=np.int64)
    for c in chunks:
        df += np.bincount(c.indices, minlength=N_FEATURES)
    return df


def idf_weights(*chunk_lists: Sequence[sp.csr_matrix], df: np.ndarray | None = None) -> np.ndarray:
    """Smoothed IDF per column over all rows given, ``ln((1 + n) / (1 + df)) + 1``; stop words 0.

    ``df``: the :func:`document_frequencies` of the first chunk list, when already counted."""
    global _STOP_WEIGHTS
    chunks = [c for chunk_list in chunk_lists for c in chunk_list]
    n = rows_of(chunks)
    if df is None:
        df = document_frequencies(chunks)
    else:
        df = df + document_frequencies([c for chunk_list in chunk_lists[1:] for c in chunk_list])
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    if _STOP_WEIGHTS is None:
        _STOP_WEIGHTS = column_weights()
    return idf * _STOP_WEIGHTS


def weigh(counts: sp.csr_matrix, weights: np.ndarray, *, sublinear: bool = True) -> sp.csr_matrix:
    """Rows of ``(1 + ln tf) * weight`` (or ``tf * weight``), L2-normalised; empty rows stay zero."""
    data = counts.data.copy()
    if sublinear:
        np.log(data, out=data)
        data += 1.0
    data *= weights[counts.indices]
    squares = sp.csr_matrix((data * data, counts.indices, counts.indptr), shape=counts.shape)
    norms = np.sqrt(np.asarray(squares.sum(axis=1)).ravel()).astype(np.float32)
    del squares
    norms[norms == 0] = 1.0
    data /= np.repeat(norms, np.diff(counts.indptr))
    return sp.csr_matrix((data, counts.indices.copy(), counts.indptr.copy()), shape=counts.shape)


def cosine_to(chunks: Sequence[sp.csr_matrix], targets: sp.csr_matrix, weights: np.ndarray, *, sublinear: bool = True) -> np.ndarray:
    """``rows x len(targets)`` float32 cosines between the weighted rows of ``chunks`` and ``targets``.

    ``targets`` are already :func:`weigh`-ed; the chunks are weighed one at a time.
    """
    out = np.zeros((rows_of(chunks), targets.shape[0]), dtype=np.float32)
    right = targets.T.tocsc()
    start = 0
    for chunk in chunks:
        block = weigh(chunk, weights, sublinear=sublinear)
        out[start : start + block.shape[0]] = (block @ right).toarray()
        start += block.shape[0]
    np.clip(out, 0.0, 1.0, out=out)
    return out


def stack(chunks: Sequence[sp.csr_matrix]) -> sp.csr_matrix:
    """One CSR matrix from chunks (for small inputs: job texts, titles)."""
    return chunks[0] if len(chunks) == 1 else sp.vstack(chunks, format="csr")


def bm25_to(chunks: Sequence[sp.csr_matrix], queries: sp.csr_matrix, *, k1: float = 1.2, b: float = 0.75,
            df: np.ndarray | None = None) -> np.ndarray:
    """``rows x len(queries)`` float32 Okapi BM25 scores of each text for each query.

    ``chunks`` are :func:`hash_texts` counts of the pool (document frequencies and the
    average length come from it, ``df`` when already counted); ``queries`` are counts of the query texts, each word
    counted once. IDF is ``ln(1 + (n - df + 0.5) / (df + 0.5))``; English stop words score 0.
    """
    global _STOP_WEIGHTS
    if _STOP_WEIGHTS is None:
        _STOP_WEIGHTS = column_weights()
    n = rows_of(chunks)
    out = np.zeros((n, queries.shape[0]), dtype=np.float32)
    if n == 0 or queries.shape[0] == 0:
        return out
    if df is None:
        df = document_frequencies(chunks)
    total = sum(float(c.data.sum()) for c in chunks)
    avg = max(total / n, 1.0)
    idf = (np.log1p((n - df + 0.5) / (df + 0.5)) * _STOP_WEIGHTS).astype(np.float32)
    q = sp.csr_matrix((idf[queries.indices], queries.indices, queries.indptr), shape=queries.shape)
    right = q.T.tocsc()
    start = 0
    for chunk in chunks:
        lengths = np.asarray(chunk.sum(axis=1)).ravel().astype(np.float32)
        norm = np.repeat(k1 * (1 - b + b * lengths / np.float32(avg)), np.diff(chunk.indptr))
        data = chunk.data * np.float32(k1 + 1) / (chunk.data + norm)
        block = sp.csr_matrix((data.astype(np.float32), chunk.indices, chunk.indptr), shape=chunk.shape)
        out[start : start + block.shape[0]] = (block @ right).toarray()
        start += block.shape[0]
    return out
