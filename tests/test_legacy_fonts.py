"""TCVN3 and VNI text to Unicode: known strings, every vowel with every tone, detection."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.spreadsheets.legacy_fonts import (
    ASCII,
    TCVN3,
    UNICODE,
    VNI,
    decode,
    detect,
    font_encoding,
    sheet_preference,
    to_unicode,
)

# --- Inverse tables, written here from the code charts, independently of the module ---------

GRAVE, HOOK, TILDE, ACUTE, DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
TONES = ("", GRAVE, HOOK, TILDE, ACUTE, DOT)
BREVE, CIRCUMFLEX, HORN = "\u0306", "\u0302", "\u031b"

# TCVN3 (VN3) byte of each lowercase letter, tones in the order above (none first).
TCVN3_BYTES = {
    "a": (0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
TCVN3_CAPITALS = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}

# VNI-Windows: base letter, then one mark byte; lowercase marks, uppercase = byte - 0x20.
VNI_TONE = {GRAVE: 0xF8, HOOK: 0xFB, TILDE: 0xF5, ACUTE: 0xF9, DOT: 0xEF}
VNI_CIRCUMFLEX = {"": 0xE2, GRAVE: 0xE0, HOOK: 0xE5, TILDE: 0xE3, ACUTE: 0xE1, DOT: 0xE4}
VNI_BREVE = {"": 0xEA, GRAVE: 0xE8, HOOK: 0xFA, TILDE: 0xFC, ACUTE: 0xE9, DOT: 0xEB}
VNI_I = {"": 0x69, GRAVE: 0xEC, HOOK: 0xE6, TILDE: 0xF3, ACUTE: 0xED, DOT: 0xF2}
VNI_HORN = {"o": 0xF4, "u": 0xF6}  # ơ ư are single letters, toned by a following mark
VNI_D = 0xF1


def tcvn3(text: str) -> str:
    """Unicode → TCVN3 surface text (lowercase letters only, as VN3 has)."""
    table = {
        unicodedata.normalize("NFC", base + tone): chr(code)
        for base, codes in TCVN3_BYTES.items()
        for tone, code in zip(TONES, codes, strict=True)
    }
    table.update({k: chr(v) for k, v in TCVN3_CAPITALS.items()})
    table.update({"đ": chr(0xAE)})
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def vni(text: str) -> str:
    return "".join(_vni_letter(ch) for ch in unicodedata.normalize("NFC", text))


def _vni_letter(ch: str) -> str:
    upper = ch.isupper()
    parts = unicodedata.normalize("NFD", ch.lower())
    base, marks = parts[0], parts[1:]
    tone = next((m for m in marks if m in VNI_TONE), "")
    if ch.lower() == "đ":
        out = chr(VNI_D)
    elif base == "i":
        out = chr(VNI_I[tone])
    elif CIRCUMFLEX in marks:
        out = base + chr(VNI_CIRCUMFLEX[tone])
    elif BREVE in marks:
        out = base + chr(VNI_BREVE[tone])
    elif HORN in marks:
        out = chr(VNI_HORN[base]) + (chr(VNI_TONE[tone]) if tone else "")
    elif tone and base in "aeouy":
        out = base + chr(VNI_TONE[tone])
    else:
        return ch
    return "".join(c.upper() if upper else c for c in out)


VOWELS = "aăâeêioôơuưy"
EVERY_LOWER = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
EVERY_LETTER = EVERY_LOWER + [letter.upper() for letter in EVERY_LOWER]


# --- Known strings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("legacy", "encoding", "unicode"),
    [
        ("Hµ Néi", TCVN3, "Hà Nội"),
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", TCVN3, "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", TCVN3, "Độc lập - Tự do - Hạnh phúc"),
        ("Haø Noäi", VNI, "Hà Nội"),
        ("Ñaø Naüng", VNI, "Đà Nẵng"),
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", VNI, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ],
)
def test_known_strings_convert_and_are_detected(legacy: str, encoding: str, unicode: str) -> None:
    assert to_unicode(legacy, encoding) == unicode
    assert detect(legacy) == encoding
    assert decode(legacy) == decode(legacy, None, None)
    assert decode(legacy).text == unicode


def test_every_vowel_with_every_tone_round_trips_through_tcvn3() -> None:
    for letter in EVERY_LOWER + list(TCVN3_CAPITALS):
        legacy = tcvn3(letter)
        assert all(ord(ch) <= 0xFF for ch in legacy), letter  # 8-bit, as the fonts are
        assert to_unicode(legacy, TCVN3) == letter, (letter, legacy)


def test_every_vowel_with_every_tone_round_trips_through_vni_both_cases() -> None:
    for letter in EVERY_LETTER:
        legacy = vni(letter)
        assert all(ord(ch) <= 0xFF for ch in legacy), letter
        assert to_unicode(legacy, VNI) == letter, (letter, legacy)


def test_vni_capital_letter_with_lowercase_mark_is_read_too() -> None:
    assert to_unicode("Aùnh", VNI) == "Ánh"


@given(st.lists(st.sampled_from(EVERY_LOWER + list("bcdghklmnpqrstvx ")), max_size=40))
def test_any_lowercase_text_round_trips(letters: list[str]) -> None:
    text = "".join(letters)
    assert to_unicode(tcvn3(text), TCVN3) == text
    assert to_unicode(vni(text), VNI) == text


# --- Fonts --------------------------------------------------------------------------------


def test_font_names_decide() -> None:
    assert font_encoding(".VnTime").encoding == TCVN3
    assert font_encoding(".VnArial Narrow").encoding == TCVN3
    assert font_encoding(".VnTimeH") == font_encoding(".VnArialH")
    assert font_encoding(".VnTimeH").uppercase
    assert not font_encoding(".VnTime").uppercase
    assert font_encoding("VNI-Times").encoding == VNI
    assert font_encoding("VNI-Helve-Condense").encoding == VNI
    assert font_encoding("Times New Roman").encoding is None
    assert font_encoding(None).encoding is None


def test_the_font_wins_over_the_characters() -> None:
    # "Bé" is a fine Unicode word; in a .VnTime cell it is TCVN3 for "Bộ".
    assert decode("Bé", ".VnTime").text == "Bộ"
    assert decode("Bé").text == "Bé"
    assert decode("Hoà", "VNI-Times").text == "Hồ"


def test_capitals_font_gives_capitals() -> None:
    decoded = decode("uû ban nh©n d©n x· t©n tiÕn", ".VnTimeH")
    assert decoded.text == "UỶ BAN NHÂN DÂN XÃ TÂN TIẾN"
    assert decoded.uppercase and decoded.encoding == TCVN3
    assert decode("ubnd", ".VnTimeH").text == "UBND"


# --- Unicode and ASCII are left alone -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Nguyễn Thị Hoà", "Đặng Văn Đức", "Võ Bá Tú", "Lê Hà", "Hoà", "Tổ dân phố 3", "Y Bih Niê"],
)
def test_unicode_vietnamese_is_untouched(text: str) -> None:
    decoded = decode(text)
    assert decoded.text == text
    assert decoded.encoding in (UNICODE, ASCII) or decoded.encoding == UNICODE


def test_unicode_is_untouched_even_in_a_legacy_font() -> None:
    assert decode("Nguyễn Văn An", ".VnTime").text == "Nguyễn Văn An"


def test_ascii_is_ascii() -> None:
    assert decode("Nguyen Van An 0987654321") == decode("Nguyen Van An 0987654321", None)
    assert decode("UBND").encoding == ASCII


def test_nfd_input_comes_back_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    decoded = decode(nfd)
    assert decoded.text == "Nguyễn Thị Hoà"
    assert unicodedata.is_normalized("NFC", decoded.text)
    assert decoded.encoding == UNICODE


# --- Detection without fonts --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("NguyÔn V¨n An", TCVN3),
        ("TrÇn ThÞ Thu Hµ", TCVN3),
        ("Th«n §«ng Hoµ", TCVN3),
        ("Nguyeãn Vaên An", VNI),
        ("Traàn Thò Thu Haø", VNI),
        ("Thoân Ñoâng Hoøa", VNI),
    ],
)
def test_names_without_font_are_detected(text: str, encoding: str) -> None:
    assert detect(text) == encoding


def test_a_tie_keeps_the_text_unless_the_sheet_says_otherwise() -> None:
    # "Hoà" is Unicode "Hoà" and also VNI for "Hồ": alone it stays as it is.
    assert decode("Hoà").text == "Hoà"
    assert decode("Hoà", None, VNI).text == "Hồ"
    assert decode("Haø", None, TCVN3).text == "Hà"  # a clear reading beats the preference


def test_sheet_preference_needs_a_sheet_without_unicode() -> None:
    assert sheet_preference({TCVN3: 40, ASCII: 10}) == TCVN3
    assert sheet_preference({VNI: 3, TCVN3: 1}) == VNI
    assert sheet_preference({TCVN3: 40, UNICODE: 1}) is None
    assert sheet_preference({ASCII: 5}) is None
