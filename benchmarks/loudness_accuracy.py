"""How close finished files land to the loudness target, measured the way a podcast app would.

Each article is converted with the ``fast`` voice to every lossless and lossy format we write
without ffmpeg, decoded again, and measured by pyloudnorm (ITU-R BS.1770, independent of
readaloud's own meter); true peak is measured on the decoded samples, 4x oversampled.

    python benchmarks/loudness_accuracy.py            # the example, 5 of our own articles, 2 dev articles
    python benchmarks/loudness_accuracy.py FILE...    # annotated or plain articles of your own
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
import pyloudnorm
import soundfile

import readaloud
from readaloud.config import Settings
from readaloud.evaluation import parse_annotated
from readaloud.loudness import true_peak_envelope

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("mp3", "ogg", "wav")
DEFAULT_ARTICLES = (
    [ROOT / "examples" / "article.txt"]
    + sorted((ROOT / "tests" / "data" / "clean").glob("c0*.txt"))[:5]
    + sorted((ROOT.parent / "shared" / "corpus" / "dev").glob("*.txt"))[:2]
)


def article_text(path: Path) -> str:
    """The article's own lines (annotated files lose their furniture, as a clean page would)."""
    text = path.read_text(encoding="utf-8")
    if not any(line.startswith(("~ ", "= ")) for line in text.splitlines()):
        return text
    return "\n".join(line for kind, line in parse_annotated(text) if kind in ("content", "title", "meta"))


def true_peak_dbtp(samples: np.ndarray) -> float:
    return float(20 * np.log10(true_peak_envelope(samples.astype(np.float64), 0).max() / 32768))


def main(argv: list[str]) -> int:
    articles = [Path(a) for a in argv] or DEFAULT_ARTICLES
    target = Settings().loudness.target_lufs
    errors, peaks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for article in articles:
            source = Path(tmp) / "article.txt"
            source.write_text(article_text(article), encoding="utf-8")
            row = []
            for fmt in FORMATS:
                out = Path(tmp) / f"out.{fmt}"
                readaloud.convert(str(source), out, voice="fast", cache=False)
                decoded, rate = soundfile.read(out, dtype="int16")
                loudness = pyloudnorm.Meter(rate).integrated_loudness(decoded.astype(np.float64) / 32768)
                errors.append(loudness - target)
                peaks.append(true_peak_dbtp(decoded))
                row.append(f"{fmt} {loudness - target:+.2f} LU")
            print(f"{article.name[:40]:40s} " + "  ".join(row))
    print(f"{len(errors)} files: error max |{max(map(abs, errors)):.3f}| LU, mean {np.mean(errors):+.3f}, "
          f"sd {np.std(errors):.3f}; highest true peak {max(peaks):.2f} dBTP (target {target:g} LUFS, ceiling -1 dBTP)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
