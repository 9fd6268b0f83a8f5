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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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


# --------------------------------------------------------------------------- embedding (stackfit embed --engine ray)


def _prepare_embed(encoder: str, documents_json: list[str], model_batch: int) -> Any:
    """A CPU task: stored documents → redacted texts → (MiniLM) tokens (``embed.prepare``)."""
    from stackfit.embed.prepare import prepare_documents

    return prepare_documents(encoder, documents_json, model_batch)


class _EmbedActor:
    """Holds the encoder once (on its GPU when it was given one: fp16, as ``MiniLMEncoder`` runs on CUDA)
    and runs the model on prepared batches."""

    def __init__(self, encoder: str, device: str | None, threads: int) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from stackfit.embed import get_encoder

        if encoder == "minilm":
            import torch

            if device == "cpu":
                torch.set_num_threads(max(1, threads))
            self.enc = get_encoder(encoder, device)
        else:
            self.enc = get_encoder(encoder)
        self.device = str(getattr(self.enc, "device", "cpu"))

    def ready(self) -> str:
        return self.device

    def encode(self, prepared: Any) -> Any:
        from stackfit.embed.prepare import encode_prepared

        return encode_prepared(self.enc, prepared)


def check_address(address: str, timeout: float = 5.0) -> None:
    """Fail fast, with the reason, when nothing answers at a cluster address (``ray://HOST:PORT`` or
    ``HOST:PORT``); Ray itself may retry for a minute first. ``auto`` and ``local`` are left to Ray."""
    import socket

    if address in ("auto", "local"):
        return
    hint = "check --address (ray://HOST:10001 or HOST:6379), or leave it out for a local cluster"
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not host or not port.isdigit():
        raise EngineError(f"{address!r} is not a Ray cluster address", hint=hint)
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise EngineError(f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}", hint=hint) from exc


@dataclass(frozen=True)
class ActorPlan:
    actors: int
    options: dict[str, Any]  # Ray resources of each actor
    device: str
    threads: int  # torch threads of a CPU actor
    batch: int  # documents per prepared batch
    model_batch: int  # texts per forward pass (MiniLM)


def plan_actors(encoder: str, cpus: int, gpus: int, actors: int | None = None, batch: int | None = None) -> ActorPlan:
    """How the encoder actors are placed on a cluster of ``cpus`` CPUs and ``gpus`` GPUs: one actor per GPU
    (``num_gpus=1``, fp16 batches of 1024; with ``actors`` above the GPUs, they share them) when there are
    GPUs and the encoder can use one; else CPU actors,
    half the CPUs (the other half prepares batches), each with its share of the CPUs as torch threads and
    MiniLM's CPU batches of 32. An actor reserves a CPU only while one is left for the preparing tasks."""
    from stackfit.embed.prepare import GPU_ENCODERS

    gpus = gpus if encoder in GPU_ENCODERS else 0
    n = actors or (gpus if gpus else max(1, cpus // 2))
    cpu_each = 1 if cpus > n else 0
    if gpus:  # more actors than GPUs share them (a fraction each) rather than wait for a GPU forever
        share = 1 if n <= gpus else int(gpus / n * 10_000) / 10_000
        return ActorPlan(n, {"num_gpus": share, "num_cpus": cpu_each}, "cuda", 1, batch or 1024, 1024)
    return ActorPlan(n, {"num_cpus": cpu_each}, "cpu", max(1, cpus // n), batch or 256, 32)


class RayEmbedder:
    """Embeds batches of stored documents on a Ray cluster: CPU tasks prepare them (redaction, tokenising)
    in parallel, a pool of actors each holding the encoder once runs the model. The actors ask for one GPU
    each when the cluster has GPUs and the encoder can use one (MiniLM), else they run on CPU.

    * ``actors``: how many encoder actors (default: one per GPU; on CPU, half the cluster's CPUs, so the
      other half prepares batches).
    * ``workers``: CPUs of the local cluster started when ``address`` is None (default: all cores).
    * Results come back in input order; at most ``window`` batches are in flight.
    """

    def __init__(self, address: str | None, workers: int | None = None, actors: int | None = None) -> None:
        self.address, self.workers, self.actors = address, max(1, workers or os.cpu_count() or 1), actors
        self.placement = ""  # where the encoder ran, in words (set by ``map``)
        self.startup_seconds = 0.0

    def map(self, read: Callable[[int], Iterator[tuple[list[str], list[str]]]], encoder: str,
            batch: int | None = None) -> Iterator[tuple[list[str], Any]]:
        """(document ids, float32 vectors) for each (document ids, Document JSON) batch that ``read(size)``
        yields, in input order. ``batch``: documents per batch (default 1024 for GPU actors, else 256)."""
        import time

        t0 = time.perf_counter()
        if self.address:
            check_address(self.address)
        engine = RayEngine(self.address, self.workers)
        ray, started = engine._start()
        try:
            cpus = max(1, int(ray.cluster_resources().get("CPU", self.workers)))
            plan = plan_actors(encoder, cpus, int(ray.cluster_resources().get("GPU", 0)), self.actors, batch)
            n, opts, device, threads, batch, model_batch = plan.actors, plan.options, plan.device, plan.threads, plan.batch, plan.model_batch
            actor_cls = ray.remote(_EmbedActor).options(max_restarts=1, max_task_retries=1, **opts)
            pool = [actor_cls.remote(encoder, device, threads) for _ in range(n)]
            try:
                devices = ray.get([a.ready.remote() for a in pool])
            except ray.exceptions.RayError as exc:
                raise EngineError(f"the encoder could not be loaded on the Ray cluster: {exc}".splitlines()[0],
                                  hint="install stackfit (for --encoder minilm: 'stackfit[minilm]') on every node, or use --engine local") from exc
            self.placement = f"{n} Ray actor{'s' if n > 1 else ''} on {devices[0]}" + (" (fp16)" if str(devices[0]).startswith("cuda") else "")
            self.startup_seconds = time.perf_counter() - t0
            prep = ray.remote(_prepare_embed).options(num_cpus=1, max_retries=1)
            window = 2 * max(cpus, n)  # batches in flight: every CPU preparing, every actor busy
            pending: deque[tuple[list[str], Any]] = deque()

            def head() -> tuple[list[str], Any]:
                ids, ref = pending.popleft()
                try:
                    return ids, ray.get(ref)
                except ray.exceptions.RayError as exc:
                    raise EngineError(f"embedding a batch failed on the Ray cluster: {exc}".splitlines()[0],
                                      hint="the vectors stored so far are kept; run stackfit embed again to go on, or use --engine local") from exc

            for k, (ids, docs) in enumerate(read(batch)):
                if not ids:
                    continue
                pending.append((ids, pool[k % n].encode.remote(prep.remote(encoder, docs, model_batch))))
                while len(pending) >= window:
                    yield head()
            while pending:
                yield head()
        finally:
            if started:
                ray.shutdown()
