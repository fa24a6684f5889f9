"""The skill matcher's token index and its file cache (pipeline.skill_index)."""

from __future__ import annotations

import spacy

from hotlist.pipeline.skills.index import cached_index, tokenize_forms

FORMS = [
    ("python", "Python", False),
    ("go-lang", "Go", True),
    ("kubernetes", "k8s", False),
    ("kubernetes", "Kubernetes", False),
    ("ci-cd", "CI/CD pipelines", False),
    ("c-sharp", "C#", True),
]


def _tokenizer():
    return spacy.blank("en").tokenizer


def test_cache_round_trip_gives_the_same_index(tmp_path):
    tokenizer = _tokenizer()
    built = tokenize_forms(tokenizer, FORMS)
    first = cached_index(tokenizer, FORMS, tmp_path)
    files = list(tmp_path.glob("*.npz"))
    assert len(files) == 1, "the index was saved once"
    second = cached_index(tokenizer, FORMS, tmp_path)
    assert first == built == second
    lower, orth = second
    assert set(lower.values()) == {"python", "kubernetes", "ci-cd"}
    assert set(orth.values()) == {"go-lang", "c-sharp"}


def test_other_forms_get_their_own_cache_file(tmp_path):
    tokenizer = _tokenizer()
    cached_index(tokenizer, FORMS, tmp_path)
    changed = [*FORMS, ("rust", "Rust", False)]
    lower, _ = cached_index(tokenizer, changed, tmp_path)
    assert "rust" in lower.values(), "a stale cache is never read for a changed taxonomy"
    assert len(list(tmp_path.glob("*.npz"))) == 2


def test_a_damaged_cache_file_is_rebuilt(tmp_path):
    tokenizer = _tokenizer()
    cached_index(tokenizer, FORMS, tmp_path)
    (path,) = tmp_path.glob("*.npz")
    path.write_bytes(b"not a numpy archive")
    assert cached_index(tokenizer, FORMS, tmp_path) == tokenize_forms(tokenizer, FORMS)
    assert path.read_bytes().startswith(b"PK"), "the rebuilt index replaced the damaged file"


def test_an_unwritable_cache_folder_only_costs_the_rebuild(tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    tokenizer = _tokenizer()
    assert cached_index(tokenizer, FORMS, blocker / "cache") == tokenize_forms(tokenizer, FORMS)


def test_the_skills_pipeline_finds_the_same_skills_with_and_without_the_cache(tmp_path):
    from hotlist.flows.resources import taxonomy
    from hotlist.pipeline.skills.matcher import build_skill_nlp, extract_skills

    text = ("Built CI/CD pipelines in Go and Python on k8s; reporting in MS Excel and Power BI; "
            "PostgreSQL, Kafka, React, C# and .NET; excel at stakeholder management.")
    plain = build_skill_nlp(taxonomy())
    build_skill_nlp(taxonomy(), cache_dir=tmp_path)  # writes the cache
    cached = build_skill_nlp(taxonomy(), cache_dir=tmp_path)  # reads it
    found = [(m.id, m.start, m.end) for m in extract_skills(cached, text)]
    assert found == [(m.id, m.start, m.end) for m in extract_skills(plain, text)]
    assert {"python", "kubernetes", "postgresql"} <= {skill_id for skill_id, _, _ in found}
