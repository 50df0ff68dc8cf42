"""Speech workers started before cleaning (``early_workers``) and handed to ``synthesize``."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import numpy as np
import pytest

import readaloud
from readaloud.engines.espeak import EspeakEngine
from readaloud.errors import EmptyArticleError
from readaloud.models import Chunk
from readaloud.synthesize import SynthesisConfig, early_workers, synthesize

needs_two_cores = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="worker processes need two cores")


@pytest.fixture
def lone_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a command-line run. Earlier tests may leave a thread behind (dask keeps one for the
    process's life), which would rightly keep early workers from forking."""
    import readaloud.synthesize

    monkeypatch.setattr(readaloud.synthesize, "_single_threaded", lambda: True)
TWO = SynthesisConfig(processes=2, min_chars_for_early_start=100)


def _chunks(texts: list[str]) -> list[Chunk]:
    return [Chunk(text=t, pause_after_ms=300, first_sentence=i, last_sentence=i) for i, t in enumerate(texts)]


def _modules_loaded(names: tuple[str, ...]) -> list[bool]:
    return [name in sys.modules for name in names]


@needs_two_cores
def test_early_workers_are_running_before_any_chunk_and_gone_after(lone_thread: None) -> None:
    before = len(multiprocessing.active_children())
    with early_workers(EspeakEngine, {"voice": "en"}, 1.0, input_chars=5000, config=TWO) as pool:
        assert pool is not None
        assert len(multiprocessing.active_children()) == before + 2
    assert len(multiprocessing.active_children()) == before


@needs_two_cores
def test_early_workers_import_what_they_are_told_to(
    lone_thread: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = f"preload_probe_{os.getpid()}"  # stands in for the normaliser: never imported here
    (tmp_path / f"{module}.py").write_text("LOADED = True\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with early_workers(EspeakEngine, {}, 1.0, input_chars=5000, preload=[module], config=TWO) as pool:
        assert pool is not None
        assert pool.submit(_modules_loaded, (module,)).result() == [True]
    assert module not in sys.modules


def test_a_broken_engine_fails_once_here_before_any_worker_starts(lone_thread: None) -> None:
    from readaloud.errors import EngineError

    class BrokenEngine(EspeakEngine):
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise EngineError("this engine cannot start", fix="reinstall it")

    before = len(multiprocessing.active_children())
    with pytest.raises(EngineError, match="cannot start"):
        with early_workers(BrokenEngine, {}, 1.0, input_chars=5000, config=TWO):
            pass
    assert len(multiprocessing.active_children()) == before


def test_no_early_workers_in_a_process_that_runs_other_threads() -> None:
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with early_workers(EspeakEngine, {}, 1.0, input_chars=5000, config=TWO) as pool:
            assert pool is None
    finally:
        stop.set()
        other.join()


def test_no_early_workers_for_short_input_or_engines_without_processes(lone_thread: None) -> None:
    with early_workers(EspeakEngine, {}, 1.0, input_chars=99, config=TWO) as pool:
        assert pool is None

    class ThreadEngine(EspeakEngine):
        parallel = "threads"

    with early_workers(ThreadEngine, {}, 1.0, input_chars=5000, config=TWO) as pool:
        assert pool is None
    with early_workers(EspeakEngine, {}, 1.0, input_chars=5000, config=SynthesisConfig(processes=1)) as pool:
        assert pool is None


@needs_two_cores
def test_synthesis_on_early_workers_matches_synthesis_in_process(lone_thread: None) -> None:
    texts = ["The council met on Tuesday.", "It voted to close the library.", "Residents were angry."]
    engine = EspeakEngine({"voice": "en"})
    inline = [pcm for _, pcm in synthesize(_chunks(texts), engine, config=SynthesisConfig(processes=1))]
    with early_workers(EspeakEngine, {"voice": "en"}, 1.0, input_chars=5000, config=TWO) as pool:
        pooled = list(synthesize(_chunks(texts), engine, workers=pool, config=TWO))
    assert [c.text for c, _ in pooled] == texts
    # espeak-ng is not sample-exact from call to call (a few samples either way), so: the same speech
    assert [abs(a.size - b.size) < 0.02 * a.size for a, (_, b) in zip(inline, pooled)] == [True] * len(texts)
    assert all(np.abs(b).max() > 1000 for _, b in pooled)


@needs_two_cores
def test_a_long_input_that_cleans_to_nothing_leaves_no_workers_behind(tmp_path: Path, lone_thread: None) -> None:
    page = tmp_path / "page.txt"
    page.write_text("\n".join(["Share this article", "Sign up to our newsletter", "Advertisement"] * 200) + "\n",
                    encoding="utf-8")
    assert len(page.read_text(encoding="utf-8")) >= SynthesisConfig().min_chars_for_early_start
    before = len(multiprocessing.active_children())
    with pytest.raises(EmptyArticleError):
        readaloud.convert(str(page), tmp_path / "out.mp3", voice="fast", cache=False)
    assert len(multiprocessing.active_children()) == before
    assert not (tmp_path / "out.mp3").exists()
