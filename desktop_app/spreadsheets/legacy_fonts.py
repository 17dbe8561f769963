"""Legacy Vietnamese encodings of old spreadsheets (TCVN3 ".VnTime", VNI "VNI-Times") to Unicode.

Before Unicode, Vietnamese text was typed with 8-bit fonts: the bytes are ordinary Windows
characters ("Hµ Néi") that only the font draws as Vietnamese ("Hà Nội"). Excel keeps the
bytes and the font name, so a cell is converted by its font first and, when the font says
nothing, by which reading of its characters looks like Vietnamese syllables.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

ASCII, UNICODE, TCVN3, VNI = "ascii", "unicode", "tcvn3", "vni"

# --- Tables --------------------------------------------------------------------------------
# Both are the standard code charts — TCVN3 is TCVN 5712:1993 "VN3" (the ABC .Vn fonts),
# VNI is the VNI-Windows layout of the VNI fonts — written out here and cross-checked
# against the tables of the `viparse` package (MIT, normalize/tcvn3.py and vni.py), which
# were validated on real government documents; `tests/test_legacy_fonts.py` round-trips
# every vowel with every tone through an independently written inverse.

# TCVN3: one character per letter. Tones in the order huyền, hỏi, ngã, sắc, nặng. VN3 has
# no uppercase toned letters: `.VnTimeH` fonts draw the lowercase codes as capitals.
_TCVN3_ROWS = (
    ("àảãáạ", "µ¶·¸¹"),
    ("ằẳẵắặ", "»¼½¾Æ"),
    ("ầẩẫấậ", "ÇÈÉÊË"),
    ("èẻẽéẹ", "ÌÎÏÐÑ"),
    ("ềểễếệ", "ÒÓÔÕÖ"),
    ("ìỉĩíị", "×ØÜÝÞ"),
    ("òỏõóọ", "ßáâãä"),
    ("ồổỗốộ", "åæçèé"),
    ("ờởỡớợ", "êëìíî"),
    ("ùủũúụ", "ïñòóô"),
    ("ừửữứự", "õö÷øù"),
    ("ỳỷỹýỵ", "úûüýþ"),
    ("ăâêôơưđ", "¨©ª«¬\xad®"),
    ("ĂÂÊÔƠƯĐ", "¡¢£¤¥¦§"),
)

# VNI: a base letter followed by one mark character (i-letters and đ are single characters).
# Per lowercase letter: the plain form, then huyền, hỏi, ngã, sắc, nặng. The uppercase
# sequence of a letter is `.upper()` of its lowercase one ("aø" à → "AØ" À).
_VNI_ROWS = (
    ("a", "a aø aû aõ aù aï"),
    ("ă", "aê aè aú aü aé aë"),
    ("â", "aâ aà aå aã aá aä"),
    ("e", "e eø eû eõ eù eï"),
    ("ê", "eâ eà eå eã eá eä"),
    ("i", "i ì æ ó í ò"),
    ("o", "o oø oû oõ où oï"),
    ("ô", "oâ oà oå oã oá oä"),
    ("ơ", "ô ôø ôû ôõ ôù ôï"),
    ("u", "u uø uû uõ uù uï"),
    ("ư", "ö öø öû öõ öù öï"),
    ("y", "y yø yû yõ yù yï"),
    ("đ", "ñ"),
)
_TONES = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng


def _tcvn3_table() -> dict[str, str]:
    pairs = (zip(codes, letters, strict=True) for letters, codes in _TCVN3_ROWS)
    return {legacy: letter for row in pairs for legacy, letter in row}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for base, forms in _VNI_ROWS:
        for tone, legacy in enumerate(forms.split()):
            letter = unicodedata.normalize("NFC", base + (_TONES[tone - 1] if tone else ""))
            if legacy != base:
                table[legacy] = letter
                table[legacy.upper()] = letter.upper()
                # Capital base with a lowercase mark ("Aù"): seen where Caps Lock met VNI.
                table[legacy[0].upper() + legacy[1:]] = letter.upper()
    return table


TCVN3_TABLE = _tcvn3_table()
VNI_TABLE = _vni_table()

# --- Fonts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FontEncoding:
    encoding: str | None  # TCVN3, VNI, or None when the font says nothing
    uppercase: bool  # a TCVN3 capitals font (".VnTimeH"): text is shown in capitals


def font_encoding(font_name: str | None) -> FontEncoding:
    """What a cell's font says about its text: ".VnTime…" is TCVN3, "VNI-…" is VNI."""
    name = (font_name or "").strip()
    if name.startswith(".Vn"):
        return FontEncoding(TCVN3, name.endswith("H"))
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return FontEncoding(VNI, False)
    return FontEncoding(None, False)


# --- Conversion ----------------------------------------------------------------------------


def to_unicode(text: str, encoding: str) -> str:
    """`text` read as `encoding` (TCVN3 or VNI), in NFC; other encodings return it as NFC."""
    if encoding == TCVN3:
        return unicodedata.normalize("NFC", "".join(TCVN3_TABLE.get(ch, ch) for ch in text))
    if encoding == VNI:
        return unicodedata.normalize("NFC", _vni_decode(text))
    return unicodedata.normalize("NFC", text)


def _vni_decode(text: str) -> str:
    out: list[str] = []
    position = 0
    while position < len(text):
        pair = text[position : position + 2]
        if len(pair) == 2 and pair in VNI_TABLE:
            out.append(VNI_TABLE[pair])
            position += 2
        else:
            out.append(VNI_TABLE.get(text[position], text[position]))
            position += 1
    return "".join(out)


@dataclass(frozen=True)
class Decoded:
    text: str  # Unicode, NFC
    encoding: str  # ASCII, UNICODE, TCVN3 or VNI: what the cell was written in
    uppercase: bool = False  # drawn by a capitals font: names may want re-capitalising


@lru_cache(maxsize=65536)
def decode(text: str, font_name: str | None = None, prefer: str | None = None) -> Decoded:
    """The Unicode text of a cell: by its font first, else by its characters.

    `prefer` (TCVN3 or VNI) breaks ties for text that reads as Vietnamese either way
    ("Hoà" is Unicode "Hoà" or VNI "Hồ"); the reader passes the encoding the rest of the
    sheet was found to use.
    """
    font = font_encoding(font_name)
    if text.isascii():
        return Decoded(text.upper() if font.uppercase else text, ASCII, font.uppercase)
    if _has_unicode_vietnamese(text):
        return Decoded(unicodedata.normalize("NFC", text), UNICODE)
    encoding = font.encoding or detect(text, prefer)
    result = to_unicode(text, encoding)
    return Decoded(result.upper() if font.uppercase else result, encoding, font.uppercase)


def _has_unicode_vietnamese(text: str) -> bool:
    """Letters no legacy font produces (ạ ơ ư đ…) or combining marks (NFD input)."""
    return any(
        "\u0100" <= ch <= "\u01b0" or "\u1ea0" <= ch <= "\u1ef9" or unicodedata.combining(ch)
        for ch in text
    )


# --- Detection by characters ---------------------------------------------------------------

_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
# Vowel nuclei with their medial o/u glide ("hoàng", "tuyết", "thuở").
_NUCLEUS = "(?:uyê|uya|iê|yê|ia|ya|ua|uô|ưa|ươ|oo|oa|oă|oe|uâ|uê|uy|uơ|[aăâeêioôơuưy])"
# A glide ending goes with some vowels only ("ai", "ươu"; never "ei"): that rejects "Néi".
_GLIDED = "(?:(?:a|â|o|ô|ơ|u|ư|uô|ươ|oa|uâ)[iy]|(?:a|e|oa|oe)o|(?:a|â|ê|i|ư|iê|yê|ươ|uy)u)"
_RHYME = f"(?:{_GLIDED}|{_NUCLEUS}(?:ch|nh|ng|[cmnpt])?)"
_SYLLABLE = re.compile(f"^{_ONSET}{_RHYME}$")
_LETTER_MARKS = {"\u0306": "a", "\u0302": "aeo", "\u031b": "ou"}  # breve, circumflex, horn
_WORD = re.compile(r"[^\s0-9!-/:-@\[-`{-~]+")


@lru_cache(maxsize=65536)
def detect(text: str, prefer: str | None = None) -> str:
    """UNICODE, TCVN3 or VNI: the reading of `text` with the fewest non-Vietnamese words.

    The text as it stands wins every tie, except against `prefer`.
    """
    raw = unicodedata.normalize("NFC", text)
    scores = {
        UNICODE: _bad_words(raw),
        TCVN3: _bad_words(to_unicode(raw, TCVN3)),
        VNI: _bad_words(to_unicode(raw, VNI)),
    }
    best = min(scores.values())
    if prefer in scores and scores[prefer] == best:
        return prefer
    return next(name for name in (UNICODE, TCVN3, VNI) if scores[name] == best)


def sheet_preference(found: Mapping[str, int]) -> str | None:
    """The legacy encoding a sheet is written in, from how many cells each was found in.

    Only when no cell holds real Unicode Vietnamese: a Unicode sheet may well have cells
    that would also read as legacy text ("Võ Bá Tú" is TCVN3 for "Vừ Bỏ Tỳ").
    """
    if found.get(UNICODE):
        return None
    legacy = {name: found.get(name, 0) for name in (TCVN3, VNI)}
    best = max(legacy, key=lambda name: legacy[name])
    return best if legacy[best] else None


def _bad_words(text: str) -> int:
    return sum(not is_vietnamese_word(word) for word in _WORD.findall(text))


def is_vietnamese_word(word: str) -> bool:
    """Whether `word` spells one Vietnamese syllable: its letters, one tone on a vowel."""
    tones = 0
    letters: list[str] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONES:
            if not letters or letters[-1][0] not in "aeiouy":
                return False
            tones += 1
        elif ch in _LETTER_MARKS:
            if not letters or letters[-1] not in _LETTER_MARKS[ch]:
                return False
            letters[-1] += ch
        elif (ch.isascii() and ch.isalpha()) or ch == "đ":
            letters.append(ch)
        else:
            return False
    bare = unicodedata.normalize("NFC", "".join(letters))
    return tones <= 1 and _SYLLABLE.match(bare) is not None
