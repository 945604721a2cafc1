"""The ``brief`` command line: parse arguments, run a command, exit with a documented code.

The commands live beside this module (``summarize``, ``batch``) and hold no analysis: they read the
input, call the pipeline (``core``) and hand the Brief to a view (``render``). Here is what every
command shares: the app, ``--version``, and ``main``, which keeps the promises made to shell users:
data on stdout, messages on stderr, one line per problem, exit codes 0 (ok), 1 (input could not be
briefed, or output could not be written), 2 (usage), 130 (Ctrl-C), 141 (the reader of a pipe went
away), 129/143 (SIGHUP/SIGTERM during a batch).
"""

import sys
from typing import Annotated

import typer

from .._version import __version__
from ..errors import BriefError, ExitCode, UsageError
from . import batch, summarize
from .streams import OutputError, say, silence_stdout

# Typer raises click's exceptions (vendored as typer._click since typer 0.22): find their base class
# through a public name instead of importing a private module.
_CLICK_EXCEPTION = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")

app = typer.Typer(
    name="brief",
    help="Turn a news article into a brief: key sentences, who and what, and when. Works offline.",
    epilog="Example: brief summarize article.txt   ·   cat article.txt | brief summarize - --json",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"brief {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Turn a news article into a brief: key sentences, who and what, and when. Works offline."""


summarize.register(app)
batch.register(app)


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: run the app and turn every outcome into an exit code."""
    command = typer.main.get_command(app)
    args = _explain_all(sys.argv[1:] if argv is None else argv)
    try:
        code = command.main(args=args, prog_name="brief", standalone_mode=False)
        code = code if isinstance(code, int) else ExitCode.OK
        if code == ExitCode.OK:
            sys.stdout.flush()
    except BriefError as error:
        say(f"brief: {_flag_named(error)}")
        code = error.exit_code
    except (typer.Abort, KeyboardInterrupt):
        code = ExitCode.INTERRUPTED
    except _CLICK_EXCEPTION as error:
        error.show()
        code = error.exit_code
    except BrokenPipeError:
        code = _quiet_broken_pipe()
    except OutputError as error:
        code = _output_failed(error)
    except typer.Exit as done:
        code = done.exit_code
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


# The library names its options by keyword; the command line names them by flag.
_FLAGS = {
    "sentences": "--sentences",
    "words": "--words",
    "ratio": "--ratio",
    "algorithm": "--algorithm",
    "explain": "--explain",
    "date": "--date",
    "published": "--date",
    "timeout": "--timeout",
    "max_bytes": "--max-bytes",
}


def _flag_named(error: BriefError) -> str:
    if isinstance(error, UsageError) and error.where in _FLAGS:
        return f"{_FLAGS[error.where]}: {error.message}"
    return str(error)


def _output_failed(error: OutputError) -> int:
    """Exit 141 when the reader of a pipe left; otherwise one line naming the write error, exit 1."""
    silence_stdout()
    if error.reader_left:
        return ExitCode.BROKEN_PIPE
    say(f"brief: write error: {error.reason}")
    return ExitCode.INPUT


def _explain_all(args: list[str]) -> list[str]:
    """Read ``--explain all`` and ``--explain=all`` as the hidden flag ``--explain-all`` (click has
    no optional values), and ``--explain=selected`` as plain ``--explain``. Arguments after ``--``
    are names, never flags, and stay as they are."""
    rewritten: list[str] = []
    for index, arg in enumerate(args):
        if arg == "--":
            return rewritten + args[index:]
        if arg == "all" and rewritten and rewritten[-1] == "--explain":
            rewritten[-1] = "--explain-all"
        else:
            rewritten.append(_EXPLAIN_SPELLINGS.get(arg, arg))
    return rewritten


_EXPLAIN_SPELLINGS = {"--explain=all": "--explain-all", "--explain=selected": "--explain"}


def _quiet_broken_pipe() -> int:
    # Python would complain again when it flushes stdout at exit; point stdout at /dev/null first.
    silence_stdout()
    return ExitCode.BROKEN_PIPE
