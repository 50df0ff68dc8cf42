"""Every subpackage of the source tree is declared, so `pip install .` (not editable) ships it all."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_directory_is_declared() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    declared = set(config["packages"])
    found = {
        ".".join(path.relative_to(ROOT / "src").parent.parts)
        for path in (ROOT / "src" / "readaloud").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert found - {"readaloud.voices"} <= declared
    assert "readaloud.data" in declared and "readaloud.voices" in declared


def test_data_files_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = config["package-data"]["readaloud.data"]
    for path in (ROOT / "src" / "readaloud" / "data").iterdir():
        if path.is_file():
            assert any(path.match(p) for p in patterns), path.name
