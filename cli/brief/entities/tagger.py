"""Named-entity tagging with the shipped two-stage CRF model.

A document arrives as sentences of word strings (from ``brief.tokens``) and leaves as one BIO label
per word in the CoNLL-2003 scheme (PER, ORG, LOC, MISC). Stage one tags each sentence from word,
shape, affix, word-cluster and gazetteer features in a ±2 window, plus how the same word is
capitalised elsewhere in the document (so an all-caps headline or a sentence-initial word borrows
the casing of its other mentions). Stage two re-tags with stage one's labels of the same words
elsewhere in the document, which keeps a name's type consistent across mentions. The feature code
here is shared with ``training/train_ner.py`` so that training and tagging see exactly the same
features. The model files are crfsuite binaries and plain-text tables, loaded lazily, once per
process.

Stage-one features take about 400 bytes a word and stage two needs them, so a very long document is
tagged in blocks of consecutive sentences of up to ``BLOCK_WORDS`` words, each block a document of its
own: memory stays bounded, time linear.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..loading import load_once, model_path

# The folder of the shipped model files (``use_model`` loads another, for benchmarks).
MODEL_DIR = model_path()
STAGE1_FILE = "ner_stage1.crfsuite"
STAGE2_FILE = "ner_stage2.crfsuite"
CLUSTERS_FILE = "ner_clusters.tsv"
GAZETTEER_FILE = "ner_gazetteer.tsv"
TRUECASE_FILE = "ner_truecase.tsv"
LABELS = ("PER", "ORG", "LOC", "MISC")

# Line casing modes: in an all-caps or all-lowercase line a word's own capitalisation says nothing
# about whether it is a name, so shape features are left out there; the mode is a feature instead.
MIXED, UPPER, LOWER = "M", "U", "L"
GAZETTEER_MAX_WORDS = 6
# Words of a document tagged together: about 40 MB of features, a 600 KB text, ten times the
# longest feature article. Past it, the casing and label votes of each block speak for its names.
BLOCK_WORDS = 100_000

Sentence = Sequence[str]
Features = list[list[str]]


@dataclass(frozen=True)
class Resources:
    """Lexical knowledge the features draw on: word clusters and a gazetteer of known names."""

    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    gazetteer: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, model_dir: Path = MODEL_DIR) -> Resources:
        return cls(
            clusters=read_clusters(model_dir / CLUSTERS_FILE),
            gazetteer=read_gazetteer(model_dir / GAZETTEER_FILE),
        )


def read_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """``word<TAB>a.b.c`` lines into word -> cluster-path prefixes ("a", "a.b", "a.b.c")."""
    if not path.exists():
        return {}
    # Words and paths hold no white space, so one split reads all 50,000 lines at C speed.
    fields = iter(path.read_text(encoding="utf-8").split())
    paths = dict(zip(fields, fields, strict=False))
    prefixes = {cluster: _prefixes(cluster) for cluster in set(paths.values())}
    return {word: prefixes[cluster] for word, cluster in paths.items()}


def _prefixes(cluster_path: str) -> tuple[str, ...]:
    parts = cluster_path.split(".")
    return tuple(".".join(parts[: i + 1]) for i in range(len(parts)))


def read_gazetteer(path: Path) -> dict[tuple[str, ...], tuple[str, ...]]:
    """``LABEL<TAB>lower-cased words`` lines into phrase -> labels it is known under."""
    gazetteer: dict[tuple[str, ...], tuple[str, ...]] = {}
    if not path.exists():
        return gazetteer
    with path.open(encoding="utf-8") as f:
        for line in f:
            label, _, phrase = line.rstrip("\n").partition("\t")
            key = tuple(phrase.split(" "))
            gazetteer[key] = (*gazetteer.get(key, ()), label)
    return gazetteer


# Typographic quotes and dashes as the ASCII ones the training text uses.
_ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "--"})


def fold(word: str) -> str:
    """The form features and document statistics key a word by: lower case, ASCII punctuation."""
    return word.lower() if word.isascii() else word.lower().translate(_ASCII)


def line_mode(words: Sentence) -> str:
    """UPPER for a headline or dateline in capitals, LOWER for lower-cased text, else MIXED."""
    upper = lower = 0
    for w in words:
        if w[0].isalpha():
            if w.isupper():
                upper += 1
            elif w.islower():
                lower += 1
            else:
                return MIXED
    if upper >= 2 and lower == 0:
        return UPPER
    if lower >= 2 and upper == 0:
        return LOWER
    return MIXED


def shape(word: str) -> str:
    """Collapsed character classes: "Lavrov" -> "Xx", "U.S." -> "X.X.", "1,200" -> "d,d"."""
    out: list[str] = []
    last = ""
    for c in word:
        k = "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
        if k != last:
            out.append(k)
            last = k
    return "".join(out)


def case_form(word: str) -> str:
    """How a word is capitalised: "x" lower, "X" all caps, "Xx" capitalised, "" no letters."""
    if not word[0].isalpha():
        return ""
    if word.islower():
        return "x"
    if word.isupper():
        return "X"
    return "Xx"


@dataclass
class DocContext:
    """Per-document facts for the features: each sentence's casing mode, each word's usual case."""

    modes: list[str]
    usual_case: dict[str, str]


def doc_context(sentences: Sequence[Sentence]) -> DocContext:
    """Casing modes, and the majority case of every word where its case is informative."""
    modes = [line_mode(s) if s else MIXED for s in sentences]
    # Only words whose own case is uninformative look their usual case up: count just those.
    wanted: set[str] = set()
    for words, mode in zip(sentences, modes, strict=True):
        if mode != MIXED:
            wanted.update(fold(w) for w in words)
        elif words:
            wanted.add(fold(words[0]))
    seen = Counter(
        (low, case_form(w))
        for words, mode in zip(sentences, modes, strict=True)
        if mode == MIXED
        for w in words[1:]  # sentence-initial capitals say nothing
        if (low := fold(w)) in wanted
    )
    usual: dict[str, str] = {}
    best: dict[str, int] = {}
    for (low, form), n in seen.items():
        if form and n > best.get(low, 0):
            usual[low], best[low] = form, n
    return DocContext(modes, usual)


# What a sentence's first two words see before them, and its last two after them.
_LEFT_PAD: tuple[list[str], ...] = ([], ["BOS"], [], [])
_RIGHT_PAD: tuple[list[str], ...] = ([], [], ["EOS"], [])


# Words per generation of the feature cache: about 2 KB an entry, so two generations hold at most
# ~40 MB, and a batch worker that sees a large vocabulary stays flat in memory.
_CACHE_WORDS = 10_000


class FeatureExtractor:
    """Turns sentences into crfsuite attribute lists; per-word parts are cached, words repeat.

    The cache has two generations: when the current one is full it becomes the old one, and a word
    found there moves back into the current one. Words in use stay cached however long the stream
    (a 10 MB article computes 105,000 entries for 1.9 million words, where keeping the first 20,000
    words seen computed 780,000), in the memory of 20,000 entries.
    """

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self._gaz_first = {k[0] for k in resources.gazetteer}
        # (word, mode) -> its own features, its features seen from each neighbour, its key form
        self._cache: dict[tuple[str, str], tuple[list[str], tuple[list[str], ...], str]] = {}
        self._old_cache: dict[tuple[str, str], tuple[list[str], tuple[list[str], ...], str]] = {}

    def _entry(self, word: str, mode: str) -> tuple[list[str], tuple[list[str], ...], str]:
        """A word's cached parts, computed on a miss in both generations."""
        key = (word, mode)
        entry = self._old_cache.get(key)
        if entry is None:
            low = fold(word)
            entry = (
                self._word_features(word, low, mode),
                self._context_features(word, low, mode),
                low,
            )
        if len(self._cache) >= _CACHE_WORDS:
            self._old_cache, self._cache = self._cache, {}
        self._cache[key] = entry
        return entry

    def _word_features(self, word: str, low: str, mode: str) -> list[str]:
        feats = ["b", "w=" + low, "p3=" + low[:3]]
        feats += ["s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:]]
        if mode == MIXED:
            sh = shape(word)
            feats.append("sh=" + sh)
            if len(word) > 1 and sh in ("X", "X.", "X.X.", "X.X"):
                feats.append("acr")
        else:
            feats.append("m=" + mode)
            feats.append("lsh=" + shape(low))
        if any(c.isdigit() for c in word):
            feats.append("dig")
        if "-" in word:
            feats.append("hy")
        for i, c in enumerate(self.resources.clusters.get(low, ("none",))):
            feats.append(f"c{i}={c}")
        return feats

    def _context_features(self, word: str, low: str, mode: str) -> tuple[list[str], ...]:
        """Features of ``word`` seen from its neighbours, one list per offset -2, -1, +1, +2."""
        sh = shape(word) if mode == MIXED else "m"
        cl = self.resources.clusters.get(low, ("none",))
        near, far = cl[min(1, len(cl) - 1)], cl[0]
        out = []
        for off in ("-2", "-1", "+1", "+2"):
            if off in ("-1", "+1"):
                out.append([f"w{off}={low}", f"sh{off}={sh}", f"c{off}={near}"])
            else:
                out.append([f"w{off}={low}", f"c{off}={far}"])
        return tuple(out)

    def _gazetteer_tags(self, lows: list[str], words: Sentence, mode: str) -> list[list[str]]:
        """Longest gazetteer match at each position, as B-/I- features for its labels."""
        n = len(lows)
        tags: list[list[str]] = [[] for _ in range(n)]
        gaz = self.resources.gazetteer
        i = 0
        while i < n:
            # In mixed-case text a name starts with a capital or digit: "us" is not "US".
            if lows[i] not in self._gaz_first or (mode == MIXED and words[i][0].islower()):
                i += 1
                continue
            for j in range(min(n, i + GAZETTEER_MAX_WORDS), i, -1):
                labels = gaz.get(tuple(lows[i:j]))
                if labels is not None:
                    for lab in labels:
                        tags[i].append("g=B-" + lab)
                        for k in range(i + 1, j):
                            tags[k].append("g=I-" + lab)
                    if len(labels) > 1:
                        tags[i].append("g=amb")
                    i = j
                    break
            else:
                i += 1
        return tags

    def sentence(self, words: Sentence, mode: str, usual_case: dict[str, str]) -> Features:
        """Stage-one features for one sentence."""
        cache = self._cache
        entries = [cache.get((w, mode)) or self._entry(w, mode) for w in words]
        lows = ["<s>", *(e[2] for e in entries), "</s>"]
        # Neighbour features, padded so that position i's neighbours are ctx[i] .. ctx[i + 4].
        ctx = [_LEFT_PAD, _LEFT_PAD, *(e[1] for e in entries), _RIGHT_PAD, _RIGHT_PAD]
        gaz = self._gazetteer_tags(lows[1:-1], words, mode)
        out: Features = []
        for i, entry in enumerate(entries):
            low = lows[i + 1]
            f = [
                *entry[0],
                *ctx[i][0],
                *ctx[i + 1][1],
                *ctx[i + 3][2],
                *ctx[i + 4][3],
                "bg-=" + lows[i] + "|" + low,
                "bg+=" + low + "|" + lows[i + 2],
                *gaz[i],
            ]
            if i == 0 or mode != MIXED:
                usual = usual_case.get(low)
                if usual:
                    f.append("dc=" + usual)
            out.append(f)
        return out

    def document(self, sentences: Sequence[Sentence], ctx: DocContext) -> list[Features]:
        """Stage-one features for every sentence of a document."""
        return [
            self.sentence(s, m, ctx.usual_case) for s, m in zip(sentences, ctx.modes, strict=True)
        ]


def entity_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIO tags into (first, last + 1, label) spans; a stray I- starts a new span."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate((*tags, "O")):
        if tag == "O" or tag.startswith("B-") or tag[2:] != label:
            if start >= 0:
                spans.append((start, i, label))
                start, label = -1, ""
            if tag != "O":
                start, label = i, tag[2:]
    return spans


def stage2_features(
    sentences: Sequence[Sentence],
    modes: Sequence[str],
    base: Sequence[Features],
    first_pass: Sequence[Sequence[str]],
    skip_settled: bool = False,
) -> list[Features | None]:
    """Stage-one features plus what stage one said of the same words elsewhere in the document.

    With ``skip_settled``, a sentence where every word's stage-one label already agrees with the
    document's vote gets None instead: stage two would keep those labels, so tagging it again is
    time spent for nothing.
    """
    return list(iter_stage2_features(sentences, modes, base, first_pass, skip_settled))


def iter_stage2_features(
    sentences: Sequence[Sentence],
    modes: Sequence[str],
    base: Sequence[Features],
    first_pass: Sequence[Sequence[str]],
    skip_settled: bool = False,
) -> Iterator[Features | None]:
    """``stage2_features`` one sentence at a time, so that they need not all be held at once."""
    votes = Counter(
        (fold(w), label)
        for words, tags in zip(sentences, first_pass, strict=True)
        for a, b, label in entity_spans(tags)
        for w in words[a:b]
    )
    ranked: dict[str, list[tuple[int, str]]] = {}
    for (low, label), n in votes.items():
        ranked.setdefault(low, []).append((-n, label))
    majority = {low: [lab for _, lab in sorted(r)[:2]] for low, r in ranked.items()}
    if len(base) != len(sentences):
        raise ValueError("one set of stage-one features per sentence is needed")
    for number, (words, mode, tags) in enumerate(zip(sentences, modes, first_pass, strict=True)):
        # Lower-case words in running text ("of", "the") are not names, whatever the vote.
        votes_here = [
            None if mode == MIXED and w.islower() else majority.get(fold(w)) for w in words
        ]
        if skip_settled and all(
            top is None or (len(top) == 1 and tag[2:] == top[0])
            for top, tag in zip(votes_here, tags, strict=True)
        ):
            yield None
            continue
        feats = base[number]
        n = len(words)
        sent: Features = []
        for i, top in enumerate(votes_here):
            f = [*feats[i], "p=" + tags[i]]
            if i >= 1:
                f.append("p-1=" + tags[i - 1])
            if i + 1 < n:
                f.append("p+1=" + tags[i + 1])
            if top:
                f.append("d=" + top[0])
                if len(top) > 1:
                    f.append("d2=" + top[1])
            sent.append(f)
        yield sent


class NerTagger:
    """The shipped model: stage-one and stage-two crfsuite taggers plus their lexical resources."""

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        import pycrfsuite  # heavy: only once a document actually needs tagging

        self.model_dir = model_dir
        self.skip_settled = True
        self.features = FeatureExtractor(Resources.load(model_dir))
        self._stage1: Any = pycrfsuite.Tagger()
        self._stage1.open(str(model_dir / STAGE1_FILE))
        self._stage2: Any = None
        if (model_dir / STAGE2_FILE).exists():
            self._stage2 = pycrfsuite.Tagger()
            self._stage2.open(str(model_dir / STAGE2_FILE))

    def tag_document(self, sentences: Sequence[Sentence]) -> list[list[str]]:
        """One BIO label per word of every sentence; a document's sentences are tagged together,
        a very long document's in blocks of about ``BLOCK_WORDS`` words."""
        tags: list[list[str]] = []
        for block in _blocks(sentences, BLOCK_WORDS):
            tags += self._tag_block(block)
        return tags

    def _tag_block(self, sentences: Sequence[Sentence]) -> list[list[str]]:
        ctx = doc_context(sentences)
        base = self.features.document(sentences, ctx)
        first = [self._stage1.tag(f) if f else [] for f in base]
        if self._stage2 is None:
            return first
        feats = iter_stage2_features(sentences, ctx.modes, base, first, self.skip_settled)
        return [
            tags if f is None else self._stage2.tag(f) if f else []
            for f, tags in zip(feats, first, strict=True)
        ]

    def tag(self, words: Sentence) -> list[str]:
        """BIO labels for a single sentence."""
        return self.tag_document([words])[0]


def _blocks(sentences: Sequence[Sentence], most: int) -> Iterator[Sequence[Sentence]]:
    """Runs of consecutive sentences of up to ``most`` words (a longer sentence alone)."""
    start = size = 0
    for end, words in enumerate(sentences):
        if size and size + len(words) > most:
            yield sentences[start:end]
            start, size = end, 0
        size += len(words)
    yield sentences[start:]


@load_once
def get_tagger() -> NerTagger:
    """The process-wide tagger, loaded on first use."""
    return NerTagger()


@load_once
def _spellings() -> dict[str, str]:
    table: dict[str, str] = {}
    path = MODEL_DIR / TRUECASE_FILE
    if path.exists():
        with path.open(encoding="utf-8") as f:
            for line in f:
                low, _, form = line.rstrip("\n").partition("\t")
                table[low] = form
    return table


def usual_spelling(word: str) -> str | None:
    """How a word is usually written in running text ("nato" -> "NATO"), if it is capitalised."""
    return _spellings().get(fold(word))


def use_model(model_dir: Path) -> NerTagger:
    """Make the model in ``model_dir`` the process-wide tagger (benchmarks comparing models)."""
    return get_tagger.set(NerTagger(model_dir))
