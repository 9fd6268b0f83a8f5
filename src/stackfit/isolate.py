"""Run work on untrusted files in worker processes under limits, so one file cannot take a run down.

Each worker is a forked process with an address-space cap (``RLIMIT_AS``, from
``ParseLimits.memory_limit``) and a core-dump cap of 0. The parent gives each worker one job
at a time and enforces a wall-clock deadline per job (``ParseLimits.time_limit``): a worker
past its deadline is killed and replaced, and that job alone ends as a timeout. A worker that
dies (SIGSEGV in a C parser, SIGKILL from the OOM killer, ``os._exit``) fails its own job
only, and a fresh worker takes the next one. Results come back in input order.

Why not ``concurrent.futures``: it cannot stop one task, and a dead worker breaks the whole
pool without saying which task killed it. ``pebble`` can stop tasks, but it is LGPL-3.0 and
runs helper threads in the parent; the supervisor below is one select loop over pipes.
"""

from __future__ import annotations

import faulthandler
import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Generic, TypeVar

from stackfit.errors import MemoryLimitError, ParseTimeoutError, StackfitError, WorkerCrashedError
from stackfit.models import Document
from stackfit.parse.base import MIB, ParseLimits

J = TypeVar("J")
R = TypeVar("R")

# jobs sent ahead to a busy worker, so it never waits while the parent stores results: at most this
# many and this many bytes in all, well under a socketpair's 200 KiB buffer, so a send never blocks
# (a blocked send while the worker sends a large result back would deadlock)
_PREFETCH_JOBS = 16
_PREFETCH_BYTES = 64 * 1024
_HEADROOM = 64 * MIB  # over what the worker already maps when the cap is lower than that


def _context() -> Any:
    # fork: workers inherit the loaded taxonomy and matchers instead of rebuilding them
    return mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()


def _vm_size() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def apply_limits(memory_limit: int) -> None:
    """In a worker: cap its address space at ``memory_limit`` bytes (never below what it already
    maps plus some headroom) and switch off core dumps."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if memory_limit > 0:
        cap = max(memory_limit, _vm_size() + _HEADROOM)
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _die_with_parent() -> None:
    """Linux: SIGKILL this worker when the parent dies, even by SIGKILL (siblings hold copies of
    each other's pipe ends, so a worker would not see EOF and would wait for ever)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker_main(conn: Connection, fn: Callable[[Any], Any], memory_limit: int,
                 initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    faulthandler.disable()  # a crash is reported once, by the parent, as a failure of its file
    if not os.environ.get("STACKFIT_WORKER_STDERR"):
        # native libraries print their own out-of-memory notes and backtraces before aborting
        # ("memory allocation of 8388608 bytes failed", Rust panics); the parent reports each
        # such file as a typed failure, so this noise would only hide the real report
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    if memory_limit > 0:
        from stackfit.parse import preload_readers

        preload_readers()  # map the native parsers before the cap, which counts them in the worker's base
    apply_limits(memory_limit)
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        seq, job = msg
        try:
            out: tuple[str, Any] = ("ok", fn(job))
        except BaseException as exc:  # noqa: BLE001 - sent to the parent, which decides
            out = _classify(exc)
        try:
            conn.send((seq, out))
        except BaseException as exc:  # noqa: BLE001 - a result too large or that cannot be pickled
            conn.send((seq, _classify(exc)))
        if out[0] != "ok" and not isinstance(out[1], StackfitError):
            return  # the process may be in a bad state (a Rust panic, a half-done allocation): start afresh


def _classify(exc: BaseException) -> tuple[str, Any]:
    """What the parent gets for an exception in a worker: typed errors as they are, a MemoryError
    anywhere in the chain (a Rust panic after one, say) as "memory", anything else as a plain
    RuntimeError (a pyo3 PanicException cannot even be pickled)."""
    chain: BaseException | None = exc
    while chain is not None:
        if isinstance(chain, MemoryError):
            return ("memory", None)
        chain = chain.__cause__ or chain.__context__
    if exc.__class__.__name__ == "PanicException" and "pointer is null" in str(exc):
        # pyo3 (pydantic-core) panics with "PyObject pointer is null" when CPython could not
        # allocate an object: the MemoryError is printed, not chained, just before the panic
        return ("memory", None)
    if isinstance(exc, StackfitError):
        return ("error", exc)
    return ("error", RuntimeError(f"{exc.__class__.__name__}: {exc}"[:300]))


def describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    jobs: deque[tuple[int, Any]] = field(default_factory=deque)  # sent, not answered; the first one runs
    started: float = 0.0  # when the first job started (as far as the parent can tell)
    deadline: float = 0.0
    reaped: bool = False

    @property
    def busy(self) -> bool:
        return bool(self.jobs)


@dataclass(frozen=True)
class Failed:
    """Why a job produced no result: ``kind`` is "timeout", "memory", "crash" or "error"."""

    kind: str
    detail: str = ""
    error: BaseException | None = None


class Supervisor(Generic[J, R]):
    """``map(fn, jobs)`` over worker processes under ``limits``; ``on_failure(job, Failed)`` turns a
    timeout, crash or memory error into a result, so every job yields exactly one result."""

    def __init__(self, fn: Callable[[J], R], on_failure: Callable[[J, Failed], R], *, workers: int,
                 limits: ParseLimits, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = (), label: Callable[[J], str] = str, keep_slowest: int = 10,
                 size: Callable[[J], int] | None = None) -> None:
        self.fn, self.on_failure, self.workers, self.limits = fn, on_failure, max(1, workers), limits
        self.initializer, self.initargs = initializer, initargs
        self.ctx = _context()
        self.restarts = 0  # workers replaced after a timeout or a crash
        self.label, self.keep_slowest = label, keep_slowest
        self.slowest: list[tuple[float, str]] = []  # (seconds from hand-off to result, label), slowest first
        self.peak_worker_rss = 0  # bytes: the largest resident size a finished worker reached
        self.size = size  # bytes a job takes to send; without it, no job is sent ahead

    def _timed(self, seconds: float, job: J) -> None:
        if len(self.slowest) < self.keep_slowest or seconds > self.slowest[-1][0]:
            self.slowest.append((round(seconds, 3), self.label(job)))
            self.slowest.sort(key=lambda t: -t[0])
            del self.slowest[self.keep_slowest:]

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=_worker_main, daemon=True,
                                args=(child, self.fn, self.limits.memory_limit, self.initializer, self.initargs))
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _stop(self, w: _Worker, *, kill: bool) -> None:
        if w.reaped:
            w.conn.close()
            return
        if kill and w.proc.is_alive():
            w.proc.kill()
        else:
            try:
                w.conn.send(None)
            except OSError:
                pass
        w.proc.join(timeout=None if kill else 5)
        if w.proc.is_alive():
            w.proc.kill()
            w.proc.join()
        w.conn.close()

    def _reap(self, w: _Worker) -> tuple[int, int]:
        """Wait for a dead worker with ``wait4``: its exit code and the peak resident size it reached
        (bytes), which tells a native parser's allocation failure from other crashes."""
        try:
            _, status, usage = os.wait4(w.proc.pid, 0)
        except ChildProcessError:  # already reaped by multiprocessing
            w.proc.join(timeout=5)
            return w.proc.exitcode if w.proc.exitcode is not None else -1, 0
        code = os.waitstatus_to_exitcode(status)
        w.proc._popen.returncode = code  # keep multiprocessing's view of the process consistent
        w.reaped = True
        rss = usage.ru_maxrss * 1024
        self.peak_worker_rss = max(self.peak_worker_rss, rss)
        return code, rss

    def map(self, jobs: Iterator[J], window: int | None = None) -> Iterator[R]:
        """Results in input order; at most ``window`` jobs read ahead of the next result."""
        window = max(window or self.workers * 32, self.workers)
        limit = self.limits.time_limit if self.limits.time_limit > 0 else None
        queue: deque[tuple[int, J]] = deque()
        done: dict[int, R] = {}
        pool: list[_Worker] = []
        source = enumerate(jobs)
        exhausted = False
        next_seq = read = 0
        try:
            while True:
                while not exhausted and read - next_seq < window:
                    item = next(source, None)
                    if item is None:
                        exhausted = True
                    else:
                        queue.append(item)
                        read += 1
                while queue and len(pool) < self.workers:
                    pool.append(self._spawn())
                for i in range(len(pool)):  # hand queued jobs to idle workers, then a small one ahead
                    while queue and (not pool[i].busy or self._fits(pool[i], queue[0][1])):
                        self._give(pool, i, queue.popleft(), limit)
                while next_seq in done:
                    yield done.pop(next_seq)
                    next_seq += 1
                busy = [w for w in pool if w.busy]
                if not busy:
                    if exhausted and not queue:
                        return
                    continue
                now = time.monotonic()
                timeout = max(0.0, min(w.deadline for w in busy) - now) if limit else None
                ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout))
                now = time.monotonic()
                for i, w in enumerate(pool):
                    if not w.busy:
                        continue
                    if w.conn in ready or w.proc.sentinel in ready:
                        result = self._collect(w)
                    elif limit and now >= w.deadline:
                        result = Failed("timeout", f"over {limit:g} s")
                    else:
                        continue
                    seq, job = w.jobs.popleft()
                    self._timed(now - w.started, job)
                    w.started, w.deadline = now, now + (limit or 0.0)  # the next job starts now
                    if isinstance(result, Failed):
                        done[seq] = self.on_failure(job, result)
                        if not isinstance(result.error, StackfitError):
                            queue.extendleft(reversed(w.jobs))  # sent ahead but never run: run elsewhere
                            w.jobs.clear()
                            self._stop(w, kill=True)  # a fresh process: no state left from this file
                            pool[i] = self._spawn()
                            self.restarts += 1
                    else:
                        done[seq] = result
        finally:
            for w in pool:
                self._stop(w, kill=w.busy)

    def _fits(self, w: _Worker, job: J) -> bool:
        if self.size is None or len(w.jobs) >= _PREFETCH_JOBS:
            return False
        return sum(self.size(j) for _, j in w.jobs) + self.size(job) <= _PREFETCH_BYTES

    def _give(self, pool: list[_Worker], i: int, item: tuple[int, Any], limit: float | None) -> None:
        try:
            self._assign(pool[i], item, limit)
        except OSError:  # the worker died between jobs: replace it, and resend what it held
            held = [j for j in pool[i].jobs if j is not item]
            self._stop(pool[i], kill=True)
            pool[i] = self._spawn()
            self.restarts += 1
            for j in held:
                self._assign(pool[i], j, limit)
            self._assign(pool[i], item, limit)

    @staticmethod
    def _assign(w: _Worker, item: tuple[int, Any], limit: float | None) -> None:
        if not w.jobs:
            w.started = time.monotonic()
            w.deadline = w.started + (limit or 0.0)
        w.jobs.append(item)
        w.conn.send(item)

    def _collect(self, w: _Worker) -> Any:
        try:
            if w.conn.poll():
                seq, (status, value) = w.conn.recv()
                if status == "ok":
                    return value
                if status == "memory":
                    return Failed("memory", f"over {self.limits.memory_limit // MIB} MiB")
                return Failed("error", f"{value.__class__.__name__}: {value}"[:300], value)
        except (EOFError, OSError):
            pass
        except MemoryError:  # the result itself could not be unpickled here
            return Failed("memory", "the result was too large")
        code, rss = self._reap(w)
        cap = self.limits.memory_limit
        if cap > 0 and code == -signal.SIGABRT:
            # pdfium aborts, silently, when an allocation fails under RLIMIT_AS (it cannot raise
            # MemoryError); other signals (SIGSEGV, SIGKILL) stay crashes
            return Failed("memory", f"{describe_exit(code)} after reaching {rss // MIB} MiB resident")
        return Failed("crash", describe_exit(code))


# --------------------------------------------------------------------------- errors for failures


def failure_error(path: str, failed: Failed, limits: ParseLimits) -> StackfitError:
    """The typed error for a job that did not finish, naming the limit it went over."""
    if failed.kind == "timeout":
        return ParseTimeoutError(
            f"parsing took longer than the limit of {limits.time_limit:g} s (time_limit); the parser was stopped",
            hint="the file is probably malformed or hostile; re-export it, or raise --time-limit if it is genuine",
            path=path, limit="time_limit", value=limits.time_limit,
        )
    if failed.kind == "memory":
        return MemoryLimitError(
            f"parsing needed more memory than the limit of {limits.memory_limit // MIB} MiB (memory_limit)"
            + (f"; the parser was {failed.detail}" if failed.detail.startswith("killed") else ""),
            hint="the file is probably a decompression bomb or damaged; re-export it, or raise --memory-limit",
            path=path, limit="memory_limit", value=limits.memory_limit,
        )
    if failed.kind == "error" and isinstance(failed.error, StackfitError):
        return failed.error
    return WorkerCrashedError(
        f"the parser process crashed on this file ({failed.detail})",
        hint="the file is probably malformed; open and re-save it, or export it as PDF/DOCX again",
        path=path,
    )


def _parse_job(job: tuple[Path, ParseLimits]) -> Document:
    from stackfit.parse import parse_file

    path, limits = job
    return parse_file(path, limits=limits)


def _raise(job: tuple[Path, ParseLimits], failed: Failed) -> Document:
    raise failure_error(str(job[0]), failed, job[1])


def parse_file_isolated(path: Path, limits: ParseLimits) -> Document:
    """``parse_file`` in a worker process under ``limits`` (time, memory): a hostile file becomes a
    typed error here, never a hang or a crash of the caller."""
    sup: Supervisor[tuple[Path, ParseLimits], Document] = Supervisor(_parse_job, _raise, workers=1, limits=limits)
    for doc in sup.map(iter([(Path(path), limits)]), window=1):
        return doc
    raise AssertionError("unreachable: one job yields one result")
