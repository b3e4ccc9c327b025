"""Which language an article is written in, for the offline extractor (its rules read English only).

Only what is clearly not English is refused, so short, headline-like or name-heavy English is always read:
- mostly non-Latin letters (Chinese, Arabic, Cyrillic, ...): not English;
- Latin letters: English when English function words ('the', 'of', 'was') make up a normal share of the words
  (a cheap check that needs no model); otherwise, with enough words to judge, the detector decides, and only a
  confident non-English answer refuses.
The detector is py3langid (langid.py's model, shipped inside its package: no download at run time). Its model takes
about a second to load, so it is loaded on first use, and only for texts the cheap checks cannot settle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import config

ENGLISH_FUNCTION_WORDS = frozenset("""the of and to in a is was for that on with as by at from it he she his her
    they their has have had were are be been will would not an this which who said but its after more than about
    also into over when""".split())

# Names of the languages py3langid tells apart most often in news (others are shown by their ISO 639-1 code).
LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ka": "Georgian", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "ms": "Malay", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1 ('en', 'zh'), or 'und' when nothing could be judged
    english: bool  # the offline extractor can read it
    confident: bool  # the answer is clear enough to refuse on

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES.get(self.code, self.code)


_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][a-z]+)?")


def detect(text: str, *, short: bool = False) -> Language:
    """The language of ``text``, judged as described in the module docstring. ``short``: ask the detector even
    below the minimum word count (for a text the extractor found nothing to read in)."""
    letters = _LETTER.findall(text)
    if not letters:
        return Language("und", english=True, confident=False)
    latin = sum(1 for ch in letters if ch.isascii() or "\u00c0" <= ch <= "\u024f")
    if latin / len(letters) < config.LANGUAGE_MIN_LATIN_SHARE:
        return Language(_identify(text)[0], english=False, confident=True)
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return Language("und", english=True, confident=False)
    share = sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS) / len(words)
    if share >= config.LANGUAGE_ENGLISH_FUNCTION_SHARE or (len(words) < config.LANGUAGE_MIN_WORDS and not short):
        return Language("en", english=True, confident=share >= config.LANGUAGE_ENGLISH_FUNCTION_SHARE)
    code, prob = _identify(text)
    confident = prob >= config.LANGUAGE_MIN_CONFIDENCE
    return Language(code, english=code == "en" or not confident, confident=confident)


def _identify(text: str) -> tuple[str, float]:
    code, prob = _identifier().classify(text[: config.LANGUAGE_SAMPLE_CHARS])
    return str(code), float(prob)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # heavy: loaded on first use only

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def not_english_message(source: str | None, language: Language) -> str:
    """The one line the CLI prints when the offline extractor cannot read an article."""
    where = f"{source}: " if source else ""
    return (f"{where}the article is in {language.name}, not English, and the offline extractor (--backend local) "
            "reads English only: use the model backend (--backend openai), which can read it")
