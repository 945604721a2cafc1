"""One way to load a model once (``brief.loading``), and one way to find the model files."""

from __future__ import annotations

import threading
import time

import pytest

from brief.loading import load_once, model_path, read_model_text


def test_a_loader_runs_once_however_many_threads_ask_at_the_same_time() -> None:
    calls: list[int] = []

    @load_once
    def slow() -> object:
        calls.append(1)
        time.sleep(0.05)  # long enough for every thread to arrive while the first one loads
        return object()

    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(slow())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(results) == 8 and all(result is results[0] for result in results)
    assert slow.loaded


def test_a_load_that_fails_is_tried_again() -> None:
    attempts: list[int] = []

    @load_once
    def flaky() -> int:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("model file missing")
        return 42

    with pytest.raises(OSError):
        flaky()
    assert not flaky.loaded
    assert flaky() == 42 and flaky() == 42
    assert len(attempts) == 2


def test_set_replaces_the_value_and_keeps_the_loaders_name() -> None:
    @load_once
    def value() -> str:
        """The doc."""
        return "loaded"

    assert value.set("other") == "other" and value() == "other"
    assert value.__name__ == "value" and value.__doc__ == "The doc."


def test_every_model_loader_goes_through_load_once() -> None:
    from brief import core
    from brief.dates import _engine
    from brief.document.sentences import _tokenizer
    from brief.entities.tagger import _spellings, get_tagger
    from brief.loading import Once
    from brief.summary.ranker import _stemmer, _stop_words, model

    for loader in (_tokenizer, model, _stop_words, _stemmer, get_tagger, _spellings, _engine):
        assert isinstance(loader, Once), loader
    assert isinstance(core.warm_up, Once)


def test_model_files_are_found_inside_the_package() -> None:
    import brief

    folder = model_path()
    assert folder.is_dir() and folder.parent.samefile(next(iter(brief.__path__)))
    assert model_path("punkt/abbrev_types.txt") == folder / "punkt" / "abbrev_types.txt"
    assert "the" in read_model_text("stopwords.txt").split()


def test_the_entity_tagger_reads_its_files_from_the_same_place() -> None:
    from brief.entities import tagger

    assert model_path() == tagger.MODEL_DIR
    assert (tagger.MODEL_DIR / tagger.STAGE1_FILE).is_file()
