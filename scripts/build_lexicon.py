"""Build summarizer/data/lexicon.txt.gz and broader.txt.gz from the WordNet 3.0 database (Debian package wordnet-base).

    apt-get install -y wordnet-base && python scripts/build_lexicon.py [--wordnet /usr/share/wordnet] [--check]

What it keeps (single lower-case words only, so the file stays small):
- antonyms: WordNet's lexical antonym pointers ('!') in every part of speech, and for adjectives also the
  satellites of a head adjective against the other head ('damp' against 'dry');
- synsets: the words of each synset that is among the first SYNONYM_SENSES senses of one of its words (a word's
  senses are listed most frequent first), so a synset nobody uses first makes no synonyms;
- lemmas: WordNet's irregular forms ('fell' -> 'fall', 'worse' -> 'bad');
- verbs: words with more verb senses than noun senses ('sing', 'hum'; not 'kid'), for telling a predicate from a
  thing without a tagger.
Output is sorted text in a gzip with no timestamp (the same database gives the same bytes), laid out so that
``summarizer/lexicon.py`` reads it without building an index: three sections, each sorted, looked up by bisection.
    @words    word TAB synset numbers (base 36) TAB opposites (antonyms and satellites) TAB 'v' if mostly a verb
    @synsets  line k: the words of synset k
    @lemmas   irregular form TAB its lemma
A second file, ``broader.txt.gz``, holds the nouns' broader words, read only when two nouns are compared:
    word TAB the words of the synsets one or two hypernym steps above its first (most frequent) noun sense
    ('blaze': 'fire flame ...', 'spaniel': 'dog ...'), so a copy that says 'fire' for 'blaze' says less, not
    something else. Only things, substances and processes (under 'physical entity'), never people: a broader word
    for a person or an idea changes what is said ('victim' -> 'cause', 'girl' -> 'woman', 'conviction' ->
    'belief'). A broader word is kept only when SemCor tags it at least once (WordNet's tag count): the general
    words a paraphrase reaches for are common ones.
A third file, ``kinds.txt.gz``, holds each noun's kinds, for telling one kind put for another:
    word TAB its first noun sense TAB the synsets one hypernym step above it TAB those two steps above it (base 36
    numbers of this file)
Two nouns one of whose parents is a parent or grandparent of the other, neither a kind of the other, are two kinds
of one thing ('biologist' and 'astronomer', whose parent 'physicist' is a 'scientist'; 'chloride' / 'cyanide', both
a 'compound'): a copy that writes one for the other says something else. Cousins, sharing only a grandparent, are
not ('teacher' / 'prosecutor', both professionals: one is no stand-in for the other, and a copy naming both names
two people). Only things and people (under 'physical entity', but no process or phenomenon, whose kinds a
paraphrase crosses, 'aftermath' / 'response', and no location, 'town' / 'city'), single words, and kinds that hold
between two and 300 of them (a kind above more, 'person' or 'organism', is no kind a copy swaps within); a first
sense that is no such kind is written '-'.
``--check`` rebuilds in memory and fails when a shipped file differs.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from datafile import encode_text, write_or_check

OUT = Path(__file__).resolve().parent.parent / "summarizer" / "data" / "lexicon.txt.gz"
BROADER_OUT = OUT.with_name("broader.txt.gz")
KINDS_OUT = OUT.with_name("kinds.txt.gz")
KIND_MAX_WORDS = 300  # a kind above more words is no kind a copy swaps within ('person', 'organism')
BROADER_STEPS = 2  # 'spaniel' -> 'sporting dog' -> 'dog'
PHYSICAL_ENTITY, PERSON = "00001930", "00007846"  # WordNet 3.0 noun synsets 'physical entity' and 'person'
PROCESS, LOCATION = "00029677", "00027167"  # 'process' ('aftermath', 'response') and 'location' ('town', 'city')
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SYNONYM_SENSES = 6  # a word's first senses only (most frequent first): rare senses make false synonyms
WORD = re.compile(r"^[a-z]{2,}$")


def read_data(root: Path, pos: str) -> dict[str, dict]:
    """Synsets of one part of speech: offset -> {words, pointers, satellite}."""
    out = {}
    for line in (root / f"data.{POS[pos]}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        head = line.split(" | ")[0].split()
        offset, ss_type, w_cnt = head[0], head[2], int(head[3], 16)
        words = [re.sub(r"\(.*\)$", "", head[4 + 2 * k]).lower() for k in range(w_cnt)]
        k = 4 + 2 * w_cnt
        p_cnt = int(head[k])
        pointers = []
        for n in range(p_cnt):
            sym, off, ppos, st = head[k + 1 + 4 * n: k + 5 + 4 * n]
            pointers.append((sym, off, "a" if ppos == "s" else ppos, int(st[:2], 16), int(st[2:], 16)))
        out[offset] = {"words": words, "pointers": pointers, "satellite": ss_type == "s"}
    return out


def read_index(root: Path, pos: str) -> dict[str, list[str]]:
    """Word -> its synset offsets, most frequent sense first."""
    out = {}
    for line in (root / f"index.{POS[pos]}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        lemma, synset_cnt, p_cnt = parts[0], int(parts[2]), int(parts[3])
        out[lemma] = parts[4 + p_cnt + 2:][:synset_cnt]
    return out


def build(root: Path) -> str:
    antonyms: set[tuple[str, str]] = set()
    groups: set[tuple[str, ...]] = set()
    for pos in POS:
        data, index = read_data(root, pos), read_index(root, pos)
        for syn in data.values():
            for sym, off, ppos, src, tgt in syn["pointers"]:
                if sym != "!" or ppos != pos or not src or not tgt:
                    continue
                a, b = syn["words"][src - 1], data[off]["words"][tgt - 1]
                if WORD.match(a) and WORD.match(b):
                    antonyms.add(tuple(sorted((a, b))))
        if pos == "a":  # a satellite ('damp') stands against its head's antonym ('dry')
            satellites: dict[str, list[str]] = {}
            for _off, syn in data.items():
                if syn["satellite"]:
                    for sym, head_off, _, _, _ in syn["pointers"]:
                        if sym == "&":
                            satellites.setdefault(head_off, []).extend(syn["words"])
            heads = {w: off for off, syn in data.items() if not syn["satellite"] for w in syn["words"]}
            for a, b in sorted(antonyms):
                for x, y in ((a, b), (b, a)):
                    if x in heads and y in heads:
                        for s in satellites.get(heads[x], []):
                            if WORD.match(s) and s != y:
                                antonyms.add(tuple(sorted((s, y))))
        common = {off for word, offsets in index.items() if WORD.match(word) for off in offsets[:SYNONYM_SENSES]}
        for off in common:
            words = {w for w in data[off]["words"] if WORD.match(w)}
            if len(words) >= 2:
                groups.add(tuple(sorted(words)))
    senses = {pos: {w: len(offs) for w, offs in read_index(root, pos).items() if WORD.match(w)} for pos in "vn"}
    verbs = sorted(w for w, n in senses["v"].items() if n > senses["n"].get(w, 0))
    lemmas = {}
    for pos in ("v", "a", "n"):
        for line in (root / f"{POS[pos]}.exc").read_text(encoding="latin-1").splitlines():
            parts = line.split()
            if len(parts) >= 2 and WORD.match(parts[0]) and WORD.match(parts[1]) and parts[0] not in lemmas:
                lemmas[parts[0]] = parts[1]
    return layout(sorted(antonyms), sorted(groups), lemmas, verbs)


def build_broader(root: Path) -> str:
    """The broader-words file's text (see the module docstring): sorted 'word TAB broader words' lines."""
    data, index = read_data(root, "n"), read_index(root, "n")
    tagged = _tagged(root)

    def up(offsets: set[str]) -> set[str]:
        return {off for o in offsets for sym, off, ppos, _, _ in data[o]["pointers"]
                if sym in ("@", "@i") and ppos == "n"}

    ancestors: dict[str, frozenset[str]] = {}

    def above(off: str) -> frozenset[str]:
        if off not in ancestors:
            ancestors[off] = frozenset()  # a cycle (none in WordNet 3.0) ends here
            ancestors[off] = frozenset(up({off})).union(*(above(o) for o in up({off})))
        return ancestors[off]

    lines = ["# WordNet 3.0 (Princeton University), Debian wordnet-base; see summarizer/data/NOTICE. "
             "Built by scripts/build_lexicon.py."]
    for word in sorted(w for w in index if WORD.match(w)):
        first = index[word][0]
        if PHYSICAL_ENTITY not in above(first) or PERSON in above(first) | {first}:
            continue  # an idea, an act or a person: a broader word changes what is said ('victim' -> 'cause')
        level, broader_offsets = {first}, set()
        for _ in range(BROADER_STEPS):
            level = up(level)
            broader_offsets |= level
        broader = sorted({w for off in broader_offsets for w in data[off]["words"] if WORD.match(w) and w in tagged}
                         - {word})
        if broader:
            lines.append(f"{word}\t{' '.join(broader)}")
    return "\n".join(lines) + "\n"


def build_kinds(root: Path) -> str:
    """The kinds file's text (see the module docstring): sorted 'word TAB own TAB kinds' lines."""
    data, index = read_data(root, "n"), read_index(root, "n")
    ancestors: dict[str, frozenset[str]] = {}

    def up(off: str) -> set[str]:
        return {o for sym, o, ppos, _, _ in data[off]["pointers"] if sym in ("@", "@i") and ppos == "n"}

    def above(off: str) -> frozenset[str]:
        if off not in ancestors:
            ancestors[off] = frozenset()
            ancestors[off] = frozenset(up(off)).union(*(above(o) for o in up(off)))
        return ancestors[off]

    near: dict[str, tuple[str, set[str], set[str]]] = {}  # word -> its first sense, its parents, their parents
    for word in sorted(w for w in index if WORD.match(w)):
        first = index[word][0]
        if PHYSICAL_ENTITY in above(first) and not {PROCESS, LOCATION} & above(first):
            parents = up(first)
            near[word] = (first, parents, {o for x in parents for o in up(x)} - parents)
    held: dict[str, int] = {}
    for _, parents, grandparents in near.values():
        for off in parents | grandparents:
            held[off] = held.get(off, 0) + 1
    kept = {off for off, n in held.items() if 2 <= n <= KIND_MAX_WORDS}
    numbers = {off: k for k, off in enumerate(sorted(kept))}
    lines = ["# WordNet 3.0 (Princeton University), Debian wordnet-base; see summarizer/data/NOTICE. "
             "Built by scripts/build_lexicon.py."]
    for word, (first, parents, grandparents) in near.items():
        ids = [" ".join(_base36(k) for k in sorted(numbers[o] for o in level & kept))
               for level in (parents, grandparents)]
        if any(ids):
            own = _base36(numbers[first]) if first in numbers else "-"
            lines.append(f"{word}\t{own}\t{ids[0]}\t{ids[1]}")
    return "\n".join(lines) + "\n"


def _tagged(root: Path) -> set[str]:
    """The nouns SemCor tags at least once (WordNet's tag count): the words news writing reaches for."""
    tagged = set()
    for line in (root / "index.noun").read_text(encoding="latin-1").splitlines():
        parts = line.split()
        if not line.startswith(" ") and int(parts[4 + int(parts[3]) + 1]) > 0:
            tagged.add(parts[0])
    return tagged


def layout(antonyms: list[tuple[str, str]], synsets: list[tuple[str, ...]], lemmas: dict[str, str],
           verbs: list[str]) -> str:
    """The file's text: a header, then the @words, @synsets and @lemmas sections (see the module docstring)."""
    index: dict[str, list[int]] = {}
    for k, group in enumerate(synsets):
        for w in group:
            index.setdefault(w, []).append(k)
    opposite: dict[str, set[str]] = {}
    for a, b in antonyms:
        opposite.setdefault(a, set()).add(b)
        opposite.setdefault(b, set()).add(a)
    verb_set = set(verbs)
    lines = ["# WordNet 3.0 (Princeton University), Debian wordnet-base; see summarizer/data/NOTICE. "
             "Built by scripts/build_lexicon.py.", "@words"]
    for w in sorted(set(index) | set(opposite) | verb_set):
        ids = " ".join(_base36(k) for k in index.get(w, ()))
        lines.append(f"{w}\t{ids}\t{' '.join(sorted(opposite.get(w, ())))}\t{'v' if w in verb_set else ''}")
    lines.append("@synsets")
    lines += [" ".join(g) for g in synsets]
    lines.append("@lemmas")
    lines += [f"{a}\t{b}" for a, b in sorted(lemmas.items())]
    return "\n".join(lines) + "\n"


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--check", action="store_true", help="fail when the shipped file differs from a rebuild")
    args = ap.parse_args()
    if not (args.wordnet / "data.verb").is_file():
        print(f"{args.wordnet}: no WordNet database (apt-get install -y wordnet-base)", file=sys.stderr)
        return 2
    status = write_or_check(OUT, encode_text(build(args.wordnet)), args.check)
    status = write_or_check(BROADER_OUT, encode_text(build_broader(args.wordnet)), args.check) or status
    return write_or_check(KINDS_OUT, encode_text(build_kinds(args.wordnet)), args.check) or status


if __name__ == "__main__":
    raise SystemExit(main())
