"""The offline extractor reads English only: it refuses what is clearly another language, and reads any English."""

from __future__ import annotations

import pytest

from summarizer.articles import article_from_text
from summarizer.errors import InputError
from summarizer.extract.local import extract_summary
from summarizer.language import detect

CHINESE = "中国重申与朝鲜的关系。习近平在北京会见了朝鲜领导人。双方讨论了合作问题。"
ARABIC = "أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد الوطني بعد اجتماع طويل مع ممثلي النقابات."
FRENCH = ("Le président de la République a annoncé hier une réforme des retraites très contestée par les syndicats, "
          "qui appellent à une grève générale dans toute la France dès lundi prochain pour protester.")


@pytest.mark.parametrize("text, name", [(CHINESE, "Chinese"), (ARABIC, "Arabic"), (FRENCH, "French")])
def test_a_clearly_foreign_article_is_refused_naming_its_language_and_the_model_backend(text, name):
    with pytest.raises(InputError) as exc:
        extract_summary(article_from_text(text, source="foreign.txt"))
    message = str(exc.value)
    assert name in message and "--backend openai" in message and "\n" not in message


def test_a_chinese_article_cut_in_half_is_refused_not_reported_identical():
    with pytest.raises(InputError):
        extract_summary(article_from_text(CHINESE[: len(CHINESE) // 2]))


@pytest.mark.parametrize("text", [
    "Biden wins.",
    "Zhao Leji, Kim Jong Un",
    "Apple, Google, Microsoft, Amazon, Meta: Big Tech earnings preview, Nasdaq, S&P 500, Dow Jones, Tesla, Nvidia, "
    "AMD, Intel, Qualcomm, Broadcom, Oracle, Salesforce, Adobe, Netflix, Spotify, Uber, Lyft, Airbnb",
    "Storm hits Sydney",
])
def test_short_headline_like_or_name_heavy_english_is_read_and_yields_a_claim(text):
    summary = extract_summary(article_from_text(text))
    assert summary.claims


def test_ordinary_english_prose_is_english_without_loading_the_detector(monkeypatch):
    import summarizer.language as language

    monkeypatch.setattr(language, "_identify", lambda text: pytest.fail("the detector was asked"))
    lang = detect("The minister said on Monday that the government would not raise taxes this year.")
    assert lang.code == "en" and lang.english and lang.confident
