"""Start-up cost: commands must not drag in libraries they do not use."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_splitter_loads_punkt_without_all_of_nltk() -> None:
    loaded = _modules_after("from readaloud.split import split_sentences; split_sentences('One. Two.')")
    assert "scipy.stats" not in loaded
    assert "nltk.collocations" not in loaded


def test_nltk_still_imports_whole_afterwards() -> None:
    code = (
        "from readaloud.split import split_sentences\n"
        "import nltk\n"
        "assert nltk.tokenize.punkt.PunktSentenceTokenizer().tokenize('Hi there. Bye.') == ['Hi there.', 'Bye.']\n"
        "assert split_sentences('Mr. Smith left. He was late.') == ['Mr. Smith left.', 'He was late.']\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_clean_command_does_not_load_the_speech_engines() -> None:
    loaded = _modules_after("from readaloud.cli import main")
    assert not {"piper", "onnxruntime", "scipy", "trafilatura", "gtts", "fastapi", "uvicorn", "dask"} & loaded
