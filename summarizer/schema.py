"""The structured summary: pydantic models with a description on every field.

The descriptions are part of the prompt: the JSON schema sent to the model is generated from ``SummaryDraft``.
``ArticleSummary`` is what the library returns: the draft plus grounding flags and run metadata.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2"  # see the README's contract section for what each version changed

ClaimKind = Literal["event", "statement", "background", "opinion", "prediction"]
Certainty = Literal["asserted", "reported", "alleged", "speculative", "denied"]
EntityType = Literal["person", "organisation", "place", "event", "other"]
Backend = Literal["openai", "local", "golden"]  # golden: a hand-written golden summary (evals)
Mode = Literal["live", "record", "replay", "cache", "batch", "offline", "golden"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Quantity(Strict):
    value: float | None = Field(
        description="The numeric value, with number words converted ('seventy-five' -> 75); null if not numeric."
    )
    unit: str | None = Field(
        description="What is counted or measured, singular lower case ('year', 'summit', 'percent'); null if none."
    )
    text: str = Field(description="The quantity exactly as written in the article, e.g. 'two summits'.")


class ClaimDraft(Strict):
    id: str = Field(description="Claim id, 'c1', 'c2', ... in order of appearance in the article.")
    evidence: str = Field(
        description="A verbatim quote from the article (one sentence or less) that supports the claim; written "
        "first, so that the claim is written from the quote."
    )
    text: str = Field(
        description="One atomic, self-contained statement of what the evidence says: one fact, with pronouns and "
        "descriptions ('the country's leader') replaced by the names they stand for."
    )
    kind: ClaimKind = Field(
        description="event: something that happened; statement: something someone said; background: context or "
        "history; opinion: a judgement; prediction: something expected, planned or promised for the future."
    )
    actors: list[str] = Field(description="Canonical names of the entities that act or are acted on in this claim.")
    time_text: str | None = Field(description="The time as written ('on Saturday', 'in September'), or null.")
    time: str | None = Field(
        description="The time normalised to ISO 8601 at the precision the text gives ('2023-09', '2019', "
        "'2024-04-13'); a weekday or month without a year only when the publication date resolves it, else null."
    )
    place: str | None = Field(description="Where it happened, as a canonical place name, or null.")
    quantities: list[Quantity] = Field(description="Every number or amount in the claim.")
    attribution: str | None = Field(
        description="Who says so ('Xinhua', 'the US and South Korea'), or null when the article itself asserts it."
    )
    certainty: Certainty = Field(
        description="asserted: stated as fact; reported: attributed to a source; alleged: an accusation or "
        "'allegedly'; speculative: hedged ('may', 'potentially', 'expected to'); denied: the source denies it."
    )
    negated: bool = Field(description="True when the claim states that something did not or will not happen.")


class Entity(Strict):
    name: str = Field(description="Canonical full name ('Kim Jong-un', 'United States').")
    type: EntityType = Field(description="person, organisation, place, event or other.")
    aliases: list[str] = Field(description="Other forms used in the article ('Kim', 'the North Korean leader').")


class Quote(Strict):
    speaker: str | None = Field(description="Canonical name of who is quoted, or null if unknown.")
    text: str = Field(description="The quoted words, without the quotation marks.")
    verbatim: bool = Field(description="True for a direct quotation in quotation marks, false for a paraphrase.")


class SummaryDraft(Strict):
    """What the model (or the offline extractor) produces for one article."""

    title: str | None = Field(description="The article's headline, if the text has one; else null.")
    gist: str = Field(description="One sentence saying what the article is about.")
    publication_date: str | None = Field(
        description="The publication date in ISO 8601 if the text states it, else null."
    )
    claims: list[ClaimDraft] = Field(description="Every factual claim of the article, atomic, in article order.")
    entities: list[Entity] = Field(description="People, organisations, places and events the article names.")
    quotes: list[Quote] = Field(description="Direct and reported quotations, in article order.")


class Claim(ClaimDraft):
    grounded: bool = Field(
        default=True,
        description="Whether the evidence quote was found in the article text (set by the grounding check).",
    )


class Usage(Strict):
    input_tokens: int = Field(default=0, description="Prompt tokens billed, summed over every call.")
    output_tokens: int = Field(default=0, description="Completion tokens billed, summed over every call.")
    calls: int = Field(default=0, description="Model calls made (transport retries and re-asks included).")


class SummaryMeta(Strict):
    backend: Backend = Field(description="'openai' (a model), 'local' (the offline extractor) or 'golden' (a "
                             "hand-written golden summary in the evals).")
    model: str | None = Field(default=None, description="Model id for the openai backend; null for local.")
    mode: Mode = Field(description="How the summary was obtained: live, record, replay, cache, batch (provider batch), "
                       "offline or golden.")
    prompt_id: str | None = Field(default=None, description="Prompt id, e.g. 'summarize'.")
    prompt_version: str | None = Field(default=None, description="Prompt version, e.g. 'v1'.")
    prompt_hash: str | None = Field(default=None, description="sha256 (first 16 hex) of the prompt text.")
    extractor_version: str | None = Field(default=None, description="Offline extractor version, for 'local'.")
    cache_key: str | None = Field(default=None, description="Key of this summary in the cache and recordings.")
    source: str | None = Field(default=None, description="Where the article came from (path, '-' or URL).")
    words: int = Field(default=0, description="Words in the article text that was summarised.")
    tokens: int | None = Field(default=None, description="Article tokens for the configured model's encoding.")
    tokens_estimated: bool = Field(default=False, description="True when tokens is an estimate (no encoding).")
    chunks: int = Field(default=1, description="Number of chunks the article was split into.")
    boilerplate_removed: int = Field(default=0, description="Boilerplate lines stripped before summarising.")
    ungrounded: int = Field(default=0, description="Claims whose evidence was not found in the article.")
    server: str | None = Field(default=None, description="The model server profile and address for 'openai' "
                               "('openai api.openai.com', 'ollama http://localhost:11434/v1'); null for local.")
    cached_from: Mode | None = Field(default=None, description="For mode 'cache': the mode the cached summary was "
                                    "made in (live, record, batch).")
    warnings: list[str] = Field(default_factory=list, description="What was repaired or is doubtful about this "
                                "summary (renumbered claim ids, possibly truncated input, no claims), in order.")
    usage: Usage = Field(default_factory=Usage, description="Token usage of the model calls.")
    fetched_at: str | None = Field(default=None, description="When the article was fetched (UTC, ISO 8601) when "
                                   "its source is a URL; null otherwise.")


class ArticleSummary(SummaryDraft):
    """A validated structured summary of one article, with grounding flags and provenance."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this summary schema.")
    # A Claim is a ClaimDraft with its grounding flag: pydantic validates the narrower type; mypy's list invariance
    # cannot see that nothing assigns a bare ClaimDraft here.
    claims: list[Claim] = Field(  # type: ignore[assignment]
        description="Every factual claim of the article, atomic, in article order.")
    meta: SummaryMeta = Field(description="How this summary was made.")
