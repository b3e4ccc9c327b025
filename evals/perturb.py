"""Seeded perturbation cases: real news text with one recorded edit each, written to evals/golden/perturbed.jsonl.

Source text: the CNN/DailyMail articles of the BUMP sample in evals/data/bump (dataset MIT; articles belong to their
publishers), first sentences of distinct articles. Every edit is recorded as the case's label (its golden diff):

    time_shift, quantity_change, entity_swap, negation, hedge_added, hedge_removed, attribution_removed,
    attribution_changed, sentence_dropped, sentence_inserted, paraphrase (meaning-preserving: no material change)

Run:  python -m evals.perturb [--seed 7] [--cases 24]
Same seed, same file.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.extract.local import split_sentences  # noqa: E402

HERE = Path(__file__).resolve().parent
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
STOCK_NAMES = ["Maria Lopez", "David Chen", "Aisha Khan", "Pieter de Vries"]
INSERTED = [
    "Officials said the decision had been welcomed by residents across the region.",
    "The move is expected to cost taxpayers more than $40 million over five years.",
    "Critics have since called for an independent inquiry into the matter.",
    "Local media reported that several people had been arrested in connection with the case.",
]
NUMBER_WORDS = {"two": "five", "three": "seven", "four": "nine", "five": "two", "six": "eight", "ten": "twelve"}
Edit = tuple[list[str], dict[str, Any]]  # new sentences, label


def _shuffled(sents: list[str], rng: random.Random):
    """Each (index, sentence) once, in a seeded random order: every edit tries sentences this way."""
    for i in rng.sample(range(len(sents)), len(sents)):
        yield i, sents[i]


def _replace_in(sents: list[str], i: int, new: str) -> list[str]:
    return sents[:i] + [new] + sents[i + 1:]


def time_shift(sents: list[str], rng: random.Random) -> Edit | None:
    for i, s in _shuffled(sents, rng):
        m = re.search(r"\b(19[5-9]\d|20[0-2]\d)\b", s)
        if m:
            new = s[:m.start()] + str(int(m.group(1)) + rng.choice([-3, -2, 2, 3])) + s[m.end():]
        elif (m := re.search(r"\b(" + "|".join(MONTHS) + r")\b", s)):
            new = s[:m.start()] + rng.choice([x for x in MONTHS if x != m.group(1)]) + s[m.end():]
        elif (m := re.search(r"\b(" + "|".join(DAYS) + r")\b(?!\s+[A-Z])", s)):
            new = s[:m.start()] + rng.choice([x for x in DAYS if x != m.group(1)]) + s[m.end():]
        else:
            continue
        return _replace_in(sents, i, new), _label("time_shift", s, new, "contradiction", "new", field="time")
    return None


def quantity_change(sents: list[str], rng: random.Random) -> Edit | None:
    for i, s in _shuffled(sents, rng):
        m = re.search(r"(?<![\w.,$-])(\d{1,3}(?:,\d{3})*|\d+)(?![\w.,]?\d)(?!\s*(?:a\.m|p\.m))", s)
        if m and not re.fullmatch(r"19\d\d|20\d\d", m.group(1)):
            n = int(m.group(1).replace(",", ""))
            new_n = n * 2 + rng.randint(1, 3)
            new = s[:m.start()] + f"{new_n:,}" + s[m.end():]
        elif (m := re.search(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", s)):
            new = s[:m.start()] + NUMBER_WORDS[m.group(1)] + s[m.end():]
        else:
            continue
        return _replace_in(sents, i, new), _label("quantity_change", s, new, "contradiction", "new",
                                                 field="quantity")
    return None


def entity_swap(sents: list[str], rng: random.Random) -> Edit | None:
    names = sorted({m.group(0) for s in sents for m in re.finditer(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", s)
                    if m.group(0).split()[0] not in ("The", "A", "An", "In", "On", "At", "He", "She", "It")})
    for i, s in _shuffled(sents, rng):
        present = [n for n in names if n in s]
        if not present:
            continue
        old = present[0]
        pool = [n for n in names if n != old and n not in s] or STOCK_NAMES
        new = s.replace(old, rng.choice(pool), 1)
        return _replace_in(sents, i, new), _label("entity_swap", s, new, "contradiction", "new",
                                                 field_any=["actors", "entity", "place", "attribution"])
    return None


_AUX = r"\b(is|was|were|are|has|had|have|will|can|could|did|does|would)\b"


def negation(sents: list[str], rng: random.Random) -> Edit | None:
    for i, s in _shuffled(sents, rng):
        if re.search(r"\bnot\b", s):
            new = re.sub(r"\s+not\b", "", s, count=1)
        elif (m := re.search(_AUX, s)) and not re.search(r"\b(no|never|n't)\b", s):
            new = s[:m.end()] + " not" + s[m.end():]
        else:
            continue
        return _replace_in(sents, i, new), _label("negation", s, new, "contradiction", "new", field="negation")
    return None


def hedge_added(sents: list[str], rng: random.Random) -> Edit | None:
    for i, s in _shuffled(sents, rng):
        m = re.search(r"\b(is|was|were|are|has|had|have)\b", s)
        if not m or re.search(r"\b(allegedly|reportedly|may|might|could|possibly)\b", s, re.I):
            continue
        new = s[:m.end()] + " " + rng.choice(["allegedly", "possibly"]) + s[m.end():]
        return _replace_in(sents, i, new), _label("hedge_added", s, new, "distortion", "new", field="certainty")
    return None


def hedge_removed(sents: list[str], rng: random.Random) -> Edit | None:
    for i, s in _shuffled(sents, rng):
        m = re.search(r"\b(allegedly|reportedly|possibly|apparently|probably|likely to)\s+", s)
        if m:
            new = s[:m.start()] + s[m.end():]
            return _replace_in(sents, i, new), _label("hedge_removed", s, new, "distortion", "new",
                                                     field="certainty")
    # no hedge in the text: hedge the old version instead, and keep the new one as published
    added = hedge_added(sents, rng)
    if added is None:
        return None
    hedged_sents, label = added
    label.update(type="hedge_removed", note="old version hedged by the generator; new version as published",
                 old_sentence=label["new_sentence"], new_sentence=label["old_sentence"], old_sents=hedged_sents)
    label["expected"][0]["claim"] = label["new_sentence"]
    return sents, label


_SAID = re.compile(r",\s*((?:the |a )?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}|police|officials|he|she) "
                   r"(said|says|told \w+)"
                   r"(?: on \w+)?\.\s*$")


def attribution_removed(sents: list[str], rng: random.Random) -> Edit | None:
    for i, s in _shuffled(sents, rng):
        m = _SAID.search(s)
        if m and not s.lstrip().startswith(("\"", "\u201c")):
            new = s[:m.start()].rstrip(" ,") + "."
            return _replace_in(sents, i, new), _label("attribution_removed", s, new, "distortion", "old",
                                                     field="attribution", claim=s)
        m = re.match(r"^(.{3,60}?) (said|says|told reporters) (that )?(.+)$", s)
        if m and not re.search(r"[\"\u201c]", s):
            body = m.group(4)
            new = body[0].upper() + body[1:]
            return _replace_in(sents, i, new), _label("attribution_removed", s, new, "distortion", "old",
                                                     field="attribution", claim=s)
    return None


def attribution_changed(sents: list[str], rng: random.Random) -> Edit | None:
    for i, s in _shuffled(sents, rng):
        m = _SAID.search(s) or re.search(r"^((?:The |A )?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}) (said|says|told)\b", s)
        if not m or m.group(1).lower() in ("he", "she", "police", "officials"):
            continue
        new = s[:m.start(1)] + rng.choice(STOCK_NAMES) + s[m.end(1):]
        return _replace_in(sents, i, new), _label("attribution_changed", s, new, "distortion", "new",
                                                 field_any=["attribution", "actors"], kind_any=["distortion",
                                                                                               "contradiction"])
    return None


def sentence_dropped(sents: list[str], rng: random.Random) -> Edit | None:
    i = rng.randrange(1, len(sents))
    return sents[:i] + sents[i + 1:], _label("sentence_dropped", sents[i], None, "omitted", "old", claim=sents[i])


def sentence_inserted(sents: list[str], rng: random.Random) -> Edit | None:
    i = rng.randrange(1, len(sents) + 1)
    extra = rng.choice(INSERTED)
    return sents[:i] + [extra] + sents[i:], _label("sentence_inserted", None, extra, "added", "new", claim=extra)


PARAPHRASES = [
    (r"\bthe United States\b", "the US"), (r"\bthe US\b", "the United States"), (r"\bin order to\b", "to"),
    (r"\bapproximately\b", "about"), (r"\bHowever, ", "But "), (r"\bdid not\b", "didn't"), (r"\bdoes not\b", "doesn't"),
    (r"\bis not\b", "isn't"), (r"\bcannot\b", "can't"), (r"\bper cent\b", "percent"), (r"\bpercent\b", "per cent"),
    (r"\bpurchased\b", "bought"), (r"\bcommenced\b", "began"), (r"\bassist\b", "help"),
]


def paraphrase(sents: list[str], rng: random.Random) -> Edit | None:
    for i, s in _shuffled(sents, rng):
        for pat, rep in PARAPHRASES:
            if re.search(pat, s):
                new = re.sub(pat, rep, s, count=1)
                return _replace_in(sents, i, new), {"type": "paraphrase", "old_sentence": s, "new_sentence": new,
                                                    "expected": []}
    return None


def _label(kind: str, old: str | None, new: str | None, category: str, side: str, *, claim: str | None = None,
           field: str | None = None, field_any: list[str] | None = None,
           kind_any: list[str] | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"kind": category, "side": side, "claim": claim or (new if side == "new" else old)}
    if field:
        item["field"] = field
    if field_any:
        item["field_any"] = field_any
    if kind_any:
        item["kind_any"] = kind_any
    return {"type": kind, "old_sentence": old, "new_sentence": new, "expected": [item]}


PERTURBATIONS: list[Callable[[list[str], random.Random], Edit | None]] = [
    time_shift, quantity_change, entity_swap, negation, hedge_added, hedge_removed, attribution_removed,
    attribution_changed, sentence_dropped, sentence_inserted, paraphrase,
]
VERDICT = {"contradiction": "contradictions", "distortion": "distortions", "added": "additions",
           "omitted": "omissions"}


def build(seed: int, n_cases: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows = [json.loads(line) for line in (HERE / "data" / "bump" / "data.jsonl").read_text().splitlines()]
    articles: dict[int, str] = {}
    for r in rows:
        articles.setdefault(r["article_id"], r["source_text"])
    ids = sorted(articles)
    rng.shuffle(ids)
    cases: list[dict[str, Any]] = []
    kinds = [PERTURBATIONS[i % len(PERTURBATIONS)] for i in range(n_cases)]
    pool = iter(ids)
    for fn in kinds:
        for art_id in pool:
            text = re.sub(r"^\(CNN\)\s*", "", articles[art_id]).replace("\n", " ")
            sents = [s for s in split_sentences(text) if 4 <= len(s.split()) <= 60][:7]
            if len(sents) < 4:
                continue
            edit = fn(sents, rng)
            if edit is None:
                continue
            new_sents, label = edit
            expected = label.pop("expected")
            sents = label.pop("old_sents", sents)
            verdict = VERDICT[expected[0]["kind"]] if expected else "consistent"
            accepted = sorted({VERDICT[k] for k in expected[0].get("kind_any", [])}) if expected else []
            cases.append({"id": f"perturbed-{len(cases) + 1:02d}-{label['type']}", "source": f"bump article "
                          f"{art_id}", "license": "BUMP (MIT); article text CNN/DailyMail",
                          "old_text": " ".join(sents), "new_text": " ".join(new_sents), "edit": label,
                          "expected": expected, "verdict": verdict,
                          **({"verdict_any": accepted} if accepted else {})})
            break
    return cases


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cases", type=int, default=33)
    ap.add_argument("--out", type=Path, default=HERE / "golden" / "perturbed.jsonl")
    args = ap.parse_args()
    cases = build(args.seed, args.cases)
    args.out.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
    print(f"wrote {len(cases)} cases to {args.out}")


if __name__ == "__main__":
    main()
