"""The shipped NER model and its benchmark script: loading, features, tagging, scoring."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from benchmarks import eval_ner
from brief.entities import tagger as ner

from .helpers import ROOT

TINY = ROOT / "tests" / "fixtures" / "ner_tiny.conll"


def split(text: str) -> list[str]:
    return text.split()


def test_model_files_are_small_and_not_pickles() -> None:
    files = [p for p in ner.MODEL_DIR.glob("ner*") if p.is_file()]
    names = {p.name for p in files}
    assert {
        ner.STAGE1_FILE, ner.STAGE2_FILE, ner.CLUSTERS_FILE, ner.GAZETTEER_FILE, ner.TRUECASE_FILE
    } <= names  # fmt: skip
    assert sum(p.stat().st_size for p in files) <= 30_000_000
    for p in files:
        head = p.read_bytes()[:2]
        assert head != b"\x80\x04" and head[:1] != b"\x80"  # pickle protocol 2+ opcode


def test_model_loads_once_and_tags_a_sentence() -> None:
    tagger = ner.get_tagger()
    assert ner.get_tagger() is tagger
    words = split("Sergei Lavrov met Angela Merkel in Berlin on Monday .")
    assert tagger.tag(words) == [
        "B-PER", "I-PER", "O", "B-PER", "I-PER", "O", "B-LOC", "O", "O", "O",
    ]  # fmt: skip


def test_model_loads_fast() -> None:
    t0 = time.perf_counter()
    ner.NerTagger()
    assert time.perf_counter() - t0 < 1.0  # the benchmark holds it to 0.3 s; leave CI slack


def test_document_tagging_keeps_a_name_consistent() -> None:
    # The headline's capitals hide the casing; the body shows "Zarkovic" is a person.
    doc = [
        split("ZARKOVIC SAYS HE WILL RETIRE"),
        split("Tennis player Peter Zarkovic won the final in Vienna on Sunday ."),
        split("Zarkovic said he was tired ."),
    ]
    tags = ner.get_tagger().tag_document(doc)
    assert tags[0][0] == "B-PER"
    assert tags[1][2:4] == ["B-PER", "I-PER"]
    assert tags[2][0] == "B-PER"


def test_lowercase_text_is_not_all_names() -> None:
    words = split("the minister said on tuesday that the talks would go on next week .")
    assert set(ner.get_tagger().tag(words)) == {"O"}


def test_shape_and_line_mode() -> None:
    assert ner.shape("Lavrov") == "Xx"
    assert ner.shape("U.S.") == "X.X."
    assert ner.shape("1,200") == "d,d"
    assert ner.line_mode(["RUSSIA", "CLOSES", "NATO", "MISSION"]) == ner.UPPER
    assert ner.line_mode(["russia", "closes", "its", "mission"]) == ner.LOWER
    assert ner.line_mode(["Russia", "closes", "its", "mission"]) == ner.MIXED
    assert ner.line_mode(["MOSCOW"]) == ner.MIXED  # a lone dateline word is not a caps line


def test_entity_spans() -> None:
    tags = ["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG", "I-ORG"]
    assert ner.entity_spans(tags) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 7, "ORG")]


def test_gazetteer_features_mark_known_names() -> None:
    res = ner.Resources(gazetteer={("new", "york"): ("LOC",), ("us",): ("LOC",)})
    fx = ner.FeatureExtractor(res)
    words = ["He", "flew", "to", "New", "York", "with", "us", "."]
    feats = fx.sentence(words, ner.MIXED, {})
    assert "g=B-LOC" in feats[3] and "g=I-LOC" in feats[4]
    assert not any(f.startswith("g=") for f in feats[6])  # lower-case "us" is not "US"


# The benchmark script.

# The tiny file's gold names: Maria Gonzalez (PER), Lisbon (LOC), Northwind Airlines (ORG),
# Portuguese (MISC), Ajax (ORG), Amsterdam (LOC).


def fixed_extractor(text: str, spans) -> list[tuple[int, int, str]]:
    """Answers with a known mix of right and wrong names for the tiny file."""
    guesses = {
        "Maria Gonzalez": "PER",  # right
        "Lisbon": "ORG",  # wrong label
        "Northwind": "ORG",  # wrong extent
        "Portuguese": "MISC",  # right
        "Ajax": "ORG",  # right
        "Amster": "LOC",  # cuts through a token
    }
    out = []
    for phrase, label in guesses.items():
        start = text.find(phrase)
        if start >= 0:
            out.append((start, start + len(phrase), label))
    return out


def test_eval_reads_documents_as_users_would_pass_them() -> None:
    docs = eval_ner.read_documents(TINY)
    assert len(docs) == 2
    assert docs[0].text.splitlines()[0] == "Maria Gonzalez flew to Lisbon on Tuesday ."
    assert len(docs[0].lines) == 2
    assert sorted(docs[1].gold) == [(1, 2, "MISC"), (4, 5, "ORG"), (6, 7, "LOC")]


def test_eval_known_score() -> None:
    scores = eval_ner.evaluate(eval_ner.read_documents(TINY), fixed_extractor)
    assert scores.prf(("PER",)) == (1.0, 1.0, 1.0)
    assert scores.prf(("ORG",)) == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert scores.prf(("LOC",)) == (0.0, 0.0, 0.0)
    assert scores.prf(("MISC",)) == (1.0, 1.0, 1.0)
    # micro over PER/ORG/LOC: 2 right of 5 predicted, 5 gold
    assert scores.prf(eval_ner.MAIN_LABELS) == pytest.approx((0.4, 0.4, 0.4))
    assert scores.tokens == 23


def test_eval_script_runs_on_a_conll_file() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.eval_ner", str(TINY)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line}
    assert set(eval_ner.LABELS) <= set(lines)
    micro = next(x for x in result.stdout.splitlines() if x.startswith("micro PER/ORG/LOC"))
    assert float(micro.split()[-3]) >= 0.8  # an easy snippet: the shipped model gets it
    assert "tokens/s" in result.stdout and "load:" in result.stdout
