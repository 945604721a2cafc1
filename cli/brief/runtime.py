"""Process-level tuning for brief's command line and batch workers, kept free of heavy imports.

It must run before NLTK, the models and typer load, which is why it is its own small module: the
console script enters here (``main``), sets the collector, and only then imports the application.
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


def main() -> None:
    """Console-script entry point: relax the collector, then run the command line."""
    relax_gc()
    from .app import main as run

    run()
