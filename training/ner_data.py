"""Readers for the NER training corpora in the shared data folder.

CoNLL-2003 comes as ``token POS chunk NER`` lines with ``-DOCSTART-`` between documents; GMB as
``token POS tag`` lines without document boundaries and with its own label set, mapped here to the
CoNLL scheme (titles such as "President" or "Mr." are not part of a CoNLL name, so they are cut
off). The data never enters the repository: the callers find it with ``training.paths.data_dir``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Doc:
    """One document: sentences of words with one IOB2 tag per word."""

    sentences: list[list[str]] = field(default_factory=list)
    tags: list[list[str]] = field(default_factory=list)

    def n_tokens(self) -> int:
        return sum(len(s) for s in self.sentences)


def labelled_corpus_words(root: Path) -> Iterator[list[str]]:
    """The words of every CoNLL-2003 train and GMB sentence, as written (labels left aside)."""
    for name in ("ner/conll2003/train.txt", "ner/gmb/gmb.conll.txt"):
        sent: list[str] = []
        with (root / name).open(encoding="utf-8") as f:
            for line in f:
                cols = line.split()
                if cols and cols[0] != "-DOCSTART-":
                    sent.append(cols[0])
                elif sent:
                    yield sent
                    sent = []
        if sent:
            yield sent


def cased_article_paragraphs(root: Path) -> Iterator[str]:
    """Non-empty paragraphs of the cased news articles (BBC dev and the cased CNN sample)."""
    for name in ("summ/bbc_dev.jsonl", "summ/cnn_cased_sample.jsonl"):
        with (root / name).open(encoding="utf-8") as f:
            for line in f:
                for para in json.loads(line)["article"].split("\n"):
                    if para.strip():
                        yield para


def _blocks(path: Path) -> Iterator[list[list[str]]]:
    """Blank-line separated blocks of whitespace-split lines."""
    block: list[list[str]] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if cols:
                block.append(cols)
            elif block:
                yield block
                block = []
    if block:
        yield block


def read_conll(path: Path) -> list[Doc]:
    """CoNLL-2003 documents; the tag is the last column, converted to IOB2 if it is IOB1."""
    docs: list[Doc] = []
    for block in _blocks(path):
        if block[0][0] == "-DOCSTART-":
            docs.append(Doc())
            block = block[1:]
            if not block:
                continue
        if not docs:
            docs.append(Doc())
        docs[-1].sentences.append([c[0] for c in block])
        docs[-1].tags.append(to_iob2([c[-1] for c in block]))
    return [d for d in docs if d.sentences]


def to_iob2(tags: list[str]) -> list[str]:
    """IOB1 (I- may start a name) to IOB2 (every name starts with B-)."""
    out: list[str] = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


# Words GMB puts inside person names that CoNLL leaves outside (titles and honorifics).
_TITLES = {
    "mr.", "mrs.", "ms.", "dr.", "president", "prime", "minister", "secretary", "general",
    "senator", "sen.", "king", "queen", "prince", "princess", "pope", "sheikh", "ayatollah",
    "gen.", "lt.", "col.", "colonel", "lieutenant", "captain", "commander", "chancellor",
    "governor", "gov.", "rep.", "representative", "judge", "justice", "chief", "premier",
    "vice", "foreign", "defense", "interior", "finance", "deputy", "former", "state",
    "cardinal", "archbishop", "bishop", "rev.", "reverend", "sir", "lord", "lady", "emir",
    "crown", "speaker", "mayor", "ambassador", "envoy", "leader", "chairman", "director",
}  # fmt: skip


def _map_gmb_span(words: list[str], pos: list[str], label: str) -> tuple[int, str] | None:
    """CoNLL label for a GMB name, and how many leading title words to cut off (None drops it)."""
    if label == "per":
        cut = 0
        while cut < len(words) - 1 and (words[cut].lower() in _TITLES or words[cut][0].islower()):
            cut += 1
        return cut, "PER"
    if label == "org":
        return 0, "ORG"
    if label == "geo":
        return 0, "LOC"
    if label == "gpe":
        # gpe mixes countries (nouns) and nationalities (adjectives, plural nouns "Iraqis")
        return 0, ("LOC" if pos[-1] in ("NNP", "NNPS") and words[-1][-1] != "s" else "MISC")
    if label in ("art", "eve", "nat"):
        return 0, "MISC"
    return None  # tim: dates are not names


def read_gmb(path: Path, sentences_per_doc: int = 20) -> list[Doc]:
    """GMB sentences with CoNLL labels, grouped into pseudo-documents of consecutive sentences."""
    docs: list[Doc] = []
    for block in _blocks(path):
        words = [c[0] for c in block]
        pos = [c[1] for c in block]
        raw = [c[-1] for c in block]
        tags = ["O"] * len(words)
        i = 0
        while i < len(words):
            if raw[i] == "O":
                i += 1
                continue
            label = raw[i][2:]
            j = i + 1
            while j < len(words) and raw[j] == "I-" + label:
                j += 1
            mapped = _map_gmb_span(words[i:j], pos[i:j], label)
            if mapped is not None:
                cut, lab = mapped
                tags[i + cut] = "B-" + lab
                for k in range(i + cut + 1, j):
                    tags[k] = "I-" + lab
            i = j
        if not docs or len(docs[-1].sentences) >= sentences_per_doc:
            docs.append(Doc())
        docs[-1].sentences.append(words)
        docs[-1].tags.append(tags)
    return docs
