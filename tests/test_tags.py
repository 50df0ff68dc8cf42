"""ID3v2.4 tags and chapters on MP3 and WAV files, read back with mutagen."""

from __future__ import annotations

import logging
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest

from readaloud.config import AudioConfig
from readaloud.encode import open_encoder
from readaloud.models import Chapter
from readaloud.tags import TagInfo, read_chapters, read_cover, read_tags, write_tags

RATE = 16000


def audio_file(path: Path, fmt: str, seconds: float = 3.0) -> Path:
    t = np.arange(int(seconds * RATE)) / RATE
    samples = (np.sin(2 * np.pi * 220 * t) * 6000).astype(np.int16)
    with open_encoder(path, fmt, RATE, AudioConfig()) as encoder:
        encoder.write(samples)
    return path


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


INFO = TagInfo(
    title="Café prices rise — again",
    artist="Example News",
    album="Evening Read",
    date="2026-11-03",
    url="https://example.org/news/cafe?a=1&b=2",
    language="en-gb",
    comment="Prices at the town's cafés went up for the third time this year.",
)
CHAPTERS = (
    Chapter("First story", 0.0, 1.25, "https://example.org/one"),
    Chapter("Second story", 1.25, 2.5, None),
    Chapter("Third story", 2.5, 3.0, "https://example.org/three"),
)


@pytest.mark.parametrize("fmt", ["mp3", "wav"])
def test_tags_round_trip(tmp_path: Path, fmt: str) -> None:
    path = audio_file(tmp_path / f"a.{fmt}", fmt)
    write_tags(path, fmt, INFO, CHAPTERS)
    got = read_tags(path)
    assert (got.title, got.artist, got.album, got.date, got.url, got.comment) == (
        INFO.title, INFO.artist, INFO.album, INFO.date, INFO.url, INFO.comment)
    assert got.language == "eng"  # ISO 639-2, as TLAN requires
    chapters = read_chapters(path)
    assert [c.title for c in chapters] == [c.title for c in CHAPTERS]
    assert [c.url for c in chapters] == [c.url for c in CHAPTERS]
    for mine, theirs in zip(chapters, CHAPTERS):
        assert mine.start == pytest.approx(theirs.start, abs=0.001)
        assert mine.end == pytest.approx(theirs.end, abs=0.001)


def test_mp3_is_id3v24_with_toc_and_still_decodes(tmp_path: Path) -> None:
    from mutagen.id3 import ID3
    from mutagen.mp3 import MP3

    path = audio_file(tmp_path / "a.mp3", "mp3")
    before = MP3(path).info.length
    write_tags(path, "mp3", INFO, CHAPTERS)
    tags = ID3(path)
    assert tags.version[:2] == (2, 4)
    (toc,) = tags.getall("CTOC")
    assert list(toc.child_element_ids) == ["chp0", "chp1", "chp2"]
    assert MP3(path).info.length == pytest.approx(before, abs=0.05)


def test_cover_is_embedded(tmp_path: Path) -> None:
    cover = tmp_path / "cover.png"
    cover.write_bytes(tiny_png())
    path = audio_file(tmp_path / "a.mp3", "mp3", seconds=0.5)
    write_tags(path, "mp3", TagInfo(title="x", cover=cover))
    assert read_cover(path) == cover.read_bytes()


def test_rewriting_replaces_old_tags(tmp_path: Path) -> None:
    path = audio_file(tmp_path / "a.mp3", "mp3", seconds=0.5)
    write_tags(path, "mp3", INFO, CHAPTERS)
    write_tags(path, "mp3", TagInfo(title="New title"))
    got = read_tags(path)
    assert got.title == "New title" and got.artist is None
    assert read_chapters(path) == ()


def test_untagged_file_reads_empty(tmp_path: Path) -> None:
    path = audio_file(tmp_path / "a.mp3", "mp3", seconds=0.5)
    assert read_tags(path) == TagInfo()
    assert read_chapters(path) == ()


@pytest.mark.parametrize("fmt", ["flac", "ogg"])
def test_flac_and_ogg_get_vorbis_comments_with_chapters(tmp_path: Path, fmt: str) -> None:
    import mutagen
    import numpy as np

    from readaloud.encode import open_encoder
    from readaloud.models import Chapter

    path = tmp_path / f"a.{fmt}"
    with open_encoder(path, fmt, 22050) as enc:
        enc.write((np.sin(np.arange(22050 * 2) / 9) * 9000).astype(np.int16))
    write_tags(path, fmt, INFO, [Chapter("One", 0.0, 1.0), Chapter("Two", 1.0, 2.0)])
    tags = mutagen.File(path).tags
    assert tags["TITLE"] == [INFO.title]
    assert tags["CHAPTER002"] == ["00:00:01.000"] and tags["CHAPTER002NAME"] == ["Two"]


def test_unknown_format_is_skipped_with_a_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "a.aiff"
    path.write_bytes(b"FORM not really")
    with caplog.at_level(logging.INFO, logger="readaloud.tags"):
        write_tags(path, "aiff", INFO)
    assert path.read_bytes() == b"FORM not really"
    assert "not tagged" in caplog.text


def test_broken_file_is_an_output_error(tmp_path: Path) -> None:
    from readaloud.errors import OutputError

    path = tmp_path / "a.wav"
    path.write_bytes(b"not a wave file at all")
    with pytest.raises(OutputError, match="a.wav"):
        write_tags(path, "wav", INFO)
