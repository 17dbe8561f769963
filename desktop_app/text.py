"""Vietnamese text: NFC at every boundary, folded search text, and the name sort key."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_INLINE_SPACES = re.compile(r"[^\S\n]+")
_TOKEN = re.compile(r"[0-9a-z]+")

# The Vietnamese alphabet in dictionary order (CLDR `vi`), plus f j w z for foreign names.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}

# Tone marks are a secondary difference, ordered: none < huyền < hỏi < ngã < sắc < nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a distinct letter (ă â ê ô ơ ư) stay with their base letter.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}

# Key characters are printable ASCII so that byte order (SQLite) and the "C" collation
# (PostgreSQL) both sort stored keys the way Vietnamese readers expect.
_LEVEL_SEP = " "  # below every other key character: shorter strings sort first
_WORD_SEP = "!"
_LETTER_BASE = ord("A")


def nfc(value: str) -> str:
    """The NFC form of `value`; every string entering the app goes through here."""
    return unicodedata.normalize("NFC", value)


def clean(value: str | None) -> str | None:
    """NFC, trimmed, inner whitespace collapsed; empty becomes None."""
    if value is None:
        return None
    text = _SPACES.sub(" ", nfc(value)).strip()
    return text or None


def clean_multiline(value: str | None) -> str | None:
    """Like `clean`, but line breaks (minutes, recipients, notes) survive; blank edges go."""
    if value is None:
        return None
    lines = (_INLINE_SPACES.sub(" ", line).strip() for line in nfc(value).splitlines())
    text = "\n".join(lines).strip("\n")
    return text or None


def fold(value: str) -> str:
    """Search form: no diacritics, đ→d, case-folded, single spaces ("Hoà" == "Hòa" == "hoa")."""
    return _SPACES.sub(" ", value.translate(_FOLDED)).strip()


class _FoldTable(dict[int, str]):
    """Each character's folded form, worked out the first time `str.translate` asks.

    Decomposing, dropping combining marks, đ→d and case folding all act character by
    character, so folding each character alone gives what folding the whole text would,
    without a Unicode pass over every name of a province.
    """

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code))
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        folded = stripped.replace("đ", "d").replace("Đ", "D").casefold()
        self[code] = folded
        return folded


_FOLDED = _FoldTable()


def tokens(value: str) -> list[str]:
    """The folded words of `value`, in order, as the search index stores them."""
    return _TOKEN.findall(fold(value))


def split_name(full_name: str, given_override: str | None = None) -> tuple[str, str]:
    """(given name, family and middle names) of a Vietnamese full name.

    The given name is the last word, unless `given_override` names it (as for Ê Đê
    names like "Y Bih Niê", where the clan name comes last).
    """
    name = clean(full_name) or ""
    override = clean(given_override)
    if override:
        rest = name.replace(override, " ", 1) if override in name else name
        return override, _SPACES.sub(" ", rest).strip()
    family, _, given = name.rpartition(" ")
    return given, family


def collation_key(value: str) -> str:
    """A string whose code-point order is Vietnamese dictionary order of `value`."""
    keys = [_word_key(word) for word in (clean(value) or "").split(" ")]
    primary = _WORD_SEP.join(k[0] for k in keys)
    secondary = "".join(k[1] for k in keys)
    tertiary = "".join(k[2] for k in keys)
    return _LEVEL_SEP.join((primary, secondary, tertiary))


@functools.lru_cache(maxsize=65_536)
def _word_key(word: str) -> tuple[str, str, str]:
    """The three levels of one word; names repeat so much (Nguyễn, Thị, Văn) that a cache
    makes sorting a province's residents several times faster (docs/performance.md)."""
    keys = [_CHAR_KEYS[ch] for ch in word]
    if None in keys:  # a mark NFC could not compose with its letter
        return _cluster_key(word)
    return (
        "".join(k[0] for k in keys if k),
        "".join(k[1] for k in keys if k),
        "".join(k[2] for k in keys if k),
    )


class _CharKeys(dict[str, tuple[str, str, str] | None]):
    """Each precomposed character's three key levels, worked out the first time it is met.

    In NFC text a Vietnamese letter with its marks is one character, so words the cache has
    not seen (house numbers, codes, rare names) are keyed a character at a time; a lone
    combining mark, or a character that decomposes into several letters (Hangul), maps to
    None and sends the word through the cluster analysis.
    """

    def __missing__(self, ch: str) -> tuple[str, str, str] | None:
        key = None
        cluster = unicodedata.normalize("NFD", ch)
        if not any(unicodedata.combining(c) for c in cluster[:1]) and all(
            unicodedata.combining(c) for c in cluster[1:]
        ):
            letter, tone, upper = _analyse(cluster)
            key = (_primary_char(letter), str(tone), "1" if upper else "0")
        self[ch] = key
        return key


_CHAR_KEYS = _CharKeys()


def _cluster_key(word: str) -> tuple[str, str, str]:
    primary: list[str] = []
    secondary: list[str] = []
    tertiary: list[str] = []
    for cluster in _letters(word):
        letter, tone, upper = _analyse(cluster)
        primary.append(_primary_char(letter))
        secondary.append(str(tone))
        tertiary.append("1" if upper else "0")
    return "".join(primary), "".join(secondary), "".join(tertiary)


def name_sort_key(full_name: str, given_override: str | None = None) -> str:
    """Sort key for people: given name first, then family and middle names."""
    given, family = split_name(full_name, given_override)
    g_primary, g_secondary, g_tertiary = collation_key(given).split(_LEVEL_SEP)
    f_primary, f_secondary, f_tertiary = collation_key(family).split(_LEVEL_SEP)
    primary = f"{g_primary}{_WORD_SEP}{_WORD_SEP}{f_primary}"
    return _LEVEL_SEP.join((primary, g_secondary + f_secondary, g_tertiary + f_tertiary))


def _letters(word: str) -> list[str]:
    """Split a word into base letters with their combining marks."""
    clusters: list[str] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and clusters:
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def _analyse(cluster: str) -> tuple[str, int, bool]:
    """(letter with its letter-forming marks, tone rank, is upper case) of one cluster."""
    base = cluster[0]
    upper = base.isupper()
    letter_marks = "".join(m for m in cluster[1:] if m in _LETTER_MARKS)
    tone = next((_TONES[m] for m in cluster[1:] if m in _TONES), 0)
    letter = unicodedata.normalize("NFC", base.lower() + letter_marks)
    return letter, tone, upper


def _primary_char(letter: str) -> str:
    rank = _RANK.get(letter)
    if rank is not None:
        return chr(_LETTER_BASE + rank)
    if letter.isdigit():
        return letter
    # Anything else sorts after the alphabet, in code-point order among itself.
    return "~"
