"""Standard streams that keep the command line's promises: every byte written or one clear error.

Python loses data and hides errors on stdout in ways a shell user would never guess: a large write into
a pipe whose reader has gone (``brief ... | head -c 10``) is cut short and reported as a success; a
full disk (``>/dev/full``) surfaces as an ``OSError`` deep inside click or Rich, which typer turns into
exit 1 or a traceback; a closed descriptor (``>&-``, ``<&-``) leaves ``sys.stdout``/``sys.stdin`` as
None, and the next file opened silently takes its number. ``install`` (called once by the console
entry) puts a writer on stdout that writes everything or raises ``OutputError``, and gives a closed
standard descriptor a stand-in that fails with a message instead. The command line turns
``OutputError`` into exit 141 (the reader went away) or ``brief: write error: ...`` and exit 1.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys

from ..visible import one_line

EPIPE = errno.EPIPE


class OutputError(Exception):
    """Writing the command's output failed. Deliberately not an ``OSError``: libraries that catch
    those (click turns EPIPE into exit 1) must let it through to the command line's own handler."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.errno = code
        self.reason = reason

    @property
    def reader_left(self) -> bool:
        """The reader of a pipe went away (``| head``): not an error, exit 141."""
        return self.errno == EPIPE


class _WholeWriter(io.RawIOBase):
    """Raw stdout that writes every byte it is given, or raises ``OutputError``."""

    def __init__(self, fd: int, closed_reason: str | None = None) -> None:
        super().__init__()
        self._fd = fd
        self._closed_reason = closed_reason  # set when the descriptor was closed at start

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return self._closed_reason is None and os.isatty(self._fd)

    def write(self, data) -> int:
        if self._closed_reason is not None:
            raise OutputError(errno.EBADF, self._closed_reason)
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            try:
                done += os.write(self._fd, view[done:])
            except InterruptedError:
                continue
            except OSError as error:
                raise OutputError(error.errno or 0, error.strerror or str(error)) from None
        return done


class _ClosedReader(io.RawIOBase):
    """Raw stdin when descriptor 0 was closed: reading it is the user's input problem, one line."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        from ..errors import InputError

        raise InputError("<stdin>", "standard input is closed")


def install() -> None:
    """Give the process standard streams that fail loudly and never lose output (see the module)."""
    closed = [fd for fd in (0, 1, 2) if not _is_open(fd)]
    for fd in closed:
        _reserve(fd)
    if 0 in closed:
        sys.stdin = io.TextIOWrapper(io.BufferedReader(_ClosedReader()), encoding="utf-8")
    if 2 in closed:
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    reason = "standard output is closed" if 1 in closed else None
    previous = sys.stdout
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_WholeWriter(1, reason)),
        encoding=getattr(previous, "encoding", None) or "utf-8",
        errors=getattr(previous, "errors", None) or "strict",
        line_buffering=bool(getattr(previous, "line_buffering", False)),
    )


def stdout_closed() -> bool:
    """Whether the shell started brief with standard output closed (``>&-``)."""
    raw = getattr(getattr(sys.stdout, "buffer", None), "raw", None)
    return isinstance(raw, _WholeWriter) and raw._closed_reason is not None


def silence_stdout() -> None:
    """Point descriptor 1 at /dev/null, so output still buffered is dropped quietly at exit (after
    the reader went away or the disk filled, nothing more can be said there)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    if isinstance(sys.stdout, io.TextIOWrapper):
        raw = getattr(sys.stdout.buffer, "raw", None)
        if isinstance(raw, _WholeWriter):
            raw._closed_reason = None


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _reserve(fd: int) -> None:
    # Hold the number with /dev/null, so no file opened later becomes "standard output" by accident.
    devnull = os.open(os.devnull, os.O_RDWR)
    if devnull != fd:
        os.dup2(devnull, fd)
        os.close(devnull)


def say(message: str) -> None:
    """One line on stderr, whatever the message quotes (names, URLs, article text)."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(one_line(message) + "\n")
        sys.stderr.flush()
