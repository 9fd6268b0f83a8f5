"""The Ray engine for ``stackfit screen --engine ray [--address ...]``.

Ray tasks parse, extract, profile and assess batches of files (the same ``services._screen_one``
the local engine runs); the driver gets the outcomes back in input order and stores them exactly
as the local engine does, so both engines produce the same workspace and reports.

* ``address=None`` starts a local Ray cluster with ``workers`` CPUs for the run and stops it after;
  an address (``ray://host:10001`` or ``host:6379``) joins an existing cluster, whose nodes need
  the same stackfit version installed (and the taxonomy it ships).
* At most two batches per CPU of the cluster are in flight, so memory stays flat in the size of the pool.
* A batch whose worker dies (a parser crash, the OOM killer) is retried file by file, so only the
  file that kills a worker fails, as with the local engine.
* Embedding hook: when the embedding stage lands, it runs per batch in ``_screen_batch`` (or as an
  actor pool holding the model) and its vectors go to ``Workspace.put_vectors`` in the driver.

Ray sends no usage statistics (``RAY_USAGE_STATS_ENABLED=0``): nothing leaves the machine.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from typing import Any

from stackfit.errors import EngineError
from stackfit.models import Failure

InitArgs = tuple[str, str, bool, bool]  # role JSON, as-of date, blind, include hidden text


def _screen_batch(init: InitArgs, jobs: list[Any]) -> list[Any]:
    from stackfit import services

    services._init_worker(*init)
    return [services._screen_one(j) for j in jobs]


class RayEngine:
    def __init__(self, address: str | None, workers: int, batch: int = 16) -> None:
        self.address, self.workers, self.batch = address, max(1, workers), max(1, batch)

    def _start(self) -> tuple[Any, bool]:
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        try:
            import ray
        except ImportError as exc:
            raise EngineError("the ray engine needs Ray installed", hint="pip install 'stackfit[ray]', or use --engine local") from exc
        if ray.is_initialized():
            return ray, False
        try:
            if self.address:
                ray.init(address=self.address, log_to_driver=False, configure_logging=False)
            else:
                ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False, configure_logging=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = f"the Ray cluster at {self.address}" if self.address else "a local Ray cluster"
            raise EngineError(f"cannot start or reach {where}: {exc}".splitlines()[0],
                              hint="check --address (ray://HOST:10001 or HOST:6379), or leave it out for a local cluster") from exc
        return ray, True

    def map(self, jobs: Iterator[Any], init: InitArgs) -> Iterator[Any]:
        """Outcomes (``Screened`` or ``Failure``) of ``jobs``, in input order."""
        ray, started = self._start()
        try:
            task = ray.remote(_screen_batch).options(max_retries=1)
            single = ray.remote(_screen_batch).options(max_retries=0)
            init_ref = ray.put(init)
            cpus = int(ray.cluster_resources().get("CPU", self.workers)) if self.address else self.workers
            window = 2 * max(1, cpus)  # batches in flight: enough to keep every CPU of the cluster busy
            pending: deque[tuple[list[Any], Any]] = deque()

            def drain_head() -> Iterator[Any]:
                chunk, ref = pending.popleft()
                try:
                    yield from ray.get(ref)
                except ray.exceptions.RayError:
                    for job in chunk:  # isolate the file that kills a worker
                        try:
                            yield from ray.get(single.remote(init_ref, [job]))
                        except ray.exceptions.RayError:
                            yield Failure(file=job[0], code="worker_crashed", message="the parser process crashed on this file",
                                          hint="the file is probably malformed; open and re-save it, or export it as PDF/DOCX again")

            chunk: list[Any] = []
            for job in jobs:
                chunk.append(job)
                if len(chunk) >= self.batch:
                    pending.append((chunk, task.remote(init_ref, chunk)))
                    chunk = []
                    while len(pending) >= window:
                        yield from drain_head()
            if chunk:
                pending.append((chunk, task.remote(init_ref, chunk)))
            while pending:
                yield from drain_head()
        finally:
            if started:
                ray.shutdown()
