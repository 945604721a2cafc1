"""brief's own news ranker: scores body sentences the way a news editor would, then picks with MMR.

A sentence's score is a weighted sum of features computed from the article alone: where it stands
(news puts key facts first), how central it is (continuous LexRank over TF-IDF cosine similarity, and
similarity to the article's centroid), how much it shares with the title and dek, its length, and its
density of names, numbers and dates. The weights are not hand-set: ``training/train_ranker.py`` fits
them and writes them, with how they were found, to ``models/news_ranker.json``. There are two sets:
*highlights* weights, learned from CNN/DailyMail editors' highlights, for short briefs (a few sentences
of a long article), and *digest* weights, learned from the BBC's extractive summaries, for keeping a
large share of the article; the share the reader asks for blends the two. Selection then uses maximal
marginal relevance, so a sentence repeating one already chosen loses ground. Deterministic; numpy is
the only heavy import, loaded on first use.

Memory and time grow linearly with the article: word counts are kept as their nonzero entries
(``Sparse``), sentence-to-sentence similarities are a full matrix only for articles short enough for
it to be cheap, and in a very long article MMR's exact picks stop at a fixed amount of work.
"""

from __future__ import annotations

import json
import re
from array import array
from dataclasses import dataclass, field

from ..document import Document
from ..document.tokens import words
from ..loading import load_once, read_model_text
from .standalone import reliances

# Position buckets: the learned position prior has one weight per bucket.
_POSITION_BUCKETS = ((0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 6), (7, 9), (10, 14), (15, 10**9))
_POSITIONS = tuple(
    f"position_{low}" if low == high else f"position_{low}_{min(high, 99)}"
    for low, high in _POSITION_BUCKETS
)
_BASE_FEATURES = (
    *_POSITIONS,
    "relative_position",
    "first_in_paragraph",
    "centrality",
    "centroid_similarity",
    "word_overlap",
    "stem_overlap",
    "frequency_sum",
    "frequency_mean",
    "title_overlap",
    "log_length",
    "log_content_length",
    "short",
    "long",
    "quote",
    "question",
    "numbers",
    "proper_nouns",
    "dates",
)
# Interactions a linear model cannot form itself: how much length matters depends on position, and
# centrality and title overlap matter more early in an article than late.
FEATURES = (
    *_BASE_FEATURES,
    *(f"{name}*log_length" for name in _POSITIONS),
    "centrality*relative_position",
    "title_overlap*relative_position",
)
_COLUMN = {name: number for number, name in enumerate(FEATURES)}
# How features are grouped under --explain.
_COMPONENTS = {
    "position": ("position_", "relative_position", "first_in_paragraph"),
    "centrality": (
        "centrality",
        "centroid_similarity",
        "word_overlap",
        "stem_overlap",
        "frequency_",
    ),
    "title": ("title_overlap",),
    "length": ("log_length", "log_content_length", "short", "long"),
    "style": ("quote", "question"),
    "content": ("numbers", "proper_nouns", "dates"),
}
_MAX_PAIRWISE = 400  # beyond this many sentences, similarity is computed row by row (linear memory)
# ...or beyond this many cells of the dense block behind the pairwise matrix (sentences x words that
# two or more sentences share): a few hundred sentences of thousands of words each. News articles
# stay far below it (the CNN/DailyMail and BBC dev articles reach 91,000).
_MAX_PAIRWISE_CELLS = 4_000_000
# Element operations MMR may spend on exact picks (each costs a similarity row); past them, in a long
# article asked for many sentences, the rest are ordered by their score less the penalty reached.
_MMR_WORK = 50_000_000
_MMR_MIN_EXACT = 10  # picks that are always exact, however long the article
# Taken off the score of a sentence that leans on the one before it (``standalone``) until that one
# is picked: larger than any score difference, so a fit sentence is always preferred.
LEANING_PENALTY = 10.0
# ...and once it is: still less than a sentence that stands alone, unless clearly better. Measured
# on reader_dev: 0 lets 9 of 141 key sentences that editors mark unfit through, 1.0 lets 3.
LEANING_AFTER_REFERENT = 1.0
# The lead is the first pick unless the ranker scores it this far below the best sentence: a lead
# that is a photo caption or a one-line teaser loses its place (0.5 keeps the lead on 44 of 45
# reader_dev briefs; forcing it costs 0.15 ROUGE-1 on CNN/DailyMail, whose leads include captions).
LEAD_MARGIN = 0.5
_NUMBER = re.compile(r"\d")
_QUOTES = re.compile(r"[\"“”]|''|``")
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow january "
    "february march april june july august september october november december week month year".split()
)


def component_of(feature: str) -> str:
    """The --explain component a feature counts towards (an interaction counts for its first part)."""
    first = feature.split("*")[0]
    for component, prefixes in _COMPONENTS.items():
        if first.startswith(prefixes):
            return component
    raise KeyError(feature)


@dataclass(frozen=True, slots=True)
class Weights:
    """One learned weight set: feature weights, a bias, and the MMR redundancy trade-off."""

    weights: dict[str, float]
    bias: float
    redundancy: float


@dataclass(frozen=True, slots=True)
class Model:
    highlights: Weights
    digest: Weights
    blend_from: float  # share of sentences asked for where digest weights start to count
    blend_to: float  # ...and where they alone count

    def digest_part(self, share: float) -> float:
        """How far asking for ``share`` of the sentences is a digest (1) rather than a brief (0)."""
        span = self.blend_to - self.blend_from
        return min(1.0, max(0.0, (share - self.blend_from) / span)) if span > 0 else 0.0

    def for_share(self, share: float) -> Weights:
        """Weights for selecting ``share`` of the article's sentences."""
        alpha = self.digest_part(share)
        if alpha == 0.0:
            return self.highlights
        if alpha == 1.0:
            return self.digest
        low, high = self.highlights, self.digest
        return Weights(
            {
                f: (1 - alpha) * low.weights.get(f, 0.0) + alpha * high.weights.get(f, 0.0)
                for f in FEATURES
            },
            (1 - alpha) * low.bias + alpha * high.bias,
            (1 - alpha) * low.redundancy + alpha * high.redundancy,
        )


def _weights(data: dict) -> Weights:
    return Weights(data.get("weights", {}), data.get("bias", 0.0), data.get("redundancy", 0.0))


@load_once
def model() -> Model:
    data = json.loads(read_model_text("news_ranker.json"))
    blend = data.get("blend", {"from": 0.30, "to": 0.40})
    return Model(
        _weights(data.get("highlights", {})),
        _weights(data.get("digest", {})),
        blend["from"],
        blend["to"],
    )


@load_once
def _stop_words() -> frozenset[str]:
    return frozenset(read_model_text("stopwords.txt").split())


def _terms(tokens: list[str]) -> list[str]:
    """Content words of a sentence, lower-cased."""
    stop = _stop_words()
    return [w for w in (token.lower() for token in tokens) if w not in stop and len(w) > 1]


_STEMS: dict[str, str] = {}
_MAX_STEMS = 100_000  # news vocabulary repeats; the cache stays small and is emptied if it grows


def _stem(word: str) -> str:
    stem = _STEMS.get(word)
    if stem is None:
        if len(_STEMS) >= _MAX_STEMS:
            _STEMS.clear()
        stem = _STEMS[word] = _stemmer().stem(word)
    return stem


@load_once
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@dataclass(frozen=True, slots=True)
class Sparse:
    """A sentences x vocabulary matrix kept as its nonzero entries, ordered by row and then column:
    memory grows with the article's words, not with its sentences times its vocabulary."""

    rows: object  # numpy int64 array: the row of each entry
    columns: object  # numpy int64 array: the column of each entry
    values: object  # numpy float64 array
    shape: tuple[int, int]

    def with_values(self, values) -> Sparse:
        return Sparse(self.rows, self.columns, values, self.shape)

    def row_sums(self, values=None):
        """Each row's sum of ``values`` (one per entry; by default the matrix's own)."""
        import numpy as np

        weights = self.values if values is None else values
        return np.bincount(self.rows, weights=weights, minlength=self.shape[0])

    def column_sums(self):
        import numpy as np

        return np.bincount(self.columns, weights=self.values, minlength=self.shape[1])

    def column_counts(self):
        """How many rows have an entry in each column."""
        import numpy as np

        return np.bincount(self.columns, minlength=self.shape[1])

    def dot(self, vector):
        """The matrix times a dense column vector."""
        return self.row_sums(self.values * vector[self.columns])

    def dot_row(self, index: int):
        """The matrix times the transpose of its own row ``index``: that row's dot products."""
        import numpy as np

        first, last = np.searchsorted(self.rows, (index, index + 1))
        query = np.zeros(self.shape[1])
        query[self.columns[first:last]] = self.values[first:last]
        return self.dot(query)


@dataclass(frozen=True, slots=True)
class Similarity:
    """Sentence-to-sentence cosine similarity: a full matrix, or computed row by row when long."""

    matrix: object  # numpy array (n x n), or None for very long articles
    vectors: Sparse  # rows of unit length

    def row(self, index: int):
        if self.matrix is not None:
            return self.matrix[index]
        return self.vectors.dot_row(index)

    def row_cost(self) -> int:
        """About how many element operations one ``row`` takes."""
        if self.matrix is not None:
            return len(self.matrix)
        return len(self.vectors.values) + sum(self.vectors.shape)


def features(document: Document):
    """The feature matrix (sentences x FEATURES, numpy) and the sentences' similarities."""
    import numpy as np

    sentences = document.sentences
    n = len(sentences)
    words_of = _read_words(document)
    counts = _counts(words_of.term_ids, words_of.term_counts, words_of.vocabulary)
    # Word overlap and frequency count a word's forms as one ("talks", "talked" -> "talk"); the
    # cosine features below measured best on the words as written.
    stems = _counts(words_of.stem_ids, words_of.term_counts, words_of.stem_vocabulary)
    vectors = _tfidf(counts)
    pairwise = _pairwise(counts) and _pairwise(stems)
    similarity = _gram(vectors) if pairwise else None
    centroid = vectors.column_sums()
    norm = np.linalg.norm(centroid)
    centroid_similarity = vectors.dot(centroid / norm) if norm else np.zeros(n)

    # One matrix, filled column by column: a long article's features take n x FEATURES floats once.
    matrix = np.zeros((n, len(FEATURES)))

    def put(name: str, values) -> None:
        matrix[:, _COLUMN[name]] = values

    def get(name: str):
        return matrix[:, _COLUMN[name]]

    lengths = np.maximum(1, np.frombuffer(words_of.word_counts, dtype=np.int64))
    index = np.arange(n)
    bucket = np.searchsorted([low for low, _ in _POSITION_BUCKETS], index, side="right") - 1
    for b, name in enumerate(_POSITIONS):
        put(name, (bucket == b).astype(float))
    put("relative_position", index / n)
    firsts = np.array([paragraph.first for paragraph in document.paragraphs], dtype=np.int64)
    put("first_in_paragraph", np.isin(index, firsts).astype(float))
    put("title_overlap", np.frombuffer(words_of.title_overlap))
    put("log_length", np.log(lengths))
    put("short", (lengths < 8).astype(float))
    put("long", (lengths > 45).astype(float))
    put("quote", [float(bool(_QUOTES.search(s.text))) for s in sentences])
    put("question", [float(s.text.rstrip("\"'”’ ").endswith("?")) for s in sentences])
    put("numbers", [min(3, len(_NUMBER.findall(s.text))) / 3 for s in sentences])
    put("dates", np.minimum(2, np.frombuffer(words_of.date_words, dtype=np.int64)) / 2)
    put("proper_nouns", np.frombuffer(words_of.proper_nouns))
    put("centrality", _lexrank(similarity) * n if similarity is not None else centroid_similarity)
    put("centroid_similarity", centroid_similarity)
    term_lengths = np.maximum(1, np.frombuffer(words_of.term_counts, dtype=np.int64)).astype(float)
    put("word_overlap", _word_overlap(counts, term_lengths, pairwise))
    put("stem_overlap", _word_overlap(stems, term_lengths, pairwise))
    put("log_content_length", np.log(term_lengths))
    # How frequent a sentence's words are in the article, in total and per word (Luhn's intuition).
    frequency = stems.dot(stems.column_sums())
    put("frequency_sum", frequency / max(1e-9, frequency.mean()))
    per_word = frequency / term_lengths
    put("frequency_mean", per_word / max(1e-9, per_word.mean()))
    for name in _POSITIONS:
        put(f"{name}*log_length", get(name) * get("log_length"))
    for name in ("centrality", "title_overlap"):
        put(f"{name}*relative_position", get(name) * get("relative_position"))
    return matrix, Similarity(similarity, vectors)


@dataclass(slots=True)
class _Words:
    """What the features need of each sentence's words, read in one pass so that no sentence's
    word lists outlive it: compact arrays, one entry (or one per content word) a sentence."""

    word_counts: array = field(default_factory=lambda: array("q"))
    term_counts: array = field(default_factory=lambda: array("q"))  # content words a sentence
    term_ids: array = field(default_factory=lambda: array("q"))  # content words, numbered
    stem_ids: array = field(default_factory=lambda: array("q"))  # their stems, numbered
    date_words: array = field(default_factory=lambda: array("q"))
    title_overlap: array = field(default_factory=lambda: array("d"))
    proper_nouns: array = field(default_factory=lambda: array("d"))
    vocabulary: dict[str, int] = field(default_factory=dict)  # numbered in order of appearance
    stem_vocabulary: dict[str, int] = field(default_factory=dict)


def _read_words(document: Document) -> _Words:
    title_terms = set(_terms(words(" ".join(x.text for x in (document.title, document.dek) if x))))
    mixed_case = document.is_cased()
    out = _Words()
    vocabulary, stem_vocabulary = out.vocabulary, out.stem_vocabulary
    for sentence in document.sentences:
        tokens = words(sentence.text)
        terms = _terms(tokens)
        length = max(1, len(tokens))
        out.word_counts.append(len(tokens))
        out.term_counts.append(len(terms))
        out.term_ids.extend([vocabulary.setdefault(term, len(vocabulary)) for term in terms])
        out.stem_ids.extend(
            [stem_vocabulary.setdefault(_stem(term), len(stem_vocabulary)) for term in terms]
        )
        out.date_words.append(_date_words(tokens))
        out.title_overlap.append(
            len(title_terms.intersection(terms)) / len(title_terms) if title_terms else 0.0
        )
        # Capitalised words inside a sentence mark names; in lower-cased text the feature is silent.
        out.proper_nouns.append(
            sum(1 for t in tokens[1:] if t[:1].isupper()) / length if mixed_case else 0.0
        )
    return out


def _date_words(tokens: list[str]) -> int:
    """Words that name a day, month or period, and years from 1900 to 2099."""
    return sum(
        1
        for token in tokens
        if token.lower() in _DATE_WORDS
        or (len(token) == 4 and token[:2] in ("19", "20") and token.isdigit())
    )


def _counts(ids: array, sizes: array, vocabulary: dict) -> Sparse:
    """Term counts, sentences x vocabulary, from each sentence's term numbers (``ids``, ``sizes`` of
    them a sentence)."""
    import numpy as np

    sizes_of = np.frombuffer(sizes, dtype=np.int64) if len(sizes) else np.zeros(0, np.int64)
    rows = np.repeat(np.arange(len(sizes_of), dtype=np.int64), sizes_of)
    width = max(1, len(vocabulary))
    columns = np.frombuffer(ids, dtype=np.int64) if len(ids) else np.zeros(0, np.int64)
    # One key per (row, column); sorting them orders the entries by row, then column.
    keys, counts = np.unique(rows * width + columns, return_counts=True)
    return Sparse(keys // width, keys % width, counts.astype(float), (len(sizes_of), width))


def _shared_columns(matrix: Sparse):
    """Which columns two or more rows have entries in: only they add to off-diagonal products."""
    return matrix.column_counts() >= 2


def _pairwise(counts: Sparse) -> bool:
    """Whether the full sentence-to-sentence matrices are cheap enough to compute."""
    n = counts.shape[0]
    return n <= _MAX_PAIRWISE and n * int(_shared_columns(counts).sum()) <= _MAX_PAIRWISE_CELLS


def _gram(matrix: Sparse):
    """``matrix @ matrix.T`` (dense, n x n), computed on the columns that two or more rows share: a
    word found in one sentence only adds to that sentence's own diagonal entry, filled in directly."""
    import numpy as np

    shared = _shared_columns(matrix)
    keep = shared[matrix.columns]
    position = np.cumsum(shared) - 1  # a shared column's place among the shared ones
    part = np.zeros((matrix.shape[0], int(shared.sum())))
    part[matrix.rows[keep], position[matrix.columns[keep]]] = matrix.values[keep]
    gram = part @ part.T
    np.fill_diagonal(gram, matrix.row_sums(matrix.values * matrix.values))
    return gram


def _tfidf(counts: Sparse) -> Sparse:
    """Unit-length TF-IDF vectors, IDF taken over the article's own sentences."""
    import numpy as np

    idf = np.log((1 + counts.shape[0]) / (1 + counts.column_counts())) + 1.0
    weighted = counts.values * idf[counts.columns]
    norms = np.sqrt(counts.row_sums(weighted * weighted))
    return counts.with_values(weighted / norms[counts.rows])


def _word_overlap(counts: Sparse, lengths, pairwise: bool):
    """TextRank's original sentence similarity, summed over the other sentences and scaled to the
    article's mean: shared words over the sum of the two sentences' log lengths. Unlike cosine, it
    rewards long sentences that share much, which is what full extractive digests keep."""
    import numpy as np

    n = counts.shape[0]
    if not pairwise:  # linear-cost stand-in: overlap with the whole article's words
        shared = counts.dot(counts.column_sums()) - counts.row_sums(counts.values * counts.values)
        return shared / max(1e-9, shared.mean()) if n else shared
    logs = np.log(np.maximum(lengths, 2.0))
    shared = _gram(counts)
    np.fill_diagonal(shared, 0.0)
    rating = (shared / (logs[:, None] + logs[None, :])).sum(axis=1)
    mean = rating.mean()
    return rating / mean if mean > 0 else rating


def _lexrank(similarity, damping: float = 0.15, iterations: int = 30):
    """Continuous LexRank: the stationary distribution of the row-normalised similarity graph."""
    import numpy as np

    n = similarity.shape[0]
    row_sums = similarity.sum(axis=1, keepdims=True)
    row_sums[row_sums == 0] = 1.0
    transition = similarity / row_sums
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        rank = damping / n + (1 - damping) * (rank @ transition)
    return rank


@dataclass(frozen=True, slots=True)
class Pick:
    """A sentence in MMR order: its index, the score that picked it, and that score's parts
    (``summary._news`` makes it a ``Selection``; this module knows sentences only by index)."""

    index: int
    score: float
    components: dict[str, float]


def rank(
    document: Document, count: int, share: float | None = None, skip: frozenset[int] = frozenset()
) -> list[Pick]:
    """The best ``count`` sentences by MMR, best first; ``share`` (of all sentences) picks weights.

    In a brief, the lead (the first sentence not in ``skip`` that stands alone) is the first pick
    unless it scores ``LEAD_MARGIN`` below the best: news puts the story there, and a reader
    expects it. A sentence that leans on the one before it
    (``standalone``) is taken only after that one, or once no other sentence is left. A digest (a
    large share) is read as a whole, in order, so these brief-only rules fade out with the blend
    from highlights to digest weights: BBC's extractive digests keep such sentences."""
    import numpy as np

    n = len(document.sentences)
    if count <= 0 or n == 0:
        return []
    share = count / n if share is None else share
    weights = model().for_share(share)
    brief_part = 1.0 - model().digest_part(share)
    matrix, similarity = features(document)
    vector = np.array([weights.weights.get(name, 0.0) for name in FEATURES])
    contributions = matrix
    contributions *= vector  # in place: a long article's matrix is not copied
    scores = contributions.sum(axis=1) + weights.bias
    leaning, first = standalone_plan(document, skip)
    picks = mmr(
        scores,
        similarity,
        count,
        weights.redundancy,
        leaning=leaning * brief_part,
        first=first if brief_part > 0 else None,
    )
    grouped = contributions[[pick.index for pick in picks]] @ _component_matrix()
    return [
        Pick(pick.index, pick.score, _components(parts, weights.bias, pick))
        for pick, parts in zip(picks, grouped, strict=True)
    ]


def standalone_plan(document: Document, skip: frozenset[int] = frozenset()):
    """Which sentences lean on the one before them (a numpy bool array, ``standalone``), and the
    lead: the first sentence that is neither skipped (boilerplate) nor leaning, if any."""
    import numpy as np

    leaning = np.zeros(len(document.sentences), dtype=bool)
    leaning[list(reliances(document))] = True
    lead = next(
        (index for index, leans in enumerate(leaning) if not leans and index not in skip), None
    )
    return leaning, lead


@dataclass(frozen=True, slots=True)
class Choice:
    """One MMR pick: the sentence, its adjusted score, and the penalties taken off it."""

    index: int
    score: float
    redundancy: float
    leaning: float


def mmr(
    scores,
    similarity: Similarity,
    count: int,
    redundancy: float,
    *,
    leaning=None,
    first: int | None = None,
) -> list[Choice]:
    """Maximal marginal relevance: ``count`` picks, each the best score less ``redundancy`` times
    its greatest similarity to the picks before it. ``first``, if given, is the first pick unless
    it scores ``LEAD_MARGIN`` below the best; a
    sentence with a ``leaning`` weight loses that part of ``LEANING_PENALTY`` until the sentence
    before it is picked, and that part of ``LEANING_AFTER_REFERENT`` after.

    Each pick costs a similarity row, so asking a very long article for most of its sentences would
    take quadratic time: past ``_MMR_WORK`` operations the remaining picks are taken in order of
    their score less the penalties reached so far (at least ``_MMR_MIN_EXACT`` picks are exact)."""
    import numpy as np

    n = len(scores)
    count = min(count, n)
    exact = min(count, max(_MMR_MIN_EXACT, _MMR_WORK // max(1, n + similarity.row_cost())))
    leans = np.zeros(n) if leaning is None else np.asarray(leaning, dtype=float)
    unmet = leans * LEANING_PENALTY
    chosen: list[int] = []
    overlap = np.zeros(n)
    picks = []

    def adjusted_scores():
        adjusted = scores - redundancy * overlap - unmet
        adjusted[chosen] = -np.inf
        return adjusted

    for _ in range(exact):
        adjusted = adjusted_scores()
        best = int(np.argmax(adjusted))
        if first is not None and not chosen and adjusted[first] >= adjusted[best] - LEAD_MARGIN:
            best = first
        chosen.append(best)
        picks.append(
            Choice(best, float(adjusted[best]), float(redundancy * overlap[best]), unmet[best])
        )
        overlap = np.maximum(overlap, similarity.row(best))
        if best + 1 < n:
            # Its referent is now shown right before it.
            unmet[best + 1] = leans[best + 1] * LEANING_AFTER_REFERENT
    if exact < count:
        adjusted = adjusted_scores()
        order = np.lexsort((np.arange(n), -adjusted))[: count - exact]  # best first, ties by index
        picks += [
            Choice(int(i), float(adjusted[i]), float(redundancy * overlap[i]), unmet[i])
            for i in order
        ]
    return picks


@load_once
def _component_matrix():
    """FEATURES x components, 1 where a feature counts towards a component."""
    import numpy as np

    names = list(_COMPONENTS)
    matrix = np.zeros((len(FEATURES), len(names)))
    for row, feature in enumerate(FEATURES):
        matrix[row, names.index(component_of(feature))] = 1.0
    return matrix


def _components(parts, bias: float, choice: Choice) -> dict[str, float]:
    """A pick's score by --explain component, from its per-component sums ``parts``."""
    grouped = dict(zip(_COMPONENTS, (float(v) for v in parts), strict=True))
    grouped["bias"] = bias
    grouped["redundancy"] = -choice.redundancy
    if choice.leaning:
        grouped["standalone"] = -float(choice.leaning)
    return {name: round(value, 4) for name, value in grouped.items()}
