"""Where a batch's extraction runs: in this process, in local worker processes, or on a Dask cluster.

Every engine runs the same function, `extract_chunk`, over chunks of documents: it calls
`Extractor.extract_many` (the one extraction path) and returns plain, picklable outcomes in input order.
`ordered_results` keeps a bounded window of chunks in flight and yields their outcomes in submission order,
so memory stays flat however long the input and the output order never depends on which worker was faster.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from beihu_extract.documents import Document
from beihu_extract.errors import BeihuError
from beihu_extract.pipeline import DEFAULT_MAX_CHARS, Extractor
from beihu_extract.schema import Record

__all__ = [
    "ChunkResult",
    "Engine",
    "EngineError",
    "InlineEngine",
    "Outcome",
    "ProcessEngine",
    "extract_chunk",
    "make_engine",
    "ordered_results",
]


class EngineError(BeihuError):
    """An engine that cannot start or lost a worker; the batch can be resumed by running it again."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one document: its record as a JSON line, or its errors.jsonl entry."""

    doc_id: str
    source: str | None
    characters: int
    record_json: str | None = None
    error: dict[str, str | None] | None = None


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """The outcomes of one chunk, in input order, with the worker's pid, peak RSS (MiB), wall and CPU seconds."""

    outcomes: list[Outcome]
    pid: int
    peak_rss_mb: float
    seconds: float
    cpu_seconds: float = 0.0


def peak_rss_mb() -> float:
    """The peak resident set size of this process in MiB.

    Linux's VmHWM is the high-water mark of this program's own memory; ru_maxrss (the fallback, KiB on
    Linux, bytes on macOS) keeps the parent's peak across fork and exec, so a spawned worker of a large
    parent would report the parent's size.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def extract_chunk(extractor: Extractor, chunk: Sequence[Document]) -> ChunkResult:
    """Extract a chunk of documents through `Extractor.extract_many`; the work unit of every engine.

    A failing document becomes an error entry (type, message); the others are unaffected.
    """
    started, cpu = time.perf_counter(), time.process_time()
    outcomes: list[Outcome] = []
    for doc, result in extractor.extract_many(chunk):
        if isinstance(result, Record):
            outcomes.append(Outcome(doc.doc_id, doc.source, len(doc.text), record_json=result.model_dump_json()))
        else:
            error = {
                "doc_id": doc.doc_id,
                "source": doc.source,
                "error": type(result).__name__,
                "message": result.problem,
            }
            outcomes.append(Outcome(doc.doc_id, doc.source, len(doc.text), error=error))
    return ChunkResult(outcomes, os.getpid(), peak_rss_mb(), time.perf_counter() - started, time.process_time() - cpu)


# One short sentence per language, extracted once by `preload` to fill lazy caches (jieba's dictionary, rules).
_WARM_UP_TEXT = {"ja": "長春新区は吉林省にある。", "zh": "长春新区位于吉林省。"}


def preload(extractor: Extractor, langs: Iterable[str]) -> None:
    """Load and warm the pipelines of `langs` now rather than on the first document of that language."""
    for lang in langs:
        extractor.nlp(lang)  # type: ignore[arg-type]
        list(extractor.extract_many([Document(doc_id="warm-up", text=_WARM_UP_TEXT[lang], lang=lang)]))


class _Handle(Protocol):
    def result(self) -> ChunkResult: ...


class _Done:
    """An already computed chunk result with the interface of a future."""

    def __init__(self, value: ChunkResult) -> None:
        self._value = value

    def result(self) -> ChunkResult:
        return self._value


class Engine(ABC):
    """Runs `extract_chunk` over chunks somewhere. Use as a context manager: `start` on enter, `close` on exit.

    Attributes:
        name: ``inline``, ``local`` or ``dask``, recorded in summary.json.
        workers: how many processes extract in parallel.
        window: how many chunks may be in flight at once (bounds memory, and how far workers may run ahead).
    """

    name: str = "engine"
    workers: int = 1

    @property
    def window(self) -> int:
        # Results are written in order, so a slow chunk at the head holds back the finished ones behind it;
        # four chunks per worker keep every worker busy meanwhile, and memory stays bounded.
        return 4 * self.workers

    @abstractmethod
    def start(self) -> None:
        """Bring the workers up (pipelines are loaded lazily, or eagerly for the languages preloaded)."""

    @abstractmethod
    def warm_up(self) -> None:
        """Block until every worker has loaded its preloaded pipelines (the benchmark times after this)."""

    @abstractmethod
    def submit(self, chunk: list[Document]) -> _Handle:
        """Start extracting `chunk`; the handle's `result()` blocks until its ChunkResult is ready."""

    @abstractmethod
    def close(self) -> None:
        """Stop the workers."""

    def describe(self) -> dict[str, Any]:
        """What summary.json records about the engine."""
        return {"engine": self.name, "workers": self.workers}

    def __enter__(self) -> Engine:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class InlineEngine(Engine):
    """Extracts in this process with one Extractor (the default for `--workers 1`)."""

    name = "inline"

    def __init__(self, extractor: Extractor | None = None, *, preload_langs: Sequence[str] = ()) -> None:
        self._extractor = extractor
        self._preload = tuple(preload_langs)

    @property
    def window(self) -> int:
        return 1

    def start(self) -> None:
        if self._extractor is None:
            self._extractor = Extractor()
        preload(self._extractor, self._preload)

    def warm_up(self) -> None:
        """Nothing to wait for: `start` loaded the preloaded pipelines in this process."""

    def submit(self, chunk: list[Document]) -> _Handle:
        if self._extractor is None:
            self.start()
        assert self._extractor is not None
        return _Done(extract_chunk(self._extractor, chunk))

    def close(self) -> None:
        """Nothing to stop; the Extractor stays usable."""


# The extractor of a worker process: made once by `_init_worker`, used by every chunk it runs.
_WORKER_EXTRACTOR: Extractor | None = None
_WORKER_BARRIER: Any = None


# The thread pools of the numerical libraries under spaCy; unless the user set them, a worker uses one thread,
# so N workers use N cores instead of fighting over them (Dask's nanny does the same for its workers).
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def single_threaded_math() -> None:
    """Limit BLAS/OpenMP to one thread in this process; effective before numpy is first imported."""
    for name in _THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def _init_worker(preload_langs: tuple[str, ...], barrier: Any, max_chars: int = DEFAULT_MAX_CHARS) -> None:
    """Process-pool initializer: load the pipeline once per worker process."""
    global _WORKER_EXTRACTOR, _WORKER_BARRIER
    # Ctrl-C reaches the whole process group; the parent alone handles it and shuts the pool down
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    single_threaded_math()
    _WORKER_EXTRACTOR = Extractor(max_chars=max_chars)
    _WORKER_BARRIER = barrier
    preload(_WORKER_EXTRACTOR, preload_langs)


def _worker_chunk(chunk: list[Document]) -> ChunkResult:
    assert _WORKER_EXTRACTOR is not None, "worker not initialised"
    return extract_chunk(_WORKER_EXTRACTOR, chunk)


def _worker_ready() -> int:
    """Wait until all workers are initialised; the barrier makes each call land on a different process."""
    _WORKER_BARRIER.wait(timeout=600)
    return os.getpid()


class ProcessEngine(Engine):
    """`--workers N` on this machine: N spawned processes, each with its own Extractor loaded once."""

    name = "local"

    def __init__(self, workers: int, *, preload_langs: Sequence[str] = (), max_chars: int = DEFAULT_MAX_CHARS) -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.workers = workers
        self.max_chars = max_chars
        self._preload = tuple(preload_langs)
        self._pool: Any = None

    def start(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: the parent may hold threads (the progress bar) and loaded libraries
        ctx = multiprocessing.get_context("spawn")
        barrier = ctx.Barrier(self.workers)
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(self._preload, barrier, self.max_chars),
        )

    def warm_up(self) -> None:
        pids = {f.result() for f in [self._pool.submit(_worker_ready) for _ in range(self.workers)]}
        if len(pids) != self.workers:
            raise EngineError(f"warm-up: expected {self.workers} worker processes, got {len(pids)}")

    def submit(self, chunk: list[Document]) -> _Handle:
        return _PoolHandle(self._pool.submit(_worker_chunk, chunk))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class _PoolHandle:
    """A process-pool future whose failure (a worker that died) becomes an EngineError."""

    def __init__(self, future: Any) -> None:
        self._future = future

    def result(self) -> ChunkResult:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._future.result()
        except BrokenProcessPool as exc:
            raise EngineError(f"a worker process died ({exc}); run the batch again to resume") from exc


def make_engine(
    engine: str,
    workers: int,
    *,
    scheduler: str | None = None,
    extractor: Extractor | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Engine:
    """The engine named by `--engine` (local or dask) for `--workers` and `--scheduler`.

    The extractors it makes refuse documents longer than `max_chars` (`--max-chars`); a given `extractor`
    keeps its own limit.

    Raises:
        EngineError: an unknown engine, or dask requested but not installed.
    """
    if engine == "local":
        if scheduler is not None:
            raise EngineError("--scheduler only applies to --engine dask")
        if workers == 1:
            return InlineEngine(extractor if extractor is not None else Extractor(max_chars=max_chars))
        return ProcessEngine(workers, max_chars=max_chars)
    if engine == "dask":
        try:
            from beihu_extract.dask_engine import DaskEngine
        except ImportError as exc:
            raise EngineError(
                f"--engine dask needs the dask extra: pip install 'beihu-extract[dask]' ({exc})"
            ) from None
        return DaskEngine(workers=workers, scheduler=scheduler, max_chars=max_chars)
    raise EngineError(f"unknown engine {engine!r} (expected local or dask)")


def ordered_results(
    engine: Engine, chunks: Iterable[list[Document] | Outcome]
) -> Iterator[tuple[Outcome, ChunkResult | None]]:
    """Run `chunks` on `engine` and yield every outcome in input order.

    An item of `chunks` is either a chunk of documents to extract or a ready Outcome (an input error) that
    keeps its place in the order. At most `engine.window` chunks are in flight, so the input is read only
    as fast as the workers consume it. Each outcome comes with its chunk's result (None for ready ones).
    """
    pending: deque[_Handle | Outcome] = deque()
    in_flight = 0

    def pop() -> Iterator[tuple[Outcome, ChunkResult | None]]:
        nonlocal in_flight
        head = pending.popleft()
        if isinstance(head, Outcome):
            yield head, None
            return
        in_flight -= 1
        done = head.result()
        for outcome in done.outcomes:
            yield outcome, done

    for item in chunks:
        if isinstance(item, Outcome):
            pending.append(item)
        else:
            pending.append(engine.submit(item))
            in_flight += 1
        # hand back whatever is at the head and ready; block only when the window is full
        while pending and (isinstance(pending[0], Outcome) or in_flight >= engine.window):
            yield from pop()
    while pending:
        yield from pop()
