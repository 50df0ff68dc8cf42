"""Executors: results as they complete, exceptions returned (never raised), same answers everywhere."""

from __future__ import annotations

import sys

import pytest

from readaloud.errors import ConfigError, ReadaloudError
from readaloud.executor import DaskExecutor, ProcessExecutor, SerialExecutor, make_executor

ITEMS = ["1", "two", "3", "40"]


def check(results: list[tuple[str, object]]) -> None:
    assert sorted(item for item, _ in results) == sorted(ITEMS)
    by_item = dict(results)
    assert by_item["1"] == 1 and by_item["3"] == 3 and by_item["40"] == 40
    assert isinstance(by_item["two"], ValueError)


def test_serial_returns_exceptions_in_order() -> None:
    results = list(SerialExecutor().map(int, ITEMS))
    assert [item for item, _ in results] == ITEMS
    check(results)


def test_process_pool_returns_exceptions() -> None:
    check(list(ProcessExecutor(2).map(int, ITEMS)))


def test_process_pool_with_nothing_to_do() -> None:
    assert list(ProcessExecutor(2).map(int, [])) == []


def test_make_executor_choices() -> None:
    assert isinstance(make_executor(1), SerialExecutor)
    assert isinstance(make_executor(3), ProcessExecutor)
    with pytest.raises(ConfigError):
        make_executor(0)


def test_dask_missing_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(ReadaloudError, match=r"pip install 'readaloud\[dask\]'"):
        DaskExecutor("tcp://127.0.0.1:1")


def test_dask_local_cluster() -> None:
    distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    with distributed.LocalCluster(n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None) as cluster:
        check(list(DaskExecutor(cluster).map(int, ITEMS)))
        check(list(DaskExecutor(cluster.scheduler_address).map(int, ITEMS)))
