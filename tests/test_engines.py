"""Engines: outcomes come back in input order with a bounded window in flight, whatever order chunks finish."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from beihu_extract.documents import Document
from beihu_extract.engines import ChunkResult, Engine, EngineError, InlineEngine, Outcome, make_engine, ordered_results
from beihu_extract.errors import DocumentError


def _slow_first(chunk: list) -> ChunkResult:
    """Earlier documents take longer, so chunks finish in reverse order of submission."""
    doc_id, text = chunk[0].doc_id, chunk[0].text
    time.sleep(0.01 * (10 - int(doc_id[1:]) % 10))
    return ChunkResult([Outcome(doc_id, None, len(text), record_json="{}")], pid=1, peak_rss_mb=1.0, seconds=0.0)


class ThreadEngine(Engine):
    """Threads instead of processes; records how many chunks were ever in flight at once."""

    name = "test"
    workers = 3

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(self.workers)
        self.submitted = 0
        self.collected = 0
        self.max_in_flight = 0

    def start(self) -> None: ...

    def warm_up(self) -> None: ...

    def close(self) -> None:
        self.pool.shutdown()

    def submit(self, chunk: list) -> _Counted:
        self.submitted += 1
        self.max_in_flight = max(self.max_in_flight, self.submitted - self.collected)
        return _Counted(self, self.pool.submit(_slow_first, chunk))


class _Counted:
    def __init__(self, engine: ThreadEngine, future) -> None:
        self.engine, self.future = engine, future

    def result(self) -> ChunkResult:
        self.engine.collected += 1
        return self.future.result()


BAD = {"doc_id": "bad", "source": "bad.txt", "error": "InputError", "message": "x"}


def _chunks(n: int):
    for i in range(n):
        if i == 3:
            yield Outcome("bad", "bad.txt", 0, error=BAD)
        yield [Document(f"d{i}", "本文")]


def test_outcomes_in_input_order_with_a_bounded_window():
    with ThreadEngine() as engine:
        got = [outcome.doc_id for outcome, _ in ordered_results(engine, _chunks(10))]
    assert got == ["d0", "d1", "d2", "bad", *[f"d{i}" for i in range(3, 10)]]
    assert engine.max_in_flight <= engine.window


def test_input_is_read_lazily():
    with ThreadEngine() as engine:
        results = ordered_results(engine, _chunks(100))
        next(results)
        assert engine.submitted <= engine.window
        results.close()


def test_inline_engine_runs_the_extractor_it_was_given():
    class Fake:
        def extract_many(self, docs):
            for doc in docs:
                yield doc, DocumentError(doc.doc_id, "nope")

    with InlineEngine(Fake()) as engine:  # type: ignore[arg-type]
        ((outcome, chunk),) = list(ordered_results(engine, [[Document("a", "本文", source="a.txt")]]))
    assert outcome.error == {"doc_id": "a", "source": "a.txt", "error": "DocumentError", "message": "nope"}
    assert chunk is not None and chunk.peak_rss_mb > 0


@pytest.mark.parametrize(
    ("engine", "scheduler", "message"),
    [
        pytest.param("spark", None, "unknown engine", id="unknown"),
        pytest.param("local", "tcp://127.0.0.1:8786", "--scheduler only applies", id="scheduler-without-dask"),
    ],
)
def test_make_engine_rejects(engine, scheduler, message):
    with pytest.raises(EngineError, match=message):
        make_engine(engine, 1, scheduler=scheduler)


def test_make_engine_gives_every_engine_the_length_limit():
    inline = make_engine("local", 1, max_chars=7)
    assert isinstance(inline, InlineEngine)
    (outcome,) = inline.submit([Document("long", "長春新区は吉林省にある。", "ja")]).result().outcomes
    assert outcome.error is not None and outcome.error["error"] == "DocumentTooLongError"
    assert make_engine("local", 2, max_chars=7).max_chars == 7  # type: ignore[attr-defined]
    pytest.importorskip("distributed")
    dask_engine = make_engine("dask", 1, max_chars=7)
    assert dask_engine.max_chars == 7  # type: ignore[attr-defined]


def test_dask_worker_plugin_carries_the_length_limit_to_the_workers():
    import pickle

    pytest.importorskip("distributed")
    from beihu_extract.dask_engine import ExtractorPlugin

    plugin = pickle.loads(pickle.dumps(ExtractorPlugin(("ja",), max_chars=7)))
    assert (plugin.preload_langs, plugin.max_chars, plugin.extractor) == (("ja",), 7, None)
