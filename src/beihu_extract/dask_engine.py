"""`--engine dask`: the batch's chunks run on a Dask distributed cluster (needs `beihu-extract[dask]`).

Each worker process gets an `ExtractorPlugin`, which makes one Extractor when the worker starts (or when the
plugin is registered) and keeps it for the worker's lifetime; every chunk then runs `extract_chunk` on it,
the same function the local engines run, so the records are the same.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from beihu_extract.documents import Document
from beihu_extract.engines import ChunkResult, Engine, EngineError, extract_chunk, preload
from beihu_extract.pipeline import DEFAULT_MAX_CHARS, Extractor

__all__ = ["PLUGIN_NAME", "DaskEngine", "ExtractorPlugin"]

PLUGIN_NAME = "beihu-extractor"


class ExtractorPlugin(WorkerPlugin):
    """Loads the extraction pipeline once per Dask worker process and serialises its use.

    A worker started with several threads runs tasks concurrently; spaCy pipelines are not meant to be
    shared across threads, so chunks on one worker take turns (start workers with ``--nthreads 1`` and
    more processes to use more cores).
    """

    name = PLUGIN_NAME
    idempotent = True  # registering again (a second batch on the same cluster) keeps the loaded pipeline

    def __init__(self, preload_langs: Sequence[str] = (), max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.preload_langs = tuple(preload_langs)
        self.max_chars = max_chars
        self.extractor: Extractor | None = None
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"preload_langs": self.preload_langs, "max_chars": self.max_chars}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["preload_langs"], state.get("max_chars", DEFAULT_MAX_CHARS))  # type: ignore[misc]

    def setup(self, worker: Any) -> None:
        """Called once on each worker: make the Extractor and load the preloaded languages."""
        self.extractor = Extractor(max_chars=self.max_chars)
        preload(self.extractor, self.preload_langs)

    def teardown(self, worker: Any) -> None:
        self.extractor = None


def _plugin() -> ExtractorPlugin:
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, ExtractorPlugin) or plugin.extractor is None:
        raise RuntimeError(f"worker has no {PLUGIN_NAME} plugin")
    return plugin


def run_chunk_on_worker(chunk: list[Document]) -> ChunkResult:
    """The Dask task: extract one chunk with the worker's Extractor."""
    plugin = _plugin()
    with plugin.lock:
        return extract_chunk(plugin.extractor, chunk)  # type: ignore[arg-type]


def _ready() -> bool:
    return _plugin().extractor is not None


class _DaskHandle:
    """A Dask future whose loss of a worker becomes an EngineError."""

    def __init__(self, future: Any) -> None:
        self._future = future

    def result(self) -> ChunkResult:
        from distributed import KilledWorker

        try:
            return self._future.result()
        except KilledWorker as exc:
            raise EngineError(f"a dask worker died ({exc}); run the batch again to resume") from exc
        finally:
            self._future.release()


class DaskEngine(Engine):
    """Chunks as Dask tasks, either on the cluster at `scheduler` or on a local cluster of `workers` processes.

    The local cluster listens on loopback only and has one thread per worker process.
    """

    name = "dask"

    def __init__(
        self,
        *,
        workers: int = 1,
        scheduler: str | None = None,
        preload_langs: Sequence[str] = (),
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.workers = workers
        self.max_chars = max_chars
        self.scheduler = scheduler
        self._preload = tuple(preload_langs)
        self._cluster: LocalCluster | None = None
        self._client: Client | None = None

    def start(self) -> None:
        try:
            if self.scheduler is None:
                self._cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    silence_logs=logging.WARNING,
                )
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.scheduler, timeout="30s")
            self._client.wait_for_workers(1, timeout=120)
            self._client.register_plugin(ExtractorPlugin(self._preload, self.max_chars), name=PLUGIN_NAME)
        except (OSError, TimeoutError) as exc:
            self.close()
            where = self.scheduler or "a local cluster"
            raise EngineError(f"cannot start the dask engine on {where}: {exc}") from exc
        self.workers = len(self._client.nthreads()) or self.workers

    def warm_up(self) -> None:
        assert self._client is not None
        if not all(self._client.run(_ready).values()):
            raise EngineError("a dask worker has not loaded the pipeline")

    def submit(self, chunk: list[Document]) -> _DaskHandle:
        assert self._client is not None
        return _DaskHandle(self._client.submit(run_chunk_on_worker, chunk, pure=False))

    def describe(self) -> dict[str, Any]:
        return {"engine": self.name, "workers": self.workers, "scheduler": self.scheduler or "local cluster"}

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
