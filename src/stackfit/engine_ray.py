"""The Ray engine for ``stackfit screen --engine ray [--address ...]``.

Ray tasks parse, extract, profile and assess batches of files (the same ``services._screen_one``
the local engine runs, in a supervised child process under the same time and memory limits); the
driver gets the outcomes back in input order and stores them exactly as the local engine does, so
both engines produce the same workspace and reports.

* ``address=None`` starts a local Ray cluster with ``workers`` CPUs for the run and stops it after;
  an address (``ray://host:10001`` or ``host:6379``) joins an existing cluster, whose nodes need
  the same stackfit version installed (and the taxonomy it ships).
* At most two batches per CPU of the cluster are in flight, so memory stays flat in the size of the pool.
* A file that hangs, uses too much memory or crashes its parser fails alone, with the reason, as with
  the local engine (the supervisor inside the task). A batch whose Ray worker itself dies is retried
  file by file.
* Embedding runs in the tasks too (``services._screen_one`` embeds each new document with the index's
  encoder); the driver stores the vectors with the outcomes.

Ray sends no usage statistics (``RAY_USAGE_STATS_ENABLED=0``): nothing leaves the machine.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from typing import Any

from stackfit.errors import EngineError
from stackfit.models import Failure

InitArgs = tuple[str, str, Any, bool, str | None]  # role JSON, as-of date, ParseLimits, blind, encoder (None: no embedding)


def _screen_batch(init: InitArgs, jobs: list[Any]) -> tuple[list[Any], list[tuple[float, str]]]:
    """Screen a batch inside a Ray worker: each file in a supervised child process under the run's
    time and memory limits (``stackfit.isolate``), exactly as the local engine does."""
    from stackfit import services
    from stackfit.isolate import Supervisor, failure_error
    from stackfit.models import RoleProfile

    # load once per Ray worker, before the supervised child is forked (as services.screen does), so
    # that loading the taxonomy and the encoders never counts against a file's time or memory limit
    services.prepare_models(RoleProfile.model_validate_json(init[0]), init[4])
    limits = init[2]
    sup: Supervisor[Any, Any] = Supervisor(
        services._screen_one, lambda job, failed: services._failure(job[0], failure_error(job[0], failed, limits)),
        workers=1, limits=limits, initializer=services._init_worker, initargs=init, label=lambda job: job[0],
        size=lambda job: len(job[1] or b"") + len(job[2] or ""))
    return list(sup.map(iter(jobs), window=len(jobs))), sup.slowest


class RayEngine:
    def __init__(self, address: str | None, workers: int, batch: int = 64) -> None:
        self.address, self.workers, self.batch = address, max(1, workers), max(1, batch)
        self.slowest: list[tuple[float, str]] = []  # (seconds, file), the slowest files of the run first

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
                    outs, slow = ray.get(ref)
                    self.slowest = sorted([*self.slowest, *slow], key=lambda t: -t[0])[:10]
                    yield from outs
                except ray.exceptions.RayError:
                    for job in chunk:  # isolate the file that kills a Ray worker itself
                        try:
                            yield from ray.get(single.remote(init_ref, [job]))[0]
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
