"""Parsing ahead of storing: ParseStream over the isolated worker pool (hotlist.flows.isolation)."""

from __future__ import annotations

import pytest

from hotlist.flows.isolation import ParseStream, _pool, parse_isolated
from tests.conftest import SAMPLES

LIMITS = {"default_region": "US", "max_bytes": None, "timeout": 60.0, "memory_mb": 1024, "workers": 2}


def _pdfs(n: int) -> list[str]:
    files = sorted(str(p) for p in SAMPLES.glob("*.pdf"))[:n]
    assert len(files) == n
    return files


def test_batches_come_out_in_order_while_the_rest_is_parsed():
    paths = _pdfs(7)
    stream = ParseStream(parse_isolated(paths, **LIMITS), background=True)
    try:
        batches = [list(stream.take(3)) for _ in range(4)]
    finally:
        stream.close()
    assert [len(b) for b in batches] == [3, 3, 1, 0], "the last batch is short, then the stream is empty"
    outcomes = [o for b in batches for o in b]
    assert [o.path for o in outcomes] == paths
    assert all(o.status != "quarantined" and o.resume is not None and o.resume.emails for o in outcomes)


def test_a_stream_abandoned_part_way_gives_every_worker_back():
    paths = _pdfs(8)
    stream = ParseStream(parse_isolated(paths, **LIMITS), background=True)
    assert len(list(stream.take(2))) == 2
    stream.close()
    pool = _pool(LIMITS["workers"], LIMITS["memory_mb"])
    assert pool.idle.qsize() == LIMITS["workers"], "no worker slot is lost"
    again = list(parse_isolated(paths[:2], **LIMITS))
    assert [o.path for o in again] == paths[:2]


def test_an_error_in_the_parser_reaches_the_consumer():
    def broken():
        yield from parse_isolated(_pdfs(1), **LIMITS)
        raise RuntimeError("parser broke")

    stream = ParseStream(broken(), background=True)
    assert len(list(stream.take(1))) == 1
    with pytest.raises(RuntimeError, match="parser broke"):
        list(stream.take(1))
    stream.close()


def test_without_background_outcomes_are_produced_on_demand():
    produced = []

    def source():
        for i in range(5):
            produced.append(i)
            yield i

    stream = ParseStream(source(), background=False)
    assert list(stream.take(2)) == [0, 1]
    assert produced == [0, 1], "nothing is parsed ahead without a background feeder"
    assert list(stream.take(10)) == [2, 3, 4]
