"""The console entry: ``brief`` and ``python -m brief``.

Start-up is most of a brief's time, so the order matters: the standard streams are made safe first
(``commands.streams``), the cycle collector is relaxed before NLTK and the models load
(``runtime.relax_gc``), the command line is imported only then, and the process leaves without the
interpreter's teardown once output is flushed (``runtime.exit_now``).
"""

from __future__ import annotations

from .runtime import exit_now, relax_gc


def main() -> None:
    """Run the command line and leave at once with its exit code."""
    try:
        from .commands.streams import install

        install()
        relax_gc()
        from .commands import main as run

        run()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
    except KeyboardInterrupt:  # Ctrl-C while the application was still loading
        code = 130
    exit_now(code)


if __name__ == "__main__":
    main()
