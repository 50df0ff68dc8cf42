"""Audio tags: who/what/when, cover art and chapters, so players show more than a file name.

ID3v2.4 for MP3 (and as an ``id3 `` chunk in WAV, which mutagen writes and most
players read). Chapters are ID3 CHAP frames under one ordered top-level CTOC, the
form podcast apps understand. mutagen edits the tag in place and moves the audio
in blocks, so the audio is never loaded into memory; tag the temporary file
before it is renamed into place so readers never see an untagged file.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError
from .models import Chapter

log = logging.getLogger(__name__)

ID3_VERSION = 4
UTF8 = 3
"""ID3 text encoding 3 = UTF-8 (valid in ID3v2.4)."""
NO_OFFSET = 0xFFFFFFFF
"""CHAP byte offsets unused: chapters are located by time."""
TOC_ID = "toc"
TOC_TITLE = "Chapters"
COVER_FRONT = 3
"""APIC picture type 3: front cover."""
COVER_MIME = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
TAGGED_FORMATS = ("mp3", "wav", "flac", "ogg", "m4a", "m4b")


@dataclass(frozen=True)
class TagInfo:
    """What a player shows about one file. Empty strings / None are left out of the tag."""

    title: str | None = None
    artist: str | None = None
    album: str | None = None
    date: str | None = None
    """ISO 8601, e.g. 2026-11-25 or 2026-11-25T18:00:00."""
    url: str | None = None
    """The source article (WOAS)."""
    language: str | None = None
    comment: str | None = None
    cover: Path | None = None


def write_tags(path: Path, fmt: str, info: TagInfo, chapters: Sequence[Chapter] = ()) -> None:
    """Replace the tags of ``path`` with ``info`` and ``chapters``, in the format's own tag form:
    ID3v2.4 for MP3 (and WAV's id3 chunk), Vorbis comments for FLAC and Ogg, MP4 atoms for M4A/M4B."""
    from mutagen.id3 import ID3

    fmt = fmt.lower()
    if fmt not in TAGGED_FORMATS:
        log.info("%s: %s files are not tagged", path, fmt)
        return
    if fmt in ("flac", "ogg", "m4a", "m4b"):
        try:
            (_write_vorbis if fmt in ("flac", "ogg") else _write_mp4)(path, fmt, info, chapters)
        except OutputError:
            raise
        except Exception as exc:  # mutagen's own errors and OSError
            raise OutputError(f"cannot write tags to {path} ({exc})", fix="check the file is a complete audio file") from None
        return
    tags = ID3()
    for frame in _frames(info, chapters):
        tags.add(frame)
    try:
        if fmt == "mp3":
            tags.save(path, v2_version=ID3_VERSION)
        else:
            from mutagen.wave import WAVE

            audio = WAVE(path)
            if audio.tags is None:
                audio.add_tags()
            audio.tags.clear()
            for frame in tags.values():
                audio.tags.add(frame)
            audio.save(v2_version=ID3_VERSION)
    except Exception as exc:  # mutagen raises its own MutagenError subclasses and OSError
        raise OutputError(f"cannot write tags to {path} ({exc})", fix="check the file is a complete audio file") from None


def _cover_bytes(cover: Path) -> tuple[bytes, str]:
    mime = COVER_MIME.get(cover.suffix.lower()) or mimetypes.guess_type(cover.name)[0] or "image/jpeg"
    try:
        return cover.read_bytes(), mime
    except OSError as exc:
        raise OutputError(f"cannot read the cover image {cover} ({exc.strerror})", fix="check the image path") from None


def _vorbis_stamp(seconds: float) -> str:
    millis = int(round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    return f"{hours:02d}:{minutes:02d}:{millis // 1000:02d}.{millis % 1000:03d}"


def _write_vorbis(path: Path, fmt: str, info: TagInfo, chapters: Sequence[Chapter]) -> None:
    """Vorbis comments, with chapters in the CHAPTERnnn convention players read."""
    import base64

    from mutagen.flac import FLAC, Picture
    from mutagen.oggvorbis import OggVorbis

    audio = FLAC(path) if fmt == "flac" else OggVorbis(path)
    if audio.tags is None:
        audio.add_tags()
    audio.tags.clear()
    fields = {"TITLE": info.title, "ARTIST": info.artist, "ALBUM": info.album, "DATE": info.date,
              "CONTACT": info.url, "LANGUAGE": info.language, "COMMENT": info.comment}
    for key, value in fields.items():
        if value:
            audio.tags[key] = [value]
    for number, chapter in enumerate(chapters, 1):
        audio.tags[f"CHAPTER{number:03d}"] = [_vorbis_stamp(chapter.start)]
        audio.tags[f"CHAPTER{number:03d}NAME"] = [chapter.title]
    if info.cover is not None:
        data, mime = _cover_bytes(info.cover)
        picture = Picture()
        picture.type, picture.mime, picture.desc, picture.data = COVER_FRONT, mime, "Cover", data
        if fmt == "flac":
            audio.clear_pictures()
            audio.add_picture(picture)
        else:
            audio.tags["METADATA_BLOCK_PICTURE"] = [base64.b64encode(picture.write()).decode("ascii")]
    audio.save()


def _write_mp4(path: Path, fmt: str, info: TagInfo, chapters: Sequence[Chapter]) -> None:
    from mutagen.mp4 import MP4, MP4Cover

    audio = MP4(path)
    if audio.tags is None:
        audio.add_tags()
    audio.tags.clear()
    atoms = {"\xa9nam": info.title, "\xa9ART": info.artist, "\xa9alb": info.album, "\xa9day": info.date,
             "\xa9cmt": info.comment}
    for key, value in atoms.items():
        if value:
            audio.tags[key] = [value]
    if info.cover is not None:
        data, mime = _cover_bytes(info.cover)
        kind = MP4Cover.FORMAT_PNG if mime == "image/png" else MP4Cover.FORMAT_JPEG
        audio.tags["covr"] = [MP4Cover(data, imageformat=kind)]
    audio.save()


def _frames(info: TagInfo, chapters: Sequence[Chapter]) -> list[object]:
    from mutagen.id3 import (
        APIC,
        CHAP,
        COMM,
        CTOC,
        TALB,
        TDRC,
        TIT2,
        TLAN,
        TPE1,
        WOAS,
        WXXX,
        CTOCFlags,
    )

    frames: list[object] = []
    text_frames = ((TIT2, info.title), (TPE1, info.artist), (TALB, info.album), (TDRC, info.date), (TLAN, _iso639_2(info.language)))
    for cls, value in text_frames:
        if value:
            frames.append(cls(encoding=UTF8, text=[value]))
    if info.comment:
        frames.append(COMM(encoding=UTF8, lang="eng", desc="", text=[info.comment]))
    if info.url:
        frames.append(WOAS(url=info.url))
    if info.cover is not None:
        data, mime = _cover_bytes(info.cover)
        frames.append(APIC(encoding=UTF8, mime=mime, type=COVER_FRONT, desc="Cover", data=data))
    ids = [f"chp{n}" for n in range(len(chapters))]
    for element_id, chapter in zip(ids, chapters):
        sub: list[object] = [TIT2(encoding=UTF8, text=[chapter.title])]
        if chapter.url:
            sub.append(WXXX(encoding=UTF8, desc="", url=chapter.url))
        frames.append(
            CHAP(
                element_id=element_id,
                start_time=int(round(chapter.start * 1000)),
                end_time=int(round(chapter.end * 1000)),
                start_offset=NO_OFFSET,
                end_offset=NO_OFFSET,
                sub_frames=sub,
            )
        )
    if ids:
        frames.append(
            CTOC(
                element_id=TOC_ID,
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=UTF8, text=[TOC_TITLE])],
            )
        )
    return frames


_LANGUAGES = {"en": "eng", "de": "deu", "fr": "fra", "es": "spa", "it": "ita", "nl": "nld", "pt": "por"}


def _iso639_2(language: str | None) -> str | None:
    """TLAN wants ISO 639-2 ("eng"); configs say "en-gb". Unknown codes are kept as given."""
    if not language:
        return None
    base = language.split("-")[0].split("_")[0].lower()
    return _LANGUAGES.get(base, base)


def _load(path: Path):  # type: ignore[no-untyped-def]
    from mutagen.id3 import ID3, ID3NoHeaderError

    if path.suffix.lower() == ".wav":
        from mutagen.wave import WAVE

        return WAVE(path).tags
    try:
        return ID3(path)
    except ID3NoHeaderError:
        return None


def read_tags(path: Path) -> TagInfo:
    """The tags ``write_tags`` wrote (cover comes back as None: it is embedded, not a path)."""
    tags = _load(path)
    if tags is None:
        return TagInfo()

    def text(frame_id: str) -> str | None:
        frames = tags.getall(frame_id)
        return str(frames[0].text[0]) if frames and frames[0].text else None

    woas = tags.getall("WOAS")
    comments = tags.getall("COMM")
    return TagInfo(
        title=text("TIT2"),
        artist=text("TPE1"),
        album=text("TALB"),
        date=text("TDRC"),
        url=woas[0].url if woas else None,
        language=text("TLAN"),
        comment=str(comments[0].text[0]) if comments and comments[0].text else None,
        cover=None,
    )


def read_cover(path: Path) -> bytes | None:
    """The embedded front cover's bytes, if any."""
    tags = _load(path)
    pictures = tags.getall("APIC") if tags is not None else []
    return bytes(pictures[0].data) if pictures else None


def read_chapters(path: Path) -> tuple[Chapter, ...]:
    """Chapters in the order of the top-level table of contents (else by start time)."""
    tags = _load(path)
    if tags is None:
        return ()
    by_id = {frame.element_id: frame for frame in tags.getall("CHAP")}
    order: list[str] = []
    for toc in tags.getall("CTOC"):
        order.extend(i for i in toc.child_element_ids if i in by_id and i not in order)
    order.extend(sorted((i for i in by_id if i not in order), key=lambda i: by_id[i].start_time))
    chapters = []
    for element_id in order:
        frame = by_id[element_id]
        titles = frame.sub_frames.getall("TIT2")
        urls = frame.sub_frames.getall("WXXX")
        chapters.append(
            Chapter(
                title=str(titles[0].text[0]) if titles else element_id,
                start=frame.start_time / 1000,
                end=frame.end_time / 1000,
                url=urls[0].url if urls else None,
            )
        )
    return tuple(chapters)
