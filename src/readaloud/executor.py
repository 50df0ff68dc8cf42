"""Where per-item work runs: in this process, in a local process pool, or on a Dask cluster.

The feed builder (and later an HTTP service) hands a top-level job function and a
list of small picklable items to an ``Executor`` and gets ``(item, result)`` pairs
back as they finish. A failing item yields its exception instead of a result, so
one bad article never stops the others; the caller decides what to report.

Jobs must be top-level functions taking and returning picklable values, because
``ProcessExecutor`` (spawn) and ``DaskExecutor`` send them to other processes.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any, Protocol, TypeVar

from .errors import ConfigError, ReadaloudError

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

DASK_INSTALL_HINT = "pip install 'readaloud[dask]'"
PROCESS_START_METHOD = "spawn"
"""spawn, not fork: the parent may hold threads (HTTP, Dask) and an open SQLite handle."""


class Executor(Protocol):
    """Runs ``fn`` over ``items``; yields ``(item, result or exception)`` as each completes."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R | BaseException]]: ...


class JobExecutor(Executor, Protocol):
    """An executor that also takes one job at a time (the HTTP service's workers).

    ``submit`` returns a future-like object whose ``result()`` blocks and raises the
    job's exception; ``shutdown`` frees any long-lived pool or client.
    """

    def submit(self, fn: Callable[[T], R], item: T) -> Any: ...

    def shutdown(self) -> None: ...


class SerialExecutor:
    """One item after another in this process: no start-up cost, easiest to debug."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R | BaseException]]:
        for item in items:
            try:
                result: R | BaseException = fn(item)
            except Exception as exc:  # noqa: BLE001 - returned to the caller, by contract
                result = exc
            yield item, result

    def submit(self, fn: Callable[[T], R], item: T) -> Future[R]:
        """Run ``fn(item)`` now, in the caller's thread; the returned future is already done."""
        future: Future[R] = Future()
        try:
            future.set_result(fn(item))
        except Exception as exc:  # noqa: BLE001 - delivered through the future
            future.set_exception(exc)
        return future

    def shutdown(self) -> None:
        """Nothing to free."""

    def __repr__(self) -> str:
        return "SerialExecutor()"


class ProcessExecutor:
    """A local pool of ``workers`` spawned processes (CPU-bound synthesis in parallel)."""

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ConfigError(f"workers must be 1 or more, not {workers}", fix="use --workers 1 or more")
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def submit(self, fn: Callable[[T], R], item: T) -> Future[R]:
        """Queue one job on a long-lived pool (started on first use, so ``map`` users never pay for it).

        A pool broken by a crashed worker process is replaced, so one bad job does
        not fail every later one.
        """
        with self._lock:
            if self._pool is None or getattr(self._pool, "_broken", False):
                if self._pool is not None:
                    log.warning("process pool broken; starting a new one")
                    self._pool.shutdown(wait=False, cancel_futures=True)
                context = multiprocessing.get_context(PROCESS_START_METHOD)
                self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
            return self._pool.submit(fn, item)

    def shutdown(self) -> None:
        """Stop the long-lived pool, cancelling jobs not yet started."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R | BaseException]]:
        batch = list(items)
        if not batch:
            return
        context = multiprocessing.get_context(PROCESS_START_METHOD)
        with ProcessPoolExecutor(max_workers=min(self.workers, len(batch)), mp_context=context) as pool:
            futures: dict[Future[R], T] = {pool.submit(fn, item): item for item in batch}
            try:
                for future in as_completed(futures):
                    yield futures[future], _outcome(future)
            finally:
                for future in futures:
                    future.cancel()

    def __repr__(self) -> str:
        return f"ProcessExecutor(workers={self.workers})"


class DaskExecutor:
    """Jobs on a dask.distributed cluster; ``address`` is a scheduler address or a Client/cluster.

    Workers must see the same filesystem paths as this process (the jobs write
    their audio straight into the output directory).
    """

    def __init__(self, address: Any) -> None:
        self.address = address
        _import_distributed()  # fail now, with the install hint, not halfway through a build
        self._client: Any = None
        self._lock = threading.Lock()

    def submit(self, fn: Callable[[T], R], item: T) -> Any:
        """Send one job to the cluster over a client kept open between calls."""
        distributed = _import_distributed()
        with self._lock:
            if self._client is None:
                target = self.address
                if hasattr(target, "scheduler_address"):
                    target = target.scheduler_address
                if isinstance(target, distributed.Client):
                    self._client = target
                else:
                    try:
                        self._client = distributed.Client(target, timeout=DASK_CONNECT_TIMEOUT_S)
                    except OSError as exc:
                        raise ReadaloudError(
                            f"cannot reach the Dask scheduler at {target} ({exc})",
                            fix="check --dask-scheduler (e.g. tcp://HOST:8786) and that the scheduler runs",
                        ) from None
            return self._client.submit(fn, item, pure=False)

    def shutdown(self) -> None:
        """Close the client this executor opened (not one it was given)."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None and client is not self.address:
            client.close()

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R | BaseException]]:
        distributed = _import_distributed()
        batch = list(items)
        if not batch:
            return
        target = self.address
        if hasattr(target, "scheduler_address"):  # a LocalCluster or similar
            target = target.scheduler_address
        if isinstance(target, distributed.Client):
            client, owned = target, False
        else:
            try:
                client, owned = distributed.Client(target, timeout=DASK_CONNECT_TIMEOUT_S), True
            except OSError as exc:
                raise ReadaloudError(
                    f"cannot reach the Dask scheduler at {target} ({exc})",
                    fix="check --dask-scheduler (e.g. tcp://HOST:8786) and that the scheduler runs",
                ) from None
        try:
            futures = {client.submit(fn, item, pure=False): item for item in batch}
            for future in distributed.as_completed(list(futures)):
                item = futures[future]
                try:
                    result: R | BaseException = future.result()
                except Exception as exc:  # noqa: BLE001 - returned, by contract
                    result = exc
                yield item, result
        finally:
            if owned:
                client.close()

    def __repr__(self) -> str:
        return f"DaskExecutor({self.address!r})"


DASK_CONNECT_TIMEOUT_S = 10
"""How long to wait for a Dask scheduler before giving up."""


def _outcome(future: Future[R]) -> R | BaseException:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - includes BrokenProcessPool, returned by contract
        return exc


def _import_distributed() -> Any:
    try:
        import dask.distributed as distributed
    except ImportError:
        raise ReadaloudError(
            "running jobs on Dask needs the dask.distributed package",
            fix=f"install it: {DASK_INSTALL_HINT}",
        ) from None
    return distributed


def make_executor(workers: int = 1, dask_scheduler: str | None = None) -> Executor:
    """The executor a command line asks for: Dask if a scheduler is given, else 1 = serial."""
    if dask_scheduler:
        return DaskExecutor(dask_scheduler)
    if workers <= 1:
        if workers < 1:
            raise ConfigError(f"workers must be 1 or more, not {workers}", fix="use --workers 1 or more")
        return SerialExecutor()
    return ProcessExecutor(workers)
