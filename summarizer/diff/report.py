"""The diff report: the public JSON contract (``schema_version``), documented in the README.

Severity of one change, most severe first:
  contradiction  a slot conflicts: time, quantity, actor, place, negation, denial
  distortion     how the claim is put moved: certainty strengthened/weakened, attribution detached/reattributed,
                 a pledge stated as fact, the action changed, a clause put in that states something the old
                 version never says, a quote altered or reattributed
  detail         precision lost or added: a time or quantity dropped, a place or source added (not material:
                 details alone leave the verdict 'consistent')
  addition       a claim of the new version with no counterpart in the old one (not said)
  omission       a claim of the old version with no counterpart in the new one (dropped)
Contradicted, added and omitted claims are disjoint sets.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..schema import Backend, Mode

DIFF_SCHEMA_VERSION = "2"  # see the README's contract section for what each version changed

Severity = Literal["contradiction", "distortion", "detail", "addition", "omission", "none"]
Verdict = Literal["identical", "consistent", "omissions", "additions", "distortions", "contradictions"]
SEVERITY_ORDER: tuple[str, ...] = ("contradiction", "distortion", "addition", "omission", "detail", "none")
VERDICT_ORDER: tuple[str, ...] = ("identical", "consistent", "omissions", "additions", "distortions", "contradictions")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ClaimRef(Strict):
    id: str = Field(description="Claim id within its summary.")
    text: str = Field(description="The claim text.")
    evidence: str = Field(description="Verbatim evidence quote from its article.")
    grounded: bool = Field(default=True, description="False when the evidence was not found in the article.")


Slot = Literal["time", "quantity", "actors", "entity", "place", "negation", "certainty", "attribution", "modality",
               "action"]
SlotChange = Literal["conflict", "substituted", "lost", "added", "flipped", "strengthened", "weakened", "detached",
                     "attributed", "reattributed", "unsupported"]


class FieldChange(Strict):
    field: Slot = Field(description="Slot: time, quantity, actors, entity, place, negation, certainty, "
                                    "attribution, modality, action.")
    change: SlotChange = Field(description="conflict, substituted, lost, added, flipped, strengthened, weakened, "
                                    "detached, attributed, reattributed, unsupported (a name the old version "
                                    "never mentions).")
    severity: Severity = Field(description="How serious this slot change is.")
    old: str | None = Field(description="Old value as text, or null.")
    new: str | None = Field(description="New value as text, or null.")


class Change(Strict):
    kind: Literal["changed", "added", "removed"] = Field(description="changed (aligned, a slot differs), added "
                                                                      "(new only) or removed (old only).")
    severity: Severity = Field(description="The most severe of the field changes, or addition/omission.")
    old_claim: ClaimRef | None = Field(description="The claim in the old summary, null for added.")
    new_claim: ClaimRef | None = Field(description="The claim in the new summary, null for removed.")
    fields: list[FieldChange] = Field(default_factory=list, description="Changed slots, for kind 'changed'.")
    score: float | None = Field(default=None, description="Alignment score of the pair (0-1), for 'changed'.")


class KeptPair(Strict):
    old_id: str = Field(description="Old claim id.")
    new_id: str = Field(description="New claim id.")
    score: float = Field(description="Alignment score (0-1).")
    via: Literal["match", "split", "merge"] = Field(description="match: one-to-one; split: a second new claim "
                                                                "covered by the old one; merge: the reverse.")


class QuoteChange(Strict):
    change: Literal["added", "removed", "altered", "paraphrased", "reattributed"] = Field(
        description="What happened to the quotation.")
    severity: Severity = Field(description="distortion for altered/reattributed, detail for paraphrased, "
                                           "addition/omission for added/removed.")
    speaker_old: str | None = Field(description="Speaker in the old version.")
    speaker_new: str | None = Field(description="Speaker in the new version.")
    old: str | None = Field(description="Old quote text.")
    new: str | None = Field(description="New quote text.")


class Counts(Strict):
    old_claims: int = Field(description="Claims in the old summary.")
    new_claims: int = Field(description="Claims in the new summary.")
    kept: int = Field(description="Aligned pairs with only rewording.")
    changed: int = Field(description="Aligned pairs with a changed slot.")
    added: int = Field(description="New claims with no counterpart in the old version.")
    removed: int = Field(description="Old claims with no counterpart in the new version.")
    contradiction: int = Field(description="Changes graded contradiction.")
    distortion: int = Field(description="Changes graded distortion.")
    detail: int = Field(description="Changes graded detail.")
    ungrounded_new: int = Field(description="New claims not backed by their article (quote or claim not found).")
    quote_changes: int = Field(description="Quotations added, removed, altered, paraphrased or reattributed.")


class Scores(Strict):
    coverage: float = Field(description="Share of old claims with a counterpart in the new version (kept or "
                                        "changed); 1.0 when the old summary has no claims.")
    support: float = Field(description="Share of new claims with a counterpart in the old version and no "
                                       "contradiction; 1.0 when the new summary has no claims.")
    counts: Counts = Field(description="How many claims, pairs and changes of each kind.")


class SideInfo(Strict):
    source: str | None = Field(description="Path or label of the article.")
    title: str | None = Field(description="Article title.")
    words: int = Field(description="Words summarised.")
    tokens: int | None = Field(description="Article tokens, when counted.")
    claims: int = Field(description="Claims in the summary.")
    backend: Backend = Field(description="openai, local or golden.")
    model: str | None = Field(description="Model id, or null.")
    prompt_version: str | None = Field(description="Prompt id and version, or null.")
    mode: Mode = Field(description="live, record, replay, cache, batch, offline or golden.")
    boilerplate_removed: int = Field(description="Boilerplate lines stripped.")
    ungrounded: int = Field(description="Claims whose evidence was not found in the article.")
    fetched_at: str | None = Field(default=None, description="When the article was fetched (UTC, ISO 8601) when "
                                   "its source is a URL; null otherwise.")


class SummaryDiff(Strict):
    """What the new version keeps, changes, adds and drops relative to the old one."""

    schema_version: str = Field(default=DIFF_SCHEMA_VERSION, description="Version of this report contract.")
    verdict: Verdict = Field(description="The most severe finding: contradictions > distortions > additions > "
                                         "omissions > consistent (rewording, or details only: a time, place, "
                                         "number or source made more or less precise) > identical.")
    scores: Scores = Field(description="Coverage, support and counts.")
    changes: list[Change] = Field(description="Changed, added and removed claims, most severe first, then in "
                                              "article order.")
    kept: list[KeptPair] = Field(description="Aligned pairs with no material change (rewording).")
    entities_added: list[str] = Field(description="Entities only the new version names.")
    entities_removed: list[str] = Field(description="Entities only the old version names.")
    quote_changes: list[QuoteChange] = Field(description="Quotations added, removed, altered or paraphrased.")
    old: SideInfo = Field(description="About the old article and its summary.")
    new: SideInfo = Field(description="About the new article and its summary.")


class VersionRow(Strict):
    claim_id: str = Field(description="Base claim id.")
    text: str = Field(description="Base claim text.")
    status: list[str] = Field(description="Per other version, in order: kept, removed, or the severity of the "
                                          "change (contradiction, distortion, detail).")


class MultiDiff(Strict):
    """One base version against several others: N summaries, N-1 pairwise diffs, one presence matrix."""

    schema_version: str = Field(default=DIFF_SCHEMA_VERSION, description="Version of this report contract.")
    base: SideInfo = Field(description="The base version.")
    diffs: list[SummaryDiff] = Field(description="Base against each other version, in input order.")
    matrix: list[VersionRow] = Field(description="Each base claim's fate in every other version.")
