"""Hashed TF-IDF: words, stable columns, cosines, phrase matching."""

from __future__ import annotations

import zlib

import numpy as np
import pytest

from hotlist.pipeline.rank import similarity


def test_words_keep_plus_and_hash_and_split_dots_and_punctuation():
    assert similarity.words("Node.js, C++ & C# • Patient-Care. ﬁnance “quoted”") == [
        "node", "js", "c++", "c#", "patient", "care", "finance", "quoted"]


def test_columns_are_stable_across_runs():
    counts = similarity.stack(similarity.hash_texts(["python python sql"]))
    column = zlib.crc32(b"python") & (similarity.N_FEATURES - 1)
    assert counts[0, column] == 2.0 and counts.nnz == 2


def test_identical_texts_have_cosine_one_and_stop_words_count_for_nothing():
    texts = ["Python services on AWS", "the and of a", "Pastry chef, sourdough"]
    counts = similarity.hash_texts(texts)
    targets = similarity.hash_texts(["python services on aws"])
    idf = similarity.idf_weights(counts, targets)

    cos = similarity.cosine_to(counts, similarity.weigh(similarity.stack(targets), idf), idf)

    assert cos[:, 0] == pytest.approx([1.0, 0.0, 0.0], abs=1e-5)


def test_chunks_give_the_same_result_as_one_matrix(monkeypatch):
    texts = [f"word{i % 7} shared text {i}" for i in range(50)]
    job = similarity.hash_texts(["shared word3"])
    whole = similarity.hash_texts(texts)
    monkeypatch.setattr(similarity, "_CHUNK", 8)
    chunked = similarity.hash_texts(texts)

    assert len(chunked) == 7 and similarity.rows_of(chunked) == 50
    idf = similarity.idf_weights(whole, job)
    np.testing.assert_allclose(
        similarity.cosine_to(chunked, similarity.weigh(similarity.stack(job), idf), idf),
        similarity.cosine_to(whole, similarity.weigh(similarity.stack(job), idf), idf), rtol=1e-6)


@pytest.mark.parametrize(
    ("text", "found"),
    [("Patient care, C++.", True), ("PATIENT-CARE lead", True), ("patient_care", True),
     ("Outpatient caregiver", False), ("patient carer", False), ("patient\n• care", True)],
)
def test_phrase_pattern_matches_whole_words(text, found):
    pattern = similarity.phrase_pattern(similarity.words("patient care"))
    assert bool(pattern.search(similarity.prepare_for_search(text))) is found
