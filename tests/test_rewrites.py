"""A full rewrite (a syndication desk's or an AI spinner's) says the same facts in other words: each phenomenon that
made such a rewrite look changed, on the smallest pair of texts (hand-written) that shows it, beside the true change
it must not hide."""

from __future__ import annotations

import pytest

from summarizer import diff
from summarizer.articles import article_from_text
from summarizer.compare import any_material
from summarizer.extract.local import extract_summary
from summarizer.lexicon import antonyms, lemmas, opposites


def compare(old: str, new: str):
    return diff(extract_summary(article_from_text(old)), extract_summary(article_from_text(new)))


def slots(report):
    return {(f.field, f.change, f.severity) for ch in report.changes for f in ch.fields}


def assert_no_material_change(report):
    """Nothing an editor is told changed (the summary's verdict is consistent or identical); the slots that did
    move are shown when it fails."""
    assert not any_material(report), slots(report)


def flagged(report):
    """What an editor is shown as a change of meaning: a contradiction, a distortion or an addition."""
    return {s for s in slots(report) if s[2] in ("contradiction", "distortion")} | \
        {("claim", ch.kind, ch.severity) for ch in report.changes if ch.severity == "addition"}


# --- the same name or number written another way ------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [
    ("Chief executive Nicolai Tangen said the result was driven by a small number of American companies.",
     "The result was driven by a handful of US companies, chief executive Nicolai Tangen said."),
    ("A passenger train derailed in the west of the country on Wednesday, injuring 23 people.",
     "Twenty-three people were hurt when a passenger train came off the rails in the west of the country on "
     "Wednesday."),
    ("The Economy Ministry reported a surplus of 518 billion pesos for January.",
     "According to the Economy Ministry, January's surplus came to 518 billion pesos."),
], ids=["US-for-American", "number-word-starting-a-sentence", "month-possessive"])
def test_a_name_or_number_written_another_way_is_no_unsupported_name(old, new):
    assert not any(f == "entity" for f, _, _ in slots(compare(old, new)))


def test_a_country_the_old_version_never_names_is_still_unsupported():
    report = compare("The result was driven by a small number of Canadian companies, the fund said.",
                     "The result was driven by a handful of US companies, the fund said.")
    assert {(f, sev) for f, _, sev in slots(report)} & {("entity", "contradiction"), ("actors", "contradiction")}


# --- a predicate said another way ---------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [
    # a verb with a particle is another verb: 'stay away' is not the opposite of 'change'
    ("Several players had said they would not return to the squad until changes were made.",
     "A number of players had said they would stay away from the squad until changes were made."),
    ("The bank said inflation was likely to keep rising in the coming months.",
     "Inflation was likely to go on rising in the months ahead, according to the bank."),
    ("Economists said the move would help restore confidence among foreign investors.",
     "The move would help win back the confidence of foreign investors, economists said."),
    # a stemmer cuts the non-word 'infully' to 'in': no opposite of 'fully'
    ("Federation president Pedro Rocha said Tome had the full support of the players.",
     "The players fully backed Tome, federation president Pedro Rocha told reporters."),
    # one direction in two words WordNet keeps apart, beside a 'cut' elsewhere in the article
    ("The government cut spending on schools.\nPoverty rates have risen, and unions staged a general strike.",
     "The government cut spending on schools.\nPoverty has increased, and unions held a general strike."),
    ("The survey's authors said a rise in protests had lowered the stability scores of several cities.",
     "According to the survey's authors, an increase in protests pulled down the stability scores of several "
     "cities."),
    # 'opened ... again' is 'reopened'
    ("Egypt reopened the museum's main galleries to visitors on Saturday after years of delays.\nThe museum is near "
     "the pyramids.",
     "After years of delays, the main galleries of the museum opened to the public again on Saturday.\nThe museum "
     "is near the pyramids."),
    # where a thing is: 'stands' and 'sits' are one
    ("A statue of Ramses II stands in the entrance hall.\nThe museum, near the pyramids of Giza, cost more than "
     "one billion dollars.",
     "A statue of Ramses II stands in the entrance hall.\nThe museum, which sits near the Giza pyramids, cost "
     "more than one billion dollars."),
], ids=["stay-away", "go-on-rising", "win-back", "prefix-non-word", "same-direction", "noun-same-direction",
        "reopened", "stands-sits"])
def test_a_predicate_said_another_way_is_no_reversal(old, new):
    assert not any(f == "action" and c == "flipped" for f, c, _ in slots(compare(old, new)))


def test_a_reversed_direction_is_still_a_reversal():
    report = compare("The government cut spending on schools.\nPoverty rates have risen sharply this year.",
                     "The government cut spending on schools.\nPoverty rates have fallen sharply this year.")
    assert ("action", "flipped", "contradiction") in slots(report)


def test_a_function_word_is_no_lemma_of_a_longer_word():
    assert lemmas("offer") == ("offer",)
    assert "on" not in opposites("offer")
    assert not antonyms("stand", "sit") and antonyms("rise", "fall")


# --- 'not' said by a verb -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [
    ("The plan needs to be approved by Congress, where the president lacks a majority.",
     "Congress, where the president does not have a majority, must approve the plan."),
    ("He stopped short of a formal new apology for the wartime abuses.",
     "He did not, however, offer a formal new apology for the wartime abuses."),
    ("The minister failed to win the support of her party for the reform.",
     "The minister did not win the support of her party for the reform."),
], ids=["lacks", "stopped-short-of", "failed-to"])
def test_a_verb_that_means_not_is_no_negation_flip(old, new):
    assert not any(f == "negation" for f, _, _ in slots(compare(old, new)))


def test_negating_the_verb_that_means_not_is_still_a_flip():
    report = compare("The president lacks a majority in Congress, where the plan must be approved.",
                     "The president does not lack a majority in Congress, where the plan must be approved.")
    assert ("negation", "flipped", "contradiction") in slots(report)


# --- a source put another way or moved ----------------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [
    ("Norway's sovereign wealth fund posted a return of 16.1 percent in 2023, its manager said on Wednesday.",
     "A return of 16.1 percent in 2023 was reported on Wednesday by the manager of Norway's sovereign wealth "
     "fund."),
    ("Prime Minister Ulf Kristersson has promised tougher sentences for gang crime.",
     "Tougher sentences for gang crime have been promised by Prime Minister Ulf Kristersson."),
    ("Last year 53 people were shot dead in the country, according to police figures.",
     "Police figures show that 53 people were shot dead in the country last year."),
    ("Vienna has been named the world's most liveable city for the third year running, according to a survey by "
     "the Economist Intelligence Unit.",
     "For a third consecutive year, Vienna has topped the Economist Intelligence Unit's survey of the world's most "
     "liveable cities."),
    ("The commission's chair, Martin Greer, said the penalty sent retailers a clear message.",
     "The penalty sent retailers a clear message, said Martin Greer, who chairs the commission."),
], ids=["passive-by", "promised-by", "figures-show", "possessive-survey", "said-name-who"])
def test_a_source_moved_into_the_sentence_is_not_detached(old, new):
    got = slots(compare(old, new))
    assert not any(f == "attribution" and c == "detached" for f, c, _ in got)
    assert not any(f == "certainty" for f, _, _ in got)


def test_a_source_that_became_the_subject_of_the_fact_is_still_detached():
    report = compare("Interior Minister Jan Novak said the suspect had fled the country by boat on Sunday.",
                     "The suspect fled the country by boat on Sunday.")
    assert ("attribution", "detached", "distortion") in slots(report)


@pytest.mark.parametrize("old, new", [
    ("Several players said they would not return until changes were made.",
     "A number of players said they would not return until changes were made."),
    ("Residents said they no longer felt safe in the area at night.",
     "People living in the area said they no longer felt safe there at night."),
    ("Irish low-cost airline Ryanair said on Monday that its quarterly profit rose to 1.25 billion euros.",
     "Ryanair's quarterly profit rose to 1.25 billion euros, the Irish budget carrier said on Monday."),
    ("In her resignation letter, Freeland said she and Trudeau had disagreed about how to respond to tariffs.",
     "According to her resignation letter, she and Trudeau had disagreed over how to respond to tariffs."),
], ids=["quantifier", "people-of-the-place", "description-of-the-named-source", "her-letter"])
def test_one_source_described_another_way_is_not_reattributed(old, new):
    assert not any(f == "attribution" and c == "reattributed" for f, c, _ in slots(compare(old, new)))


@pytest.mark.parametrize("old, new", [
    ("Irish low-cost airline Ryanair said on Monday that its quarterly profit rose to 1.25 billion euros.",
     "The union said on Monday that Ryanair's quarterly profit rose to 1.25 billion euros."),
    ("Residents said they no longer felt safe in the area at night.",
     "Police said people no longer felt safe in the area at night."),
], ids=["named-source-to-another-kind", "residents-to-police"])
def test_another_source_is_still_reattributed(old, new):
    assert ("attribution", "reattributed", "distortion") in slots(compare(old, new))


# --- plans and permissions put another way ------------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [
    ("Temperatures across the country are expected to exceed 40 degrees Celsius until Thursday.",
     "Until Thursday, temperatures across the country are forecast to top 40 degrees Celsius."),
    ("Alcaraz will face Andrey Rublev in Sunday's final.",
     "In Sunday's final Alcaraz meets Andrey Rublev."),
    ("Each year the government may withdraw up to 3 percent of the fund's value to finance the budget.",
     "Each year, the government is allowed to withdraw as much as 3 percent of the fund's value to finance the "
     "budget."),
], ids=["forecast-to", "scheduled-present", "may-as-permission"])
def test_a_plan_or_a_permission_put_another_way_is_unchanged(old, new):
    got = slots(compare(old, new))
    assert not any(f in ("modality", "certainty") for f, _, _ in got), got


@pytest.mark.parametrize("old, new, field", [
    ("Alcaraz will face Andrey Rublev in Sunday's final.", "Alcaraz faced Andrey Rublev in Sunday's final.",
     "modality"),
    ("Each year the government may withdraw up to 3 percent of the fund's value to finance the budget.",
     "Each year the government will withdraw 3 percent of the fund's value to finance the budget.", "certainty"),
], ids=["plan-stated-as-past", "may-to-will"])
def test_a_plan_stated_as_done_or_a_hedge_dropped_is_still_a_change(old, new, field):
    assert any(f == field for f, _, _ in slots(compare(old, new)))


# --- sentences split or merged ------------------------------------------------------------------------------------

def test_a_sentence_split_in_two_with_synonyms_adds_nothing():
    report = compare("Firefighters in Greece were battling three large wildfires on Tuesday, including one that "
                     "forced the evacuation of several villages on the island of Evia.",
                     "Greek firefighters were fighting three major wildfires on Tuesday. One of them forced several "
                     "villages on the island of Evia to be evacuated.")
    assert not [ch for ch in report.changes if ch.kind == "added"]


def test_a_sentence_merged_into_another_is_no_clause_put_in():
    report = compare("Schools in Bologna were closed for a second day.\nTrain services between Bologna and Florence "
                     "were suspended.",
                     "For a second day, schools in Bologna stayed shut, and rail services between Bologna and Florence "
                     "were halted.")
    assert not any(f == "action" and c == "added" for f, c, _ in slots(report))


def test_a_sentence_rewritten_whole_needs_more_new_words_for_a_clause_put_in():
    rewritten = compare("The boats were bringing food and water to troops stationed on a grounded warship at the "
                        "shoal.",
                        "The boats were carrying food and water to soldiers based on a warship that has run aground "
                        "on the shoal.")
    assert not flagged(rewritten)
    padded = compare("The boats were bringing food and water to troops stationed on a warship at the shoal.",
                     "The boats, which coastguard cutters harassed with water cannon and lasers, were bringing food "
                     "and water to troops stationed on a warship at the shoal.")
    assert ("action", "added", "distortion") in slots(padded)


# --- a person, a title or a source named another way (second full-rewrite round) ----------------------------------

@pytest.mark.parametrize("old, new", [
    ("In the men's race, Kenya's Benson Kipruto retained his title in Tokyo.",
     "Benson Kipruto of Kenya defended his men's title in Tokyo."),
    ("Chief Executive Henrik Vaara said the company expected conditions in China to remain difficult.",
     "The company expected conditions in China to remain difficult, CEO Henrik Vaara said."),
    ("A challenge against a proposed wind farm in County Clare was dismissed by the High Court.",
     "The High Court dismissed a challenge against a proposed wind farm in Co Clare."),
], ids=["origin-before-or-after-the-name", "CEO-for-chief-executive", "Co-for-County"])
def test_one_person_or_place_named_another_way_is_no_substitution(old, new):
    assert not flagged(compare(old, new))


def test_a_person_from_another_place_is_still_someone_else():
    report = compare("In the men's race, Kenya's Benson Kipruto retained his title in Tokyo.",
                     "In the men's race, Benson Kipruto of Ethiopia retained his title in Tokyo.")
    assert flagged(report)


@pytest.mark.parametrize("old, new", [
    ("Finnish lift maker Nordlift said its operating profit rose 9 percent in the third quarter.",
     "Nordlift, the Finnish elevator manufacturer, said its operating profit rose 9 percent in the third quarter."),
    ("Global supplies of oral cholera vaccine remain critically short, the World Health Organization has warned.",
     "Global supplies of oral cholera vaccine remain critically short, the WHO has cautioned."),
    ("The outbreak has infected more than 6,400 people since January, according to ministry figures.",
     "Ministry data show the outbreak has infected over 6,400 people since January."),
], ids=["one-company-described-two-ways", "initials-and-another-verb-of-saying", "the-ministry's-data"])
def test_one_source_named_or_described_two_ways_is_neither_reattributed_nor_detached(old, new):
    assert not flagged(compare(old, new))


def test_another_company_named_as_the_source_is_still_reattributed():
    report = compare("Finnish lift maker Nordlift said its operating profit rose 9 percent in the third quarter.",
                     "Finnish lift maker Kone said its operating profit rose 9 percent in the third quarter.")
    assert flagged(report)


# --- a sentence rewritten whole, a figure moving the other way, a number written out -------------------------------

def test_a_sentence_rewritten_whole_says_its_dropped_words_in_new_ones():
    report = compare("At least four people were killed and 37 injured, the national disaster agency said.",
                     "The death toll stood at a minimum of four, with 37 people injured, according to the national "
                     "disaster agency.")
    assert not flagged(report)


# the counterpart, a claim that drops many words and brings as many (the example pair's padding 'had disrupted
# international travel ...'), is test_meaning's test_a_rewording_that_carries_most_of_its_words_over_...


@pytest.mark.parametrize("old, new", [
    ("Home prices in Canada fell 2.3 percent in the year to June, the real estate association said.",
     "Canadian home prices climbed 2.3% over the 12 months to June, the real estate association reported."),
    ("The planning committee recommended approval of the tower, officials said.",
     "The planning committee recommended rejecting the tower, officials said."),
], ids=["fell-climbed", "approval-rejecting"])
def test_a_figure_or_a_decision_turned_the_other_way_is_a_reversal(old, new):
    assert ("action", "flipped", "contradiction") in slots(compare(old, new))


def test_a_rise_said_with_another_word_of_the_same_direction_is_no_reversal():
    report = compare("Home prices in Canada rose 2.3 percent in the year to June, the real estate association said.",
                     "Canadian home prices climbed 2.3% over the 12 months to June, the real estate association "
                     "reported.")
    assert not flagged(report)


def test_a_number_written_out_in_a_rewritten_claim_is_still_compared():
    report = compare("The company, based in Rzeszow, will hire about 250 new workers to meet the order.",
                     "To fulfil the order, the Rzeszow-based firm will take on some three hundred and fifty extra "
                     "staff.")
    assert ("quantity", "conflict", "contradiction") in slots(report)


def test_the_same_number_written_out_in_a_rewritten_claim_is_no_conflict():
    report = compare("The company, based in Rzeszow, will hire about 350 new workers to meet the order.",
                     "To fulfil the order, the Rzeszow-based firm will take on some three hundred and fifty extra "
                     "staff.")
    assert not {s for s in slots(report) if s[0] == "quantity"}


@pytest.mark.parametrize("old, new", [
    ("Home prices in Canada rose 2.3 percent in the year to June.", "Canadian home prices rose 2.3 percent in the "
     "year to June."),
    ("Economic growth in Finland slowed to 1 percent last year.", "Finnish economic growth slowed to 1 percent last "
     "year."),
    ("Antarctic sea ice had stayed stable for decades.", "Sea ice around Antarctica had stayed stable for decades."),
    ("Train drivers in the Belgian region of Flanders will strike for 48 hours.",
     "Train drivers in Flanders, Belgium, will stage a 48-hour strike."),
], ids=["Canadian-Canada", "Finnish-Finland", "Antarctica-Antarctic", "Belgium-Belgian"])
def test_a_place_and_the_word_for_its_people_or_things_are_one_name(old, new):
    assert not flagged(compare(old, new))


def test_the_people_of_a_place_the_old_version_never_names_are_unsupported():
    report = compare("Several players said the team would not play.",
                     "Several Australian players said the team would not play.")
    assert ("entity", "unsupported", "contradiction") in slots(report)


def test_a_superlative_is_read_under_its_adjective():
    assert lemmas("largest") == ("large",) and lemmas("wider") == ("wide",) and lemmas("honest") == ("honest",)


def test_the_forms_of_a_lemma_cover_every_word_read_under_it():
    # Support.has_lemma asks the forms of a lemma instead of reading the lemmas of every word: each word the
    # lemmatiser reads as a lemma must be among that lemma's forms
    from summarizer.lexicon import forms

    for word in ("fell", "buying", "stopped", "cities", "largest", "wider", "increased", "studies", "rising"):
        for lemma in lemmas(word):
            assert word in forms(lemma), (word, lemma)


def test_a_rider_from_a_place_written_as_a_demonym_or_a_place_is_one_rider():
    report = compare("Danish rider Mikkel Holm won the fourth stage, outsprinting Belgian Jens Vermeulen in Stavanger.",
                     "In Stavanger, Mikkel Holm of Denmark won stage four, beating Jens Vermeulen of Belgium in a "
                     "sprint.")
    assert not {s for s in flagged(report) if s[0] in ("actors", "entity")}


def test_a_rider_from_another_country_is_still_another_rider():
    report = compare("Danish rider Mikkel Holm won the fourth stage in Stavanger.",
                     "Mikkel Holm of Sweden won stage four in Stavanger.")
    assert flagged(report)


def test_a_prediction_dropped_with_its_clause_is_not_stated_as_fact():
    report = compare("Officials hope the service will ease pressure on the emergency department, which saw around "
                     "61,000 presentations last year.",
                     "The emergency department recorded around 61,000 presentations last year.")
    assert not any(f == "modality" for f, _, _ in slots(report))


@pytest.mark.parametrize("new", ["The council closed two of its eight branch libraries.",
                                 "The council shut two of its eight branch libraries."])
def test_the_predicted_act_stated_as_done_is_still_a_prediction_stated_as_fact(new):
    report = compare("The council will close two of its eight branch libraries.", new)
    assert ("modality", "weakened", "distortion") in slots(report)


def test_an_agent_noun_is_no_form_of_its_verb_for_an_opposite():
    # 'buyer' is not 'buy' + 'er': 'sell' elsewhere in the old version is not its opposite
    assert "sell" not in opposites("buyer") and "sell" in opposites("buying")


def test_a_source_quoted_in_their_own_words_is_still_the_source():
    report = compare('Mayor Denise Arbour said the county "cannot keep saying no to housing".',
                     'In the words of Mayor Denise Arbour, the county "cannot keep saying no to housing".')
    assert not any(f == "attribution" for f, _, _ in slots(report))


def test_one_relation_between_two_names_written_both_ways_round_is_no_swap():
    report = compare("Sigma Loop's founder, Jonas Wendt, said the verdict was a relief.",
                     "According to Jonas Wendt, the founder of Sigma Loop, the verdict was a relief.")
    assert not flagged(report)


def test_whose_lawyer_is_whose_is_still_a_swap():
    report = compare("Smith's lawyer, Jones, said the verdict was unfair.",
                     "Jones's lawyer, Smith, said the verdict was unfair.")
    assert ("actors", "substituted", "contradiction") in slots(report)


def test_an_auxiliary_elsewhere_in_the_article_is_no_opposite_of_lack():
    old = ("The island is free of rats, which researchers believe has allowed the weta to survive. Rangers have "
           "counted 300 of the insects.")
    new = ("Researchers believe the island's lack of rats is what has allowed the weta to survive. Rangers have "
           "counted 300 of the insects.")
    assert not any(c == "flipped" for _, c, _ in slots(compare(old, new)))


@pytest.mark.parametrize(("old", "new"), [
    ('The coach said: "We did not defend well enough."', "The coach said: \"We didn't defend well enough.\""),
    ("The minister, who was unable to attend the summit, sent a deputy.",
     "The minister, who could not attend the summit, sent a deputy."),
    ("Scotland's Crown Prosecution Service will review the case, the ministry said.",
     "Scotland's CPS will review the case, the ministry said."),
], ids=["a-contraction-in-a-quote", "could-not-for-unable-to", "an-acronym-after-a-possessive-name"])
def test_copy_editing_that_keeps_the_meaning_is_no_material_change(old, new):
    report = compare(old, new)
    assert_no_material_change(report)


@pytest.mark.parametrize(("old", "new"), [
    ("Temperatures reached 46.3 degrees Celsius in the city on Monday.", "Temperatures reached 46.3C in the city on "
     "Monday."),
    ("She won the women's 15-km race in Oslo on Sunday.", "She won the women's 15-kilometre race in Oslo on Sunday."),
    ("The lorry was carrying 20 tonnes of grain and 300kg of salt.",
     "The lorry was carrying 20 tonnes of grain and 300 kilograms of salt."),
    ("Winds reached 150 kilometres per hour. Two people were treated for minor injuries.",
     "Winds reached 150 km/h. Two people were treated for minor injuries."),
    ("The fire has burned more than 400 square kilometres of forest.",
     "The fire has burned more than 400 sq km of forest."),
    ("Gusts reached 20 metres per second on Friday.", "Gusts reached 20m/s on Friday."),
], ids=["degrees-celsius-as-C", "km-spelled-out", "kg-spelled-out", "a-rate-written-short", "an-area-written-short",
        "metres-per-second-on-the-number"])
def test_a_unit_written_short_or_in_full_is_the_same_quantity(old, new):
    report = compare(old, new)
    assert_no_material_change(report)


@pytest.mark.parametrize(("old", "new"), [
    ("Winds reached 150 km/h. Two people were hurt.", "Winds reached 120 km/h. Two people were hurt."),
    ("Winds reached 150 km/h. Two people were hurt.", "Winds reached 150 mph. Two people were hurt."),
    ("The fire burned 400 hectares of forest.", "The fire burned 400 acres of forest."),
], ids=["another-rate", "another-unit-of-speed", "another-unit-of-area"])
def test_a_rate_or_an_area_changed_is_a_changed_quantity(old, new):
    assert ("quantity", "conflict", "contradiction") in slots(compare(old, new))


def test_a_figure_changed_with_its_unit_written_on_it_is_still_a_changed_quantity():
    report = compare("The temperature reached 41C in Seville on Monday.",
                     "The temperature reached 44C in Seville on Monday.")
    assert ("quantity", "conflict", "contradiction") in slots(report)


@pytest.mark.parametrize(("old", "new"), [
    ("The fair opens in the summer, organisers said.", "The fair opens in July, organisers said."),
    ("The match was played over the weekend.", "The match was played on Saturday."),
    ("The vote will be held in the morning.", "The vote will be held on Monday."),
    ("Leeds are first in the table after the win.", "Leeds are top of the table after the win."),
    ("Leeds finished last in the league this season.", "Leeds finished bottom of the league this season."),
    ("Temperatures reached 40 degrees in Seville.", "Temperatures reached 40C in Seville."),
    ("It reached 104F in Phoenix on Monday.", "It reached 104 degrees Fahrenheit in Phoenix on Monday."),
    ("Johnson met the Health Minister on Monday. Johnson said talks went well.",
     "Johnson met the Health Minister on Monday. The prime minister said talks went well."),
    ('He said: "We had lost the lead by then."', "He said: \"We'd lost the lead by then.\""),
    ("Congress sent the bill back to the House on Friday.", "Congress refused the bill on Friday."),
], ids=["a-month-inside-the-season", "a-day-of-the-weekend", "a-day-for-a-time-of-day", "first-is-top",
        "last-is-bottom", "degrees-with-and-without-the-scale", "fahrenheit-spelled-out",
        "a-description-whose-words-name-no-other-source", "had-contracted", "back-the-adverb"])
def test_a_more_precise_or_equivalent_wording_is_no_material_change(old, new):
    report = compare(old, new)
    assert_no_material_change(report)


def test_a_negation_contracted_into_a_short_quotation_still_alters_it():
    report = compare('The captain said: "We are ready."', "The captain said: \"We aren't ready.\"")
    assert [q.change for q in report.quote_changes] == ["altered"]


@pytest.mark.parametrize(("old", "new"), [
    ("The storm hit Lyon on Sunday, officials said.", "The storm hit Lyon, France, on Sunday, officials said."),
    ("The charity sent an e-mail to donors on Monday.", "The charity sent an email to donors on Monday."),
    ("The two unions agreed to co-operate on the new contract.",
     "The two unions agreed to cooperate on the new contract."),
    ("Detective Inspector Mark Hale said the man was arrested on Tuesday.",
     "DI Mark Hale said the man was arrested on Tuesday."),
], ids=["the-country-put-beside-its-city", "a-hyphen-dropped", "a-hyphen-dropped-after-co", "a-police-rank-initialled"])
def test_copy_editing_of_names_and_spelling_is_no_material_change(old, new):
    report = compare(old, new)
    assert_no_material_change(report)


def test_another_country_put_beside_a_city_is_still_a_new_name():
    report = compare("The storm hit Lyon on Sunday, officials said.",
                     "The storm hit Lyon, Spain, on Sunday, officials said.")
    assert any_material(report)


def test_another_thing_with_the_same_hyphenated_prefix_is_still_another_thing():
    # 'e-scooter' -> 'e-bike' shares 'e-', not the thing: only one word written with and without its hyphen is one
    report = compare("Police seized an e-scooter in the park on Monday.",
                     "Police seized an e-bike in the park on Monday.")
    assert ("entity", "substituted", "contradiction") in slots(report)


@pytest.mark.parametrize(("old", "new"), [
    ("The Canada Energy Regulator approved the pipeline. In its decision, the regulator attached 38 conditions.",
     "The Canada Energy Regulator approved the pipeline. In its decision, the CER attached 38 conditions."),
    ("The motion, brought forward by Coun. Daniela Ruiz, passed 7-4 on Tuesday.",
     "The motion, brought forward by Councillor Daniela Ruiz, passed 7-4 on Tuesday."),
    ("The plant will have a capacity of 500 megawatts, the company said.",
     "The plant will have a capacity of 500MW, the company said."),
    ("The film has grossed Rs 250 crore worldwide, analysts said.",
     "The film has grossed 2.5 billion rupees worldwide, analysts said."),
], ids=["an-organisation-described-then-named-by-its-acronym", "a-title-abbreviated-with-a-full-stop",
        "megawatts-on-the-number", "crore-in-billions"])
def test_copy_editing_of_titles_units_and_scales_is_no_material_change(old, new):
    report = compare(old, new)
    assert_no_material_change(report)


def test_an_acronym_of_no_name_in_the_text_is_still_another_actor():
    report = compare("The Canada Energy Regulator approved the pipeline. In its decision, the regulator attached 38 "
                     "conditions.",
                     "The Canada Energy Regulator approved the pipeline. In its decision, the NEB attached 38 "
                     "conditions.")
    assert any_material(report)


def test_a_source_whose_possessive_is_reworded_as_of_is_the_same_source():
    report = compare("In a unanimous ruling released on Thursday, the court's three judges said the trial judge had "
                     "wrongly admitted evidence.",
                     "In a unanimous ruling released on Thursday, the three judges of the court said the trial judge "
                     "had wrongly admitted evidence.")
    assert_no_material_change(report)


@pytest.mark.parametrize(("old", "new"), [
    ("A National Aeronautics and Space Administration spokesperson said the satellite was undamaged.",
     "A NASA spokesperson said the satellite was undamaged."),
    ("Dr Peter Otieno said the Kenya Medical Research Institute hoped to publish results in 2027.",
     "Dr Peter Otieno said KEMRI hoped to publish results in 2027."),
], ids=["initials-of-a-name-with-and", "an-acronym-of-word-beginnings"])
def test_an_organisation_written_as_its_acronym_is_the_same_one(old, new):
    report = compare(old, new)
    assert_no_material_change(report)


def test_an_acronym_of_another_organisation_is_still_another_actor():
    report = compare("A National Aeronautics and Space Administration spokesperson said the satellite was undamaged.",
                     "A FEMA spokesperson said the satellite was undamaged.")
    assert any_material(report)


def test_an_edit_next_to_an_acronym_is_still_compared_word_by_word():
    # the acronym is one name written two ways; the claim's other edit is its one change
    report = compare("Britain's National Health Service will offer the vaccine to all children from March.",
                     "Britain's NHS will offer the vaccine to all adults from March.")
    assert ("entity", "substituted", "contradiction") in flagged(report)


@pytest.mark.parametrize(("old", "new"), [
    ("A fire at a warehouse in Dublin's docklands forced 60 residents from their homes, the fire brigade said.",
     "A fire at a warehouse in the Irish capital's docklands forced 60 residents from their homes, the fire brigade "
     "said."),
    ("Protesters marched through the Kenyan capital on Tuesday.", "Protesters marched through Nairobi on Tuesday."),
], ids=["a-city-as-its-country-s-capital", "the-capital-as-its-name"])
def test_a_capital_described_by_its_country_is_the_same_place(old, new):
    assert_no_material_change(compare(old, new))


def test_another_country_s_capital_is_another_place():
    report = compare("A fire at a warehouse in Dublin forced 60 residents from their homes on Thursday.",
                     "A fire at a warehouse in the French capital forced 60 residents from their homes on Thursday.")
    assert ("place", "substituted", "contradiction") in slots(report)


def test_a_place_named_where_the_area_was_is_said_more_precisely():
    # the article names the place elsewhere: the copy says which area, and nothing the original did not say
    report = compare("Officials reported 40 dengue cases in Bedok North. A 71-year-old man who lived in the area "
                     "died of the disease last week.",
                     "Officials reported 40 dengue cases in Bedok North. A 71-year-old man who lived in Bedok North "
                     "died of the disease last week.")
    assert_no_material_change(report)
    assert ("place", "added", "detail") in slots(report)


def test_last_year_put_as_the_year_the_article_dates_is_the_same_time():
    # the article dates itself (figures published in January 2024): 'last year' is 2023; 2019 is another year
    old = ("Figures were published on 5 January 2024. A total of 1.9 million new cars were registered last year, "
           "up 18 per cent.")
    assert_no_material_change(compare(old, old.replace("last year", "in 2023")))
    assert ("time", "substituted", "contradiction") in slots(compare(old, old.replace("last year", "in 2019")))


def test_a_figure_rounded_and_said_to_be_about_that_is_the_same_number():
    old = "The country welcomed 4.97 million overseas visitors in the first half of the year."
    assert_no_material_change(compare(old, old.replace("4.97 million", "nearly 5 million")))
    assert ("quantity", "conflict", "contradiction") in slots(compare(old, old.replace("4.97 million",
                                                                                         "nearly 4 million")))
    # an approximate figure made exact says what the original did not
    about = "About 60 people were hurt in the blast, officials said."
    assert any_material(compare(about, about.replace("About 60", "Exactly 61")))


# --- what a review of these rules found (each was wrong before its fix) -----------------------------------------------

@pytest.mark.parametrize(("old", "new"), [
    ("Protesters marched through the Malaysian capital on Tuesday.", "Protesters marched through Kuala Lumpur on "
     "Tuesday."),
    ("Arsenal beat Chelsea 3-1 on Sunday for their 3rd win in a row.",
     "Arsenal beat Chelsea 3-1 on Sunday for their third win in a row."),
    ("The Senate voted 51-49 to confirm the judge, who is 51 years old.",
     "The Senate voted 51-49 to confirm the judge, who is 51."),
    ("The United Nations said aid would reach Gaza within days.", "The UN said aid would get to Gaza within days."),
], ids=["a-capital-of-two-words", "a-rank-beside-a-score", "an-age-beside-a-tally", "an-acronym-beside-a-synonym"])
def test_copy_edits_beside_the_new_rules_are_no_material_change(old, new):
    assert_no_material_change(compare(old, new))


@pytest.mark.parametrize(("old", "new"), [
    ("Protesters marched through the Nigerian capital on Tuesday.", "Protesters marched through Niamey on Tuesday."),
    ("The law was passed in 2010. Last year, 300 people were prosecuted under it.",
     "The law was passed in 2010. In 2009, 300 people were prosecuted under it."),
    ("Turnout was 50.4 per cent, officials said.", "Turnout was nearly 50 per cent, officials said."),
    ("In March, the council approved the plan, officials said.", "In April, the council approved the plan, officials "
     "said."),
    ("Police said fewer than 200 people had been arrested.", "Police said more than 200 people had been arrested."),
    ("Children under five will get the vaccine first.", "Children over five will get the vaccine first."),
    ("Arsenal won 3-1 at home on Sunday.", "Arsenal won 3-3 at home on Sunday."),
    ("The House voted 220-212 to pass the bill.", "The House voted 220-215 to pass the bill."),
], ids=["another-country-s-capital", "a-bare-year-dates-no-article", "nearly-puts-the-figure-under",
        "a-month-after-in", "a-bound-reversed", "under-and-over", "a-score-with-a-repeated-number",
        "a-tally-of-three-digits"])
def test_real_changes_beside_the_new_rules_are_still_changes(old, new):
    assert any_material(compare(old, new))


@pytest.mark.parametrize(("old", "new"), [
    ("The missing hiker was found alive in Snowdonia on Sunday.", "The hiker was found alive in Snowdonia on Sunday."),
    ("The driver avoided the crash on the motorway on Friday.",
     "The driver escaped the crash on the motorway on Friday."),
    ("The bill was passed by the Senate on Tuesday.", "The bill passed the Senate on Tuesday."),
    ("Prices were increased by 5% in March.", "Prices increased 5% in March."),
    ("The plan drew praise from unions on Sunday.", "The plan won praise from unions on Sunday."),
    ("It was unclear whether anyone was hurt in the fire.", "It was not immediately known whether anyone was hurt in "
     "the fire."),
    ("The government intends to introduce the bill next year.", "The government wants to introduce the bill next "
     "year."),
    ("The ship did not sink until the next morning.", "The ship sank the next morning."),
], ids=["missing-dropped", "avoided-escaped", "passed-the-senate", "increased-by-an-amount", "drew-praise-won-praise",
        "unclear-not-known", "intends-wants", "not-until"])
def test_rewordings_beside_the_predicate_rules_are_no_material_change(old, new):
    assert_no_material_change(compare(old, new))


def test_a_surname_like_a_street_stays_a_person():
    report = compare("Sarah Lane was arrested in Leeds on Monday.", "Emma Lane was arrested in Leeds on Monday.")
    assert ("actors", "substituted", "contradiction") in slots(report)


# --- swaps inside the text, venues and regions (outside set #20; sentences here are hand-written) -------------------

def test_parties_put_for_each_other_are_other_actors_not_a_predicate_reversed():
    report = compare("Conservatives will cut taxes for families next year.",
                     "Liberals will cut taxes for families next year.")
    assert ("actors", "substituted", "contradiction") in slots(report)


def test_a_month_put_for_another_the_claim_also_names_is_a_changed_time():
    report = compare("The festival opens in Leeds in May and closes in Bath in August.",
                     "The festival opens in Leeds in August and closes in Bath in August.")
    assert ("time", "conflict", "contradiction") in slots(report)


@pytest.mark.parametrize(("old", "new"), [
    ("Three men from Leeds were held at Manchester Airport on Sunday on suspicion of fraud.",
     "Three men from Leeds were held at Leeds Airport on Sunday on suspicion of fraud."),
    ("The concert will take place at Durham Cathedral on Friday, organisers said.",
     "The concert will take place at St Mary's Hall on Friday, organisers said."),
    ("A walker was hurt in a fall near Puerto Pollensa, Majorca, on Sunday.",
     "A walker was hurt in a fall near Puerto Pollensa, Menorca, on Sunday."),
], ids=["a-town-the-text-names-put-in-a-building-s-name", "a-venue-after-at", "the-region-after-a-place"])
def test_another_venue_or_region_is_another_place(old, new):
    assert ("place", "substituted", "contradiction") in slots(compare(old, new))


@pytest.mark.parametrize(("old", "new"), [
    ("Flights at Heathrow were cancelled on Monday after a power cut.",
     "Flights at Heathrow Airport were cancelled on Monday after a power cut."),
    ("Flights at Cardiff were cancelled on Monday after a power cut.",
     "Flights at Cardiff Airport were cancelled on Monday after a power cut."),
], ids=["an-airport-s-own-name", "a-town-s-airport"])
def test_a_place_said_with_its_building_is_no_material_change(old, new):
    assert_no_material_change(compare(old, new))


def test_a_place_the_text_writes_inside_another_is_no_other_place():
    first = "A freight train derailed in East Palestine, Ohio, on Friday."
    report = compare(f"{first} Crews burned the chemicals it carried in Ohio.",
                     f"{first} Crews burned the chemicals it carried in East Palestine.")
    assert ("place", "substituted", "contradiction") not in slots(report)


@pytest.mark.parametrize(("old", "new"), [
    ("City beat Arsenal 2-1 on Saturday to go top of the league.",
     "City lost to Arsenal 2-1 on Saturday to go top of the league."),
    ("The council has postponed the vote on the new stadium until June.",
     "The council has cancelled the vote on the new stadium until June."),
    ("The club have sacked manager Tom Reid after six defeats.",
     "The club have appointed manager Tom Reid after six defeats."),
    ("Doyle has signed a new deal with the club, days after he rejected an offer from Spain.",
     "Doyle has rejected a new deal with the club, days after he rejected an offer from Spain."),
], ids=["beat-lost-to", "postponed-cancelled", "sacked-appointed", "signed-rejected-written-elsewhere"])
def test_another_outcome_of_one_process_is_a_real_change(old, new):
    assert any_material(compare(old, new))


# --- predicates, plans and places of outside set #21 (sentences here are hand-written) -------------------------------

def test_a_city_after_a_side_of_it_is_a_place():
    report = compare("A bus crashed in central Vilnius on Tuesday, injuring 12 people.",
                     "A bus crashed in central Tallinn on Tuesday, injuring 12 people.")
    assert ("place", "substituted", "contradiction") in slots(report)


def test_a_venue_put_for_another_the_claim_also_names_is_another_place():
    report = compare("The service will be held at St Paul's Church on Friday, followed by tea at the Town Hall.",
                     "The service will be held at the Town Hall on Friday, followed by tea at the Town Hall.")
    assert ("place", "substituted", "contradiction") in slots(report)


@pytest.mark.parametrize(("old", "new"), [
    ("He will appear before magistrates in Leeds on Monday.", "He will appear in front of magistrates in Leeds on "
     "Monday."),
    ("Fans gathered outside the ground before the match on Saturday.",
     "Fans gathered outside the ground prior to the match on Saturday."),
], ids=["in-front-of", "prior-to"])
def test_a_preposition_of_several_words_is_its_one_word(old, new):
    assert_no_material_change(compare(old, new))


@pytest.mark.parametrize(("old", "new"), [
    ("The airline suspended all flights to Tel Aviv on Sunday.", "The airline resumed all flights to Tel Aviv on "
     "Sunday."),
    ("The driver fled the scene after the crash, police said.", "The driver stayed at the scene after the crash, "
     "police said."),
    ("Divers are still searching for a third fisherman off Cornwall.",
     "Divers have also found a third fisherman off Cornwall."),
], ids=["suspended-resumed", "fled-stayed", "searching-found"])
def test_an_act_undone_or_completed_is_a_real_change(old, new):
    assert any_material(compare(old, new))


def test_a_reported_plan_stated_as_done_is_weakened_modality():
    plan = "The agency will launch the probe in October, a spokesman said."
    assert ("modality", "weakened", "distortion") in slots(compare(plan, plan.replace("will launch", "launched")))
    assert not any(f == "modality" for f, _, _ in slots(compare(plan, plan.replace("will launch", "is launching"))))


def test_due_in_court_then_appeared_is_a_plan_stated_as_done():
    report = compare("He is due in court on Monday.", "He appeared in court on Monday.")
    assert ("modality", "weakened", "distortion") in slots(report)


def test_a_common_noun_after_a_preposition_of_place_is_where_it_happened():
    report = compare("The boy was found hiding in the kitchen on Sunday.", "The boy was found hiding in the garage on "
                     "Sunday.")
    assert ("place", "substituted", "contradiction") in slots(report)
    said = compare("She said in a statement that she would appeal.", "She said in an interview that she would appeal.")
    assert not any(f == "place" for f, _, _ in slots(said))


@pytest.mark.parametrize(("old", "new"), [
    ("The owner of a Chicago restaurant was questioned on Monday.", "The owner of a Boston restaurant was questioned "
     "on Monday."),
    ("A Texas-based company recalled 2,000 cars.", "An Ohio-based company recalled 2,000 cars."),
], ids=["a-city-before-what-it-locates", "based-in"])
def test_a_place_written_before_what_it_locates_is_a_changed_place(old, new):
    assert ("place", "substituted", "contradiction") in slots(compare(old, new))


def test_a_club_named_for_its_town_stays_an_actor():
    report = compare("Reading striker Tom Reid was sacked on Monday.", "Everton striker Tom Reid was sacked on Monday.")
    assert ("actors", "substituted", "contradiction") in slots(report)


# --- outside set #22 (sentences here are hand-written) ---------------------------------------------------------------

@pytest.mark.parametrize(("old", "new"), [
    ("House prices rose sharply in the 1990s, the bank said.", "House prices rose sharply in the Nineties, the bank "
     "said."),
    ("House prices rose sharply in the 1980s, the bank said.", "House prices rose sharply in the '80s, the bank "
     "said."),
    ("The Ministry of Defence said two jets were sent.", "The MoD said two jets were sent."),
], ids=["a-decade-in-words", "a-decade-cut-short", "an-acronym-that-writes-of"])
def test_decades_and_acronyms_written_another_way_are_no_material_change(old, new):
    assert_no_material_change(compare(old, new))


def test_another_decade_is_a_changed_figure():
    report = compare("House prices rose sharply in the 1990s, the bank said.",
                     "House prices rose sharply in the Eighties, the bank said.")
    assert ("quantity", "conflict", "contradiction") in slots(report)


@pytest.mark.parametrize(("old", "new"), [
    ("The dog was found in the family's garden shed on Sunday.", "The dog was found in the family's garage on "
     "Sunday."),
    ("The woman died at the scene on Oxford Road.", "The woman died at the scene on Deansgate."),
], ids=["after-a-possessive", "a-street-the-gazetteer-does-not-know"])
def test_a_place_put_for_another_after_a_preposition_of_place_is_a_changed_place(old, new):
    assert ("place", "substituted", "contradiction") in slots(compare(old, new))


def test_a_plan_under_consideration_stated_as_done_is_weakened_modality():
    report = compare("The council is considering closing three libraries.", "The council has closed three libraries.")
    assert ("modality", "weakened", "distortion") in slots(report)


@pytest.mark.parametrize(("old", "new"), [
    ("Rory Kane withdrew from the Open on Friday with a back injury.",
     "Rory Kane won the Open on Friday with a back injury."),
    ("The officer was suspended after the inquiry, the force said.",
     "The officer was promoted after the inquiry, the force said."),
    ("The firm unveiled its new phone in March, a spokesman said.",
     "The firm cancelled its new phone in March, a spokesman said."),
], ids=["withdrew-won", "suspended-promoted", "unveiled-cancelled"])
def test_another_step_of_a_contest_a_career_or_a_launch_is_a_real_change(old, new):
    assert any_material(compare(old, new))


# --- what a review of this round's rules found (each was wrong before its fix; sentences are the reviewer's) --------

@pytest.mark.parametrize(("old", "new"), [
    ("Speaking in Brussels, Macron said the deal was close and that talks would resume on Monday with all 27 members.",
     "Speaking in Brussels, Scholz said the deal was close. Talks would resume on Monday with all 27 members, he "
     "added."),
    ("The concert will take place at St George's Hall on Friday and all the money raised will go to the children's "
     "hospital.", "The concert will take place at St Andrew's Hall on Friday. All the money raised will go to the "
     "children's hospital."),
    ("Flooding hit towns in Leeds, Bradford and York on Sunday. A man was arrested in Leeds on Monday after a fight "
     "at a pub.", "Flooding hit towns in Leeds, Bradford and York on Sunday. After a fight at a pub on Monday, a man "
     "was arrested in Bradford."),
    ("Rangers beat Celtic 2-1 on Saturday at Ibrox, a report said.", "Rangers lost to Celtic 2-1 on Saturday at "
     "Ibrox, a report said."),
], ids=["a-name-after-a-place-and-a-comma-in-a-split-claim", "a-venue-in-a-split-claim", "a-town-of-a-list",
        "beat-lost"])
def test_real_changes_beside_this_round_s_rules_are_still_changes(old, new):
    assert any_material(compare(old, new))


def test_a_person_after_a_place_and_a_comma_is_a_person():
    report = compare("Speaking at the summit in Paris, Biden praised the deal on Monday.",
                     "Speaking at the summit in Paris, Macron praised the deal on Monday.")
    assert ("actors", "substituted", "contradiction") in slots(report)


@pytest.mark.parametrize(("old", "new"), [
    ("The agency will launch the probe in October, a spokesman said.",
     "The agency said it planned to launch the probe in October."),
    ("The agency will launch the probe in October, a spokesman said.",
     "The agency, which was founded in 1958, is launching the probe in October, a spokesman said."),
    ("The United Nations will send aid to Gaza next week, a spokesman said.",
     "The United Nations is sending aid to Gaza next week, a spokesman said."),
    ("The delay is due in part to staff shortages.", "The delay is partly due to staff shortages."),
    ("He is due in court on Monday.", "He was due in court on Monday."),
    ("Rangers lost to Celtic 2-1 on Saturday at Ibrox.", "Rangers were beaten by Celtic 2-1 on Saturday at Ibrox."),
    ("Thousands fled the city on Monday. Those who were left behind had no power.",
     "Thousands fled the city on Monday. Those who remained had no power."),
    ("Doyle rejected an offer from Spain in May. On Monday he agreed a new deal with the club.",
     "Doyle rejected an offer from Spain in May. On Monday he signed a new deal with the club."),
    ("The airline will resume flights to Tel Aviv on Sunday after suspending them in May.",
     "The airline will restart flights to Tel Aviv on Sunday after halting them in May."),
    ("Flights at Glasgow were cancelled on Monday after a power cut.",
     "Flights at Glasgow International Airport were cancelled on Monday after a power cut."),
    ("The match was played at Cardiff on Friday.", "The match was played at Cardiff City Stadium on Friday."),
], ids=["planned-to", "is-launching", "united-is-no-past-tense", "due-in-part-to", "was-due-in-court",
        "beaten-by-is-lost-to", "fled-and-remained-across-the-article", "rejected-then-signed-across-the-article",
        "two-edits-each-a-synonym", "an-airport-of-three-words", "a-stadium-named-for-a-club"])
def test_rewordings_beside_this_round_s_rules_are_no_material_change(old, new):
    assert_no_material_change(compare(old, new))


def test_a_thing_spoken_on_is_no_place():
    report = compare("She was speaking on the phone when the car hit.", "She was speaking on the radio when the car "
                     "hit.")
    assert not any(f == "place" for f, _, _ in slots(report))


# --- outside set #23, read after its first scoring (sentences here are hand-written) ---------------------------------

@pytest.mark.parametrize(("old", "new"), [
    ("Police arrested two men in Leeds over a raid on a jeweller's in Wakefield.",
     "Police arrested two men in Leeds over a raid on a jeweller's in Leeds."),
    ("A bus crashed 30km north of Quito on Friday.", "A bus crashed 30km south of Quito on Friday."),
], ids=["a-place-the-claim-names-put-for-another", "a-side-of-a-place-after-a-distance"])
def test_a_place_put_in_place_of_another_is_a_changed_place(old, new):
    assert ("place", "substituted", "contradiction") in slots(compare(old, new))


@pytest.mark.parametrize(("old", "new"), [
    ("Nurses will be recruited to ease shortages in the NHS, the minister said.",
     "Nurses will be recruited to ease shortages in the National Health Service, the minister said."),
    ("Dr Amina Yusuf has been named health minister. Dr Yusuf, 54, said child mortality was her priority.",
     "Dr Amina Yusuf has been named health minister. Doctor Yusuf, 54, said child mortality was her priority."),
], ids=["an-acronym-after-in-the", "doctor-written-out"])
def test_a_place_or_a_title_spelled_out_is_no_material_change(old, new):
    assert_no_material_change(compare(old, new))


def test_prevented_and_caused_in_place_are_opposites():
    assert any_material(compare("The driver's quick thinking prevented a crash on the M6.",
                                "The driver's quick thinking caused a crash on the M6."))


# --- what a second review found (each was wrong before its fix; sentences are the reviewer's) ---------------------

@pytest.mark.parametrize(("old", "new"), [
    ("The airline suspended flights to Tel Aviv on Monday.",
     "Flights to Tel Aviv were resumed by the airline on Monday."),
    ("Thousands fled the city on Monday as the army advanced.",
     "As the army advanced on Monday, thousands remained in the city."),
    ("Biden signed the bill on Friday.",
     "Biden opposed the bill on Friday."),
    ("The club will sack its manager on Monday, sources said.",
     "The club fired its manager on Monday, sources said."),
    ("A man from Cardiff was held at the airport on Monday.",
     "A man from Cardiff was held at Cardiff Bristol Airport on Monday."),
])
def test_real_changes_a_second_review_found_are_changes(old, new):
    assert any_material(compare(old, new))


@pytest.mark.parametrize(("old", "new"), [
    ("Dutch officials in the Netherlands said exports from Holland rose.",
     "Dutch officials in the Netherlands said exports from the Netherlands rose."),
    ("Two people were hurt in a crash in Guildford, Surrey, on Monday. Police in Surrey said "
     "the crash in Guildford was caused by ice.",
     "Two people were hurt in a crash in Guildford, Surrey, on Monday. Police in Surrey said "
     "the crash in Surrey was caused by ice."),
    ("The airline will resume flights to Tel Aviv on Sunday after suspending them in May.",
     "The airline will restart flights to Tel Aviv on Sunday after halting them in May."),
    ("Twelve passengers on board the ferry were injured on Monday.",
     "Twelve passengers aboard the ferry were injured on Monday."),
    ("The delay is due in part to staff shortages.",
     "The delay is partly due to staff shortages."),
    ("He is due in court on Monday.",
     "He was due in court on Monday."),
    ("The agency will launch the probe in October, a spokesman said.",
     "The agency said it planned to launch the probe in October."),
    ("Flights at Glasgow were cancelled on Monday after a power cut.",
     "Flights at Glasgow International Airport were cancelled on Monday after a power cut."),
    ("A student was arrested in New York on Monday after a fight outside a bar. Police in "
     "Ithaca, New York, said he was 19.",
     "After a fight outside a bar on Monday, a student was arrested in Ithaca. Police in "
     "Ithaca, New York, said he was 19."),
])
def test_rewordings_a_second_review_found_are_no_material_change(old, new):
    assert_no_material_change(compare(old, new))


def test_a_person_in_apposition_after_a_place_stays_a_person():
    report = compare("Speaking in Brussels, Macron, the French president, said the deal was close.",
                     "Speaking in Brussels, Scholz, the French president, said the deal was close.")
    assert ("actors", "substituted", "contradiction") in slots(report)
