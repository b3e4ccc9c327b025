"""Word meaning from small WordNet-derived files: synonyms, antonyms, broader and sister nouns, morphological
negation, lemmas.

The data (``data/lexicon.txt.gz``, about 700 KB, built by ``scripts/build_lexicon.py``; license in ``data/NOTICE``)
is read on first use, never at import time, and is never turned into an index: its three sections are sorted lists
of lines, and a word is found by bisection, so the first lookup costs the decompression and nothing more. Words are
compared by lemma: WordNet's irregular forms ('fell' -> 'fall'), then plain English suffix rules ('raised' ->
'raise', 'stopping' -> 'stop'), keeping the first form the lexicon knows.
"""

from __future__ import annotations

import bisect
import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "lexicon.txt.gz"
BROADER = DATA.with_name("broader.txt.gz")  # nouns' broader words, read only when two nouns are compared
KINDS = DATA.with_name("kinds.txt.gz")  # nouns' kinds, read only when a copy writes a noun its original never does
NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")
# Opposites of news reporting that WordNet does not pair (it pairs 'accept' / 'reject', not 'approve' / 'reject'):
# deliberately short, each a decision or a direction a story turns on
NEWS_OPPOSITES = frozenset(tuple(sorted(p.split("/"))) for p in """approve/reject pass/reject uphold/overturn
    uphold/reverse acquit/convict confirm/deny support/oppose allow/ban allow/forbid permit/ban raise/cut raise/lower
    hire/fire join/leave expand/shrink boost/cut gain/lose praise/criticize praise/criticise admit/deny agree/refuse
    accept/refuse approve/veto back/oppose endorse/oppose increase/reduce increase/cut increase/lower
    raise/reduce grow/shrink approval/reject approval/rejection""".split()) | frozenset(
    # a stance taken the other way ('rejected calls for' -> 'endorsed calls for'): every word of one side against
    # every word of the other. Not 'back' (mostly an adverb: 'sent the bill back'), nor 'stay' / 'leave' (a paraphrase
    # turns one into the other: 'stay until March' / 'leave in March'), nor a thing begun or ended ('launched' /
    # 'abandoned', tried: it flagged a harmless held-out revision, and 'launched missiles' / 'dropped missiles' are
    # two acts, not one reversed)
    tuple(sorted((a, b))) for a in "approve accept support endorse uphold".split()
    for b in "reject oppose veto refuse condemn".split()) | frozenset(
    # praise against blame ('hailed the ruling' -> 'condemned the ruling')
    tuple(sorted((a, b))) for a in "praise hail welcome applaud commend".split()
    for b in "condemn criticize criticise denounce deplore".split())
# Opposites that only an edit in place reverses ('suspended all flights' -> 'resumed'): across an article both are
# often true of one story (flights suspended in May, resumed in June; some fled, others stayed; an offer rejected, a
# deal signed), so a claim is never held against another sentence's opposite for them
NEWS_OPPOSITES_IN_PLACE = frozenset(tuple(sorted(p.split("/"))) for p in """suspend/resume halt/resume flee/stay
    flee/remain sign/reject sign/veto sign/refuse sign/oppose sign/condemn prevent/cause""".split())
NEWS_OPPOSITES |= NEWS_OPPOSITES_IN_PLACE
# Steps of one news process that exclude each other, which WordNet neither pairs as opposites nor keeps apart from
# near-synonyms: a suspect arrested was not only questioned, a Test drawn was not won, the dead are not the injured, a
# proposal postponed was not approved, nor one cancelled postponed, a manager sacked was not appointed, the missing
# searched for are not found. Words of one step say one thing ('detained' / 'arrested'). Not 'shelve' (as often
# dropped for good as put off), nor 'keep' ('keep bills down' is no step before 'cut bills').
NEWS_STEPS: tuple[tuple[frozenset[str], ...], ...] = tuple(tuple(frozenset(step.split()) for step in process)
                                                          for process in (
    ("arrest detain apprehend", "question interview interrogate", "charge indict", "convict", "acquit",
     "release free"),
    ("injure hurt wound", "kill"),
    ("approve adopt", "postpone delay defer", "cancel scrap axe"),
    ("win beat", "draw", "lose", "withdraw"),
    ("resign quit", "sack fire dismiss oust", "appoint hire", "promote", "suspend"),
    ("ban prohibit outlaw", "restrict limit curb"),
    ("search hunt", "find locate"),
    ("unveil launch", "cancel scrap axe"),
))


def other_step(a: str, b: str) -> bool:
    """``a`` and ``b`` are two steps of one news process ('arrested' / 'questioned', 'won' / 'drew', 'injured' /
    'killed', 'resigned' / 'was sacked'): not one thing said two ways."""
    la, lb = set(lemmas(a.lower())), set(lemmas(b.lower()))
    return any(la & x and lb & y for process in NEWS_STEPS for x in process for y in process if x is not y) and \
        not any(la & x and lb & x for process in NEWS_STEPS for x in process)


# WordNet opposites that news writes for one thing: where a building or a statue is ('stands near', 'sits near',
# 'lies near'); a movement told from either end ('should go to the shelter' / 'should come to the shelter', 'take
# food to' / 'bring food to')
_NOT_NEWS_OPPOSITES = frozenset(frozenset(p.split("/"))
                                for p in "sit/stand lie/stand lie/sit go/come take/bring".split())


# Words of one direction a figure or a fortune moves in, which WordNet keeps in separate synsets ('rise' /
# 'increase', 'fall' / 'cut'): a copy that writes one for another says the same thing another way
DIRECTIONS = (frozenset("rise increase grow climb jump surge soar gain raise lift boost expand mount".split()),
              frozenset("fall decrease drop decline cut lower reduce slump plunge sink shrink slide dip tumble"
                        .split()))


_NEWS_MAP: dict[str, frozenset[str]] = {  # each word's news opposites
    w: frozenset(o for pair in NEWS_OPPOSITES if w in pair for o in pair if o != w) for pair in NEWS_OPPOSITES
    for w in pair}
# a figure moving the other way ('fell' / 'climbed'): an opposite inside an aligned pair only; across an article
# figures move both ways ('prices climbed', 'the deficit was reduced')
_DIRECTION_MAP: dict[str, frozenset[str]] = {
    w: other for group, other in zip(DIRECTIONS, DIRECTIONS[::-1], strict=True) for w in group}


def same_direction(word: str) -> frozenset[str]:
    """The other words of the direction ``word`` moves in ('increased' -> 'rise', 'grow', ...), if any."""
    own = set(lemmas(word))
    return frozenset().union(*(group for group in DIRECTIONS if own & group)) - own


def same_meaning(word: str, other: str) -> bool:
    """``other`` says ``word`` another way: a WordNet synonym, or a word of the same direction ('large' for
    'major', 'rose' for 'increased')."""
    return synonyms(word, other) or bool(set(lemmas(other)) & same_direction(word))


@dataclass(frozen=True)
class Entry:
    synsets: tuple[int, ...]  # the synsets the word belongs to
    opposites: tuple[str, ...]  # its antonyms
    verb: bool  # used mostly as a verb


_NONE = Entry((), (), False)


@dataclass(frozen=True)
class Lexicon:
    words: list[str]  # sorted 'word<TAB>synsets<TAB>opposites<TAB>v' lines
    synset_lines: list[str]  # line k: the words of synset k
    lemma_lines: list[str]  # sorted 'form<TAB>lemma' lines

    def entry(self, word: str) -> Entry | None:
        line = _find(self.words, word)
        if line is None:
            return None
        _, ids, opp, verb = line.split("\t")
        return Entry(tuple(int(k, 36) for k in ids.split()), tuple(opp.split()), verb == "v")

    def known(self, word: str) -> bool:
        """In a synset or with an antonym (a word WordNet lists only as a verb form is not enough)."""
        line = _find(self.words, word)
        return line is not None and not line.endswith("\t\t\tv") and not line.endswith("\t\t\t")

    def lemma(self, form: str) -> str | None:
        """The lemma of an irregular form ('fell' -> 'fall')."""
        line = _find(self.lemma_lines, form)
        return line.split("\t", 1)[1] if line else None

    def members(self, synset: int) -> tuple[str, ...]:
        return tuple(self.synset_lines[synset].split())


def _find(lines: list[str], key: str) -> str | None:
    """The line of ``key`` in a sorted list of 'key<TAB>...' lines (a tab sorts before every letter)."""
    probe = key + "\t"
    k = bisect.bisect_left(lines, probe)
    return lines[k] if k < len(lines) and lines[k].startswith(probe) else None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = gzip.decompress(DATA.read_bytes()).decode("ascii")
    sections = {}
    for part in text.split("\n@")[1:]:
        name, _, body = part.partition("\n")
        sections[name] = body.splitlines()
    return Lexicon(words=sections["words"], synset_lines=sections["synsets"], lemma_lines=sections["lemmas"])


@lru_cache(maxsize=65536)
def _entry(word: str) -> Entry:
    return lexicon().entry(word) or _NONE


@lru_cache(maxsize=65536)
def lemmas(word: str) -> tuple[str, ...]:
    """The dictionary forms the lexicon knows for one word ('buying': 'buying' the noun, 'buy' the verb); the word
    itself when it knows none."""
    lex = lexicon()
    w = word.lower()
    irregular = lex.lemma(w)
    if irregular and (irregular == w or irregular not in _FUNCTION_BASES):  # WordNet lists 'offer' under 'off'
        return (irregular,)
    cands = [w]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
                         ("ing", "e"), ("er", ""), ("est", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            base = w[: -len(suffix)] + repl
            cands.append(base)
            if len(base) > 2 and base[-1] == base[-2] and suffix in ("ed", "ing", "er", "est"):
                cands.append(base[:-1])  # 'stopped' -> 'stop'
    if not lex.known(w):  # 'largest' -> 'large', 'wider' -> 'wide'; not for a word of its own ('honest', 'user')
        cands += [w[: -len(sfx)] + "e" for sfx in ("est", "er") if w.endswith(sfx) and len(w) > len(sfx) + 2]
    # a base that is a function word is no lemma of a longer word: 'offer' is not 'off' + 'er', 'inner' not 'in'
    known = tuple(dict.fromkeys(c for c in cands if lex.known(c) and (c == w or c not in _FUNCTION_BASES)))
    return known or (w,)


@lru_cache(maxsize=1)
def _irregular_forms() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for line in lexicon().lemma_lines:
        form, _, lemma = line.partition("\t")
        out.setdefault(lemma, []).append(form)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=65536)
def forms(lemma: str) -> frozenset[str]:
    """Every written form that :func:`lemmas` could read as ``lemma``: the suffixes it strips put back ('buy' ->
    'buys', 'buying', 'bought'), so a text's words can be asked 'is one of you a form of this?' without reading
    the lemmas of them all. A superset: each form is still checked against :func:`lemmas`."""
    x = lemma
    out = {x, x + "s", x + "es", x + "ed", x + "d", x + "ing", x + "er", x + "est", x + "ly", x + x[-1:] + "ed",
           x + x[-1:] + "ing", x + x[-1:] + "er", x + x[-1:] + "est", *_irregular_forms().get(x, ())}
    if x.endswith("e"):
        out.update((x[:-1] + "ing", x[:-1] + "er", x[:-1] + "est"))
    if x.endswith("y"):
        out.update((x[:-1] + "ies", x[:-1] + "ied"))
    return frozenset(out)


_FUNCTION_BASES = frozenset("off on in out up down over under of at by to".split())


def is_word(word: str) -> bool:
    """A dictionary word under any of its lemmas ('figures', 'thousands'); a name WordNet does not list is not
    ('Buzzfeed', 'Bentleys')."""
    return any(lexicon().known(x) for x in lemmas(word))


GLUE = frozenset("said says told added that".split())  # words a careless edit sticks to a name ('Peskovsaid')


def misspelt(a: str, b: str, glue: frozenset[str] = GLUE) -> bool:
    """One word (or name) written two ways: the same letters with the spaces or hyphens moved ('Keyzilberman' /
    'Key Zilberman'); in words of six letters or more, a dictionary word misspelt by one letter or two swapped
    ('Goverment', 'sqaure'), or two names two neighbouring letters apart; or a word of ``glue`` stuck to the end,
    making no word ('Peskovsaid' / 'Peskov', not 'with' / 'without'). Two dictionary words are two words, however alike
    ('grooms' / 'brooms'), and names a letter apart are two people ('Jones' / 'Jonas', 'Petersen' / 'Peterson')."""
    x, y = a.lower(), b.lower()
    if x == y:
        return True
    if x.replace(" ", "").replace("-", "") == y.replace(" ", "").replace("-", ""):
        return True
    short, long = sorted((x, y), key=len)
    if len(short) >= 4 and long.startswith(short) and len(long) - len(short) >= 3 and long[len(short):] in glue \
            and not is_word(long.rsplit(None, 1)[-1]):  # 'with' / 'without' are two words
        return True
    xs, ys = x.split(), y.split()
    return len(xs) == len(ys) and all(p == q or _one_slip(p, q) for p, q in zip(xs, ys, strict=True))


def _one_slip(x: str, y: str) -> bool:
    if min(len(x), len(y)) < 6 or not (x.isalpha() and y.isalpha()):
        return False
    wx, wy = is_word(x), is_word(y)
    if wx and wy:
        return False
    from rapidfuzz.distance import OSA

    if wx != wy:  # a misspelling of a dictionary word: a letter added, dropped, changed or two swapped
        return OSA.distance(x, y, score_cutoff=1) <= 1
    # two names: only two neighbouring letters swapped; a letter changed, added or dropped is too often another
    # name ('Petersen' / 'Peterson')
    diff = [k for k in range(len(x)) if x[k] != y[k]] if len(x) == len(y) else []
    return len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]


def synonyms(a: str, b: str) -> bool:
    """Same lemma, or two lemmas that share a WordNet synset among their common senses."""
    la, lb = lemmas(a), lemmas(b)
    if set(la) & set(lb):
        return True
    return any(set(_entry(x).synsets) & set(_entry(y).synsets) for x in la for y in lb)


@lru_cache(maxsize=1)
def _broader_lines() -> list[str]:
    return gzip.decompress(BROADER.read_bytes()).decode("ascii").splitlines()[1:]


@lru_cache(maxsize=65536)
def broader(specific: str, general: str) -> bool:
    """``general`` is a broader noun for ``specific``, one or two WordNet hypernym steps above one of its first two
    senses ('blaze' -> 'fire', 'spaniel' -> 'dog', 'astronomer' -> 'scientist'): a copy that writes it says less,
    not something else. Only this way round: 'fire' -> 'blaze' says more."""
    targets = set(lemmas(general)) | set(_singulars(general))
    for x in dict.fromkeys((*lemmas(specific), *_singulars(specific))):
        line = _find(_broader_lines(), x)
        if line and targets & set(line.split("\t", 1)[1].split()):
            return True
    return False


@lru_cache(maxsize=1)
def _kind_lines() -> list[str]:
    return gzip.decompress(KINDS.read_bytes()).decode("ascii").splitlines()[1:]


@lru_cache(maxsize=65536)
def _kinds(noun: str) -> tuple[str, frozenset[str], frozenset[str]] | None:
    """A noun's first sense, its parents and their parents, as numbers of the kinds file; the noun as written or a
    singular it is the plural of, never a verb's lemma ('trained' is no form of 'train')."""
    for x in _singulars(noun):
        line = _find(_kind_lines(), x)
        if line:
            _, own, parents, grandparents = line.split("\t")
            return own, frozenset(parents.split()), frozenset(grandparents.split())
    return None


@lru_cache(maxsize=65536)
def sister_kinds(a: str, b: str) -> bool:
    """Two nouns are two kinds of one thing, neither a kind of the other and not one meaning: 'astronomers' /
    'biologists' (scientists), 'chloride' / 'cyanide' (compounds), 'boots' / 'sandals' (footwear); not
    'astronomer' / 'physicist' (an astronomer is one), not 'car' / 'automobile', not cousins ('teacher' /
    'prosecutor'). Things and people only, and only kinds narrow enough to be swapped within (see
    scripts/build_lexicon.py)."""
    ka, kb = _kinds(a.lower()), _kinds(b.lower())
    if ka is None or kb is None or ka[0] in kb[1] | kb[2] or kb[0] in ka[1] | ka[2]:
        return False
    if not (ka[1] & (kb[1] | kb[2]) or kb[1] & ka[2]):  # cousins ('teacher' / 'prosecutor') are no stand-ins
        return False
    return not (ka[0] == kb[0] != "-" or synonyms(a.lower(), b.lower()))


def _singulars(word: str) -> tuple[str, ...]:
    """A noun and the singulars it may be the plural of ('astronomers' -> 'astronomer'; WordNet's lemmas cover only
    the words of its synonym sets)."""
    w = word.lower()
    return (w, *(w[: -len(suffix)] + repl for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""))
                 if w.endswith(suffix) and len(w) - len(suffix) >= 3))


def synonym_words(word: str) -> frozenset[str]:
    """Every lemma that is a synonym of ``word`` by :func:`synonyms` (its own lemmas and those sharing a synset)."""
    own = lemmas(word)
    lex = lexicon()
    return frozenset(own).union(*(lex.members(k) for x in own for k in _entry(x).synsets))


@lru_cache(maxsize=65536)
def antonyms(a: str, b: str) -> bool:
    """WordNet antonyms ('buy' / 'sell', 'rise' / 'fall'), or one word the negative-prefixed form of the other
    ('controlled' / 'uncontrolled', 'sufficient' / 'insufficient')."""
    lb = lemmas(b)
    if any(frozenset((x, y)) in _NOT_NEWS_OPPOSITES for x in lemmas(a) for y in lb):
        return False
    if any(y in _entry(x).opposites or y in _NEWS_MAP.get(x, ()) or y in _DIRECTION_MAP.get(x, ())
           for x in lemmas(a) for y in lb):
        return True
    return negative_form(a, b) or negative_form(b, a)


def negative_form(neg: str, pos: str) -> bool:
    """``neg`` is ``pos`` with a negative prefix ('unaffected' / 'affected', 'non-binding' / 'binding'). Two
    dictionary words that only look so count when WordNet calls them opposites: 'disclosed' is not 'not closed'."""
    n, p = neg.lower().replace("-", ""), pos.lower().replace("-", "")
    return len(p) >= 4 and any(n == pre + p for pre in NEGATIVE_PREFIXES) and _prefix_opposite(n, p)


def _prefix_opposite(neg: str, pos: str) -> bool:
    if not (is_word(neg) and is_word(pos)):
        return True  # 'non-binding', 'unhurt': the prefix is all there is to go on
    return any(y in _entry(x).opposites for x in {neg, *lemmas(neg)} for y in {pos, *lemmas(pos)})


def is_verb(word: str) -> bool:
    """The word is mostly a verb in WordNet ('sings', 'hummed'; not 'kids', 'goal'). An agent noun WordNet knows as a
    word of its own is judged by itself, not by the verb inside it: 'seller', 'singer', 'defender' are not verbs."""
    low = word.lower()
    if low.endswith(("er", "or")) and lexicon().known(low) and not _entry(low).verb:
        return False
    return any(_entry(x).verb for x in lemmas(word))


def _own_lemmas(word: str) -> tuple[str, ...]:
    """The lemmas of ``word``, but an agent noun WordNet knows as a word of its own is itself only: 'buyer' is no
    form of 'buy', so 'sell' is not its opposite ('seller' is)."""
    if word.endswith(("er", "or")) and lexicon().known(word) and not _entry(word).verb:
        return (word,)
    return lemmas(word)


def in_place_only(a: str, b: str) -> bool:
    """``a`` and ``b`` are opposites only an edit in place reverses (``NEWS_OPPOSITES_IN_PLACE``)."""
    return any(tuple(sorted((x, y))) in NEWS_OPPOSITES_IN_PLACE
               for x in _own_lemmas(a.lower()) for y in _own_lemmas(b.lower()))


@lru_cache(maxsize=65536)
def opposites(word: str, prefix_only: bool = False) -> frozenset[str]:
    """Lemmas that mean the opposite of ``word`` ('buying' -> 'sell'), with its negative-prefix partner
    ('controlled' -> 'uncontrolled', 'unaffected' -> 'affected'); ``prefix_only``: the prefix partners alone."""
    low = word.lower()
    out = set() if prefix_only else {o for x in _own_lemmas(low) for o in (*_entry(x).opposites,
                                                                           *_NEWS_MAP.get(x, ()))
                                     if frozenset((x, o)) not in _NOT_NEWS_OPPOSITES
                                     and tuple(sorted((x, o))) not in NEWS_OPPOSITES_IN_PLACE}
    out.update(pre + low for pre in NEGATIVE_PREFIXES if len(low) >= 4 and _prefix_opposite(pre + low, low))
    out.update(low[len(pre):] for pre in NEGATIVE_PREFIXES if low.startswith(pre) and len(low) - len(pre) >= 4
               and _prefix_opposite(low, low[len(pre):]))
    return frozenset(out)
