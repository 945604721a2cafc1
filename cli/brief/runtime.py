"""Process-level tuning for brief's command line and batch workers, kept free of heavy imports.

It imports nothing of brief's, so the console entry (``__main__``) can relax the collector before
NLTK, the models and typer load, and leave without the interpreter's slow teardown.
"""

from __future__ import annotations


def relax_gc(*, freeze: bool = False) -> None:
    """Let CPython's cycle collector run less often; with ``freeze``, stop it rescanning what is loaded.

    Briefing allocates hundreds of thousands of short-lived objects per article (tokens, feature
    strings, match objects) that form no cycles; at the default threshold (700 allocations) the
    collector scans the heap, models included, hundreds of times per article, which measured as a
    third of the time per article. Freezing after the models load keeps them out of every scan.
    """
    import gc

    if freeze:
        gc.collect()
        gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def exit_now(code: int) -> None:
    """End the process without tearing the interpreter down.

    Freeing the models, NLTK's modules and every cached object one by one takes a sixth of a second
    at exit, longer than briefing the article; the operating system reclaims it all at once. Output is
    flushed first. A batch run exits normally: multiprocessing cleans up its helpers at exit.
    """
    import contextlib
    import os
    import sys

    if "brief.batch" in sys.modules:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe or a full disk was already reported; nothing is left to say.
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)
