"""Build the Punkt parameters readaloud ships (src/readaloud/data/punkt_en.json).

Why: NLTK's pretrained Punkt model needs ``nltk.download`` and fails offline,
so we train our own from news-style text written for this project
(scripts/punkt_training/*.txt) and add a curated abbreviation list for the
abbreviations the small training text cannot be trusted to discover.

Run from the repository root::

    python scripts/train_punkt.py

The output is deterministic (sorted), so re-running it gives a clean diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from nltk.tokenize.punkt import PunktParameters, PunktTrainer

ROOT = Path(__file__).resolve().parent.parent
TRAINING_DIR = ROOT / "scripts" / "punkt_training"
OUTPUT = ROOT / "src" / "readaloud" / "data" / "punkt_en.json"
FORMAT_VERSION = 1

# Punkt stores abbreviations lower-case, without the final full stop.
TITLES = """
mr mrs ms messrs mmes dr prof gen lt col sgt capt gov sen rep rev hon pres supt
cmdr adm maj cpl pvt insp det fr brig cllr amb atty sec lieut gov.-gen
""".split()
# Only abbreviations that are not also everyday words that end sentences
# ("in the sun.", "modern art."): those would glue two sentences together.
MONTHS = "jan feb apr jun jul aug sep sept oct nov dec".split()
DAYS = "tues thu thur thurs fri".split()
PLACES = "st ave rd blvd mt ft sq hwy apt".split()
COMPANIES = "inc ltd co corp bros plc llc llp cos".split()
SUFFIXES = "jr sr esq".split()
COUNTRIES = "u.s u.k u.n u.s.a e.u d.c n.y l.a u.a.e".split()
LATIN_AND_MISC = """
e.g i.e etc vs v cf al approx dept est fig figs no nos vol vols pp eds
hr hrs mins secs yr yrs mos wk lb lbs oz km cm mm kg
a.m p.m ph.d m.d b.a m.a b.sc m.sc univ assn assoc govt natl intl dist
incl excl avg
""".split()
SINGLE_LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)]
CURATED_ABBREVIATIONS = sorted(
    set(TITLES + MONTHS + DAYS + PLACES + COMPANIES + SUFFIXES + COUNTRIES + LATIN_AND_MISC + SINGLE_LETTERS)
)


def train(text: str) -> PunktParameters:
    """Unsupervised Punkt training, then the curated abbreviations on top."""
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train(text, finalize=True)
    params = trainer.get_params()
    params.abbrev_types.update(CURATED_ABBREVIATIONS)
    return params


def to_json(params: PunktParameters) -> dict[str, object]:
    return {
        "format": FORMAT_VERSION,
        "abbrev_types": sorted(params.abbrev_types),
        "collocations": sorted([a, b] for a, b in params.collocations),
        "sent_starters": sorted(params.sent_starters),
        "ortho_context": {k: v for k, v in sorted(params.ortho_context.items()) if v},
    }


def main() -> int:
    files = sorted(TRAINING_DIR.glob("*.txt"))
    if not files:
        print(f"no training text in {TRAINING_DIR}", file=sys.stderr)
        return 1
    text = "\n\n".join(f.read_text(encoding="utf-8") for f in files)
    params = train(text)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(to_json(params), indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"wrote {OUTPUT.relative_to(ROOT)}: {len(params.abbrev_types)} abbreviations, "
        f"{len(params.collocations)} collocations, {len(params.sent_starters)} sentence starters, "
        f"{len(params.ortho_context)} ortho entries from {len(files)} files"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
