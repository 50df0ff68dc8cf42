"""Number words: the one place that decides how a digit string is said.

British English ("en-GB") says "and" inside numbers and "nought"; American
("en-US") drops the "and" and says "zero".
"""

from __future__ import annotations

from functools import lru_cache

from num2words import num2words

DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ZERO_GB = "nought"
ZERO_DIGIT_GB = "oh"


@lru_cache(maxsize=4096)
def cardinal(n: int, gb: bool = True) -> str:
    """Whole number in words, without the commas num2words puts between groups."""
    if n < 0:
        return "minus " + cardinal(-n, gb)
    if n == 0:
        return ZERO_GB if gb else "zero"
    words = num2words(n, lang="en").replace(",", "")
    if not gb:
        words = words.replace(" and ", " ")
    return words


def counted(n: int, gb: bool = True, after_article: bool = False) -> str:
    """A count as said in British news: "a hundred and twenty", or bare "hundred" after "a"."""
    words = cardinal(n, gb)
    if after_article and (words.startswith("one hundred") or words.startswith("one thousand")
                          or words.startswith("one million") or words.startswith("one billion")):
        return words[4:]
    if gb and 100 <= n < 200:
        return "a" + words[3:]
    return words


def digits(s: str, gb: bool = True, zero: str | None = None) -> str:
    """Digit by digit ("oh one nine nine")."""
    z = zero or (ZERO_DIGIT_GB if gb else "zero")
    return " ".join(z if c == "0" else DIGIT_WORDS[int(c)] for c in s if c.isdigit())


def number(s: str, gb: bool = True) -> str:
    """A written number with optional thousands separators and decimals."""
    s = s.replace(",", "")
    neg = s.startswith(("-", "−"))
    s = s.lstrip("-−")
    whole, _, frac = s.partition(".")
    words = cardinal(int(whole), gb) if whole else (ZERO_GB if gb else "zero")
    if frac:
        words += " point " + digits(frac, gb, zero="zero")
    return ("minus " + words) if neg else words


@lru_cache(maxsize=1024)
def ordinal(n: int, gb: bool = True) -> str:
    words = num2words(n, lang="en", to="ordinal").replace(",", "")
    if not gb:
        words = words.replace(" and ", " ")
    return words


@lru_cache(maxsize=1024)
def year(n: int, gb: bool = True) -> str:
    """Years as said: "nineteen ninety-eight", "two thousand and five", "twenty ten"."""
    if 2000 <= n <= 2009:
        return cardinal(n, gb)
    if not 1000 <= n <= 2099:
        return cardinal(n, gb)
    # num2words hyphenates "oh-five"; keep the tens hyphen ("ninety-eight")
    return num2words(n, lang="en", to="year").replace("oh-", "oh ")


def plural_word(words: str) -> str:
    """"sixty" -> "sixties", "twenty ten" -> "twenty tens" (decades)."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    if words.endswith("x"):
        return words + "es"
    return words + "s"
