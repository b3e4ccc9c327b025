"""The offline extractor's rules, each on a small sentence, and the example pair end to end."""

from __future__ import annotations

import pytest

from summarizer import diff, extract_summary, load_article
from summarizer.articles import article_from_text
from summarizer.extract.local import split_sentences
from summarizer.normalize import TimeParts, entity_key, find_times, parse_number, resolve_time


def one(text: str, **kw):
    s = extract_summary(article_from_text(text, **kw))
    return s


def test_sentences_survive_abbreviations_and_quotes():
    sents = split_sentences('Mr. Smith met U.S. officials on Jan. 5. "We agreed," he said. Talks resume today.')
    assert len(sents) == 3


def test_dateline_is_stripped_and_gives_the_place():
    s = one("CANBERRA - An Australian pleaded guilty on Thursday to manslaughter in the death of an American.")
    c = s.claims[0]
    assert c.text.startswith("An Australian")
    assert c.place == "Canberra"
    assert c.evidence.startswith("CANBERRA")


@pytest.mark.parametrize("dateline, city", [
    ("PUNTA ARENAS, Chile, 14 May - ", "Punta Arenas"),
    ("KITWE, Zambia (Sept. 22) - ", "Kitwe"),
    ("NEW YORK, March 3 (AP) \u2014 ", "New York"),
    ("MONCTON, New Brunswick, 6 November - ", "Moncton"),
    ("LONDON (Reuters) - ", "London"),
])
def test_a_wire_dateline_with_country_date_or_agency_is_stripped_and_gives_the_place(dateline, city):
    c = one(dateline + "A cargo ship ran aground in the strait early on Wednesday, the navy said.").claims[0]
    assert c.text.startswith("A cargo ship")
    assert c.place == city
    assert not {a.upper() for a in c.actors} & {city.upper()}


def test_the_filing_date_of_a_dateline_dates_a_lead_that_names_only_a_weekday():
    c = one("PUNTA ARENAS, Chile, 14 May - A cargo ship ran aground early on Wednesday, the navy said.").claims[0]
    assert c.time_text == "14 May"
    report = diff(one("PUNTA ARENAS, Chile, 14 May - A cargo ship ran aground early on Wednesday, the navy said."),
                  one("A cargo ship ran aground early on Wednesday, May 14, the navy said."))
    assert report.verdict in ("identical", "consistent")


def test_independent_facts_are_split_into_clauses():
    s = one("China has refused to criticise the invasion, but says it will not provide Moscow with support.")
    assert [c.text for c in s.claims] == ["China has refused to criticise the invasion.",
                                          "China says it will not provide Moscow with support."]
    assert s.claims[1].kind == "prediction" and s.claims[1].negated and s.claims[1].attribution == "China"


def test_entities_merge_surname_mentions():
    s = one("North Korean leader Kim Jong-un met officials. Later, Kim inspected a factory in Pyongyang.")
    kim = [e for e in s.entities if e.name == "Kim Jong-un"][0]
    assert kim.type == "person" and "Kim" in kim.aliases


def test_times_absolute_month_year_and_weekday():
    assert find_times("on May 29, 1943")[0][3].iso() == "1943-05-29"
    assert find_times("in September 2023")[0][3].iso() == "2023-09"
    assert find_times("held two summits in 2019")[0][3].iso() == "2019"
    assert find_times("during the 1950-1953 Korean war")[0][3].iso() == "1950/1953"
    assert find_times("met on Saturday")[0][3].weekday == 5


def test_relative_times_resolve_only_with_a_publication_date():
    pub = TimeParts(year=2024, month=4, day=13)
    sat = find_times("on Saturday")[0][3]
    assert resolve_time(sat, pub).iso() == "2024-04-13"
    assert resolve_time(sat, None).iso() is None
    assert resolve_time(find_times("75 years ago")[0][3], pub).iso() == "1949"
    assert resolve_time(find_times("in September")[0][3], pub).iso() == "2023-09"
    assert resolve_time(find_times("last year")[0][3], pub).iso() == "2023"


def test_publication_date_line_resolves_claim_times():
    s = one("Published: April 13, 2024\n\nZhao met Kim on Saturday in Pyongyang.")
    assert s.publication_date == "2024-04-13"
    assert s.claims[0].time == "2024-04-13"


def test_quantities_with_number_words_and_units():
    c = one("The 92-year-old posed for seventy-five portraits during a three-day visit.").claims[0]
    got = {(q.value, q.unit) for q in c.quantities}
    assert (75.0, "portrait") in got and (3.0, "day") in got and (92.0, "year") in got
    assert parse_number("2.5 million") == 2_500_000 and parse_number("one hundred and twenty") == 120


def test_a_rate_ends_its_sentence_and_keeps_its_unit():
    s = extract_summary(article_from_text("Winds hit 150 km/h. Fire crews said two people were hurt."))
    assert [c.text for c in s.claims][:1] == ["Winds hit 150 km/h."]
    assert [(q.value, q.unit) for q in s.claims[0].quantities] == [(150.0, "kilometre per hour")]


def test_attribution_from_reporting_phrases():
    assert one("Zhao met Choe on Thursday, the official news agency reported.").claims[0].attribution == \
        "the official news agency"
    assert one("According to Xinhua, the talks lasted two hours.").claims[0].attribution == "Xinhua"
    c = one("The US and South Korea accuse North Korea of supplying weapons.").claims[0]
    assert c.attribution == "the US and South Korea" and c.certainty == "alleged"


def test_certainty_hedges_and_denials():
    assert one("The economy was allegedly propped up by China.").claims[0].certainty == "alleged"
    assert one("The talks may resume in May.").claims[0].certainty == "speculative"
    assert one("The visit was seen as a strategic move.").claims[0].certainty == "speculative"
    assert one("The ministry denied that troops crossed the border.").claims[0].certainty == "denied"
    assert one("Troops crossed the border at dawn.").claims[0].certainty == "asserted"


def test_negation():
    assert one("China has not provided military support.").claims[0].negated
    assert not one("China has provided military support.").claims[0].negated


def test_quotes_with_speaker():
    s = one('Since 1949 the two have been "good neighbours and comrades in arms", Xinhua quoted Zhao as saying.')
    assert s.quotes[0].text == "good neighbours and comrades in arms" and s.quotes[0].verbatim
    assert s.claims[0].attribution == "Xinhua"


def test_alias_keys():
    assert entity_key("Kim Jong-un") == entity_key("Kim Jong Un")
    assert entity_key("US") == entity_key("U.S.") == entity_key("United States")
    assert entity_key("Nato") == entity_key("NATO") and entity_key("Covid-19") == entity_key("COVID-19")


def test_every_claim_is_grounded_in_its_sentence(korea_pair):
    s = extract_summary(load_article(korea_pair[0]))
    text = load_article(korea_pair[0]).text
    assert all(c.evidence in text for c in s.claims)


def test_example_pair_offline_findings(korea_pair):
    old, new = (extract_summary(load_article(p)) for p in korea_pair)
    report = diff(old, new)
    assert report.verdict == "contradictions"
    contradictions = [(ch.old_claim.text, f.field, f.old, f.new) for ch in report.changes
                      for f in ch.fields if f.severity == "contradiction"]
    assert any("Russia" in t and field == "time" and o == "in September" and n == "2019"
               for t, field, o, n in contradictions)
    removed = [ch.old_claim.text for ch in report.changes if ch.kind == "removed"]
    assert any("Choe Ryong-hae" in t for t in removed)
    assert any("accuse North Korea of supplying conventional weapons" in t for t in removed)
    added = [ch.new_claim.text for ch in report.changes if ch.kind == "added"]
    assert any("crucial for its survival" in t for t in added)
    assert any("easing of travel restrictions" in t for t in added)
    pledge = [f for ch in report.changes for f in ch.fields
              if ch.old_claim and "will not provide" in ch.old_claim.text]
    assert {(f.field, f.change) for f in pledge} >= {("modality", "weakened"), ("attribution", "detached")}


def test_appositive_roles_become_aliases_when_unambiguous():
    s = one("The country's leader, Kim Jong-un, met officials. Later the country's leader inspected a factory.")
    kim = [e for e in s.entities if e.name == "Kim Jong-un"][0]
    assert "The country's leader" in kim.aliases
    assert s.claims[1].actors == ["Kim Jong-un"]


def test_quantity_ranges_give_both_bounds():
    c = one("Between 10 and 20 people attended, and 30-40 percent voted.").claims[0]
    assert [(q.value, q.unit) for q in c.quantities] == [(10, "people"), (20, "people"), (30, "percent"),
                                                          (40, "percent")]


def test_ordinals_are_ranks_not_counts():
    # 'the 11th case' counts no cases: it is a position, compared with other positions ('placed 14th' -> '19th')
    c = one("This is the 11th case of the virus found in wild birds this year.").claims[0]
    assert [(q.value, q.unit) for q in c.quantities] == [(11.0, "rank")]
    assert one("The vote is on March 14th in Leeds.").claims[0].quantities == []  # a day of a date is the time's


@pytest.mark.parametrize("text, source", [
    ('"We will rebuild the bridge by spring," Mayor Ana Ruiz said.', "Mayor Ana Ruiz"),
    ('"We will rebuild the bridge by spring," the mayor said.', "the mayor"),
    ('Mayor Ana Ruiz said: "We will rebuild the bridge by spring."', "Mayor Ana Ruiz"),
])
def test_a_quotation_claim_is_attributed_to_who_is_quoted(text, source):
    claim = extract_summary(article_from_text(text)).claims[0]
    assert claim.attribution == source and claim.certainty == "reported"


def test_a_reporting_verb_joined_to_another_verb_has_no_source_before_it():
    text = "Business groups criticised the decision and warned that small firms could cut jobs."
    assert all(c.attribution != "Business groups criticised the decision and"
               for c in extract_summary(article_from_text(text)).claims)


def test_a_second_verb_of_a_plain_noun_subject_inherits_it():
    claims = extract_summary(article_from_text(
        "Business groups welcomed the decision and said that small firms could hire more staff.")).claims
    assert [c.text for c in claims] == ["Business groups welcomed the decision.",
                                        "Business groups said that small firms could hire more staff."]


@pytest.mark.parametrize("text, source", [
    ('"This team can beat anyone," said coach Tran Minh Duc.', "coach Tran Minh Duc"),
    ("The plan failed, said former finance minister Ana Lee.", "former finance minister Ana Lee"),
    ("The plan failed, said Ana Lee.", "Ana Lee"),
    ("Mr. Smith, the mayor, said the plan failed.", "Mr. Smith, the mayor"),
    ('"We will not close a single ward," Health Minister Carmen Díaz told reporters in Seville.',
     "Health Minister Carmen Díaz"),
])
def test_the_source_after_the_reporting_verb_or_the_quotation_is_read(text, source):
    assert extract_summary(article_from_text(text)).claims[0].attribution == source


@pytest.mark.parametrize("ending", ["said Thursday.", "said on Thursday.", "said late Thursday.", "said earlier."])
def test_the_day_after_a_trailing_reporting_verb_is_when_not_who(ending):
    claim = extract_summary(article_from_text(f"Floods destroyed 120 houses, local officials {ending}")).claims[0]
    assert claim.attribution == "local officials"


def test_where_a_claim_happens_is_the_place_after_in_not_the_team_it_lost_to():
    summary = extract_summary(article_from_text("Manchester United lost 2-0 to Leeds in Manchester on Sunday."))
    assert summary.claims[0].place == "Manchester"


def test_a_venue_of_three_words_is_a_place_not_a_person():
    summary = extract_summary(article_from_text("The concert moved to the Ellis Park Stadium after a storm."))
    assert [(e.name, e.type) for e in summary.entities] == [("Ellis Park Stadium", "place")]
    assert summary.claims[0].place == "Ellis Park Stadium"


def test_a_month_that_begins_a_name_is_the_name():
    assert one("Council member April Ryan said the plan would work.").claims[0].actors == ["April Ryan"]
    assert one("In May Johnson announced the plan.").claims[0].actors == ["Johnson"]  # a time before a name
