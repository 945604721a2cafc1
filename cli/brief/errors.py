"""The errors brief reports to users, and the exit codes they map to.

Every problem a user can cause (a missing file, a binary file, an empty article) is raised as a
``BriefError`` carrying the file it concerns, so the CLI can print one line naming that file and exit
with a documented code instead of a traceback.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Every exit code brief documents, in one place (the README's table lists the same)."""

    OK = 0
    INPUT = 1  # the input could not be briefed, or the output could not be written
    USAGE = 2  # the command line itself is wrong
    SIGHUP = 129  # 128 + SIGHUP: a batch stopped because its terminal went away
    INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C, as shells report it
    BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of stdout went away (``| head``)
    SIGTERM = 143  # 128 + SIGTERM: a batch stopped by ``kill``


class BriefError(Exception):
    """A problem with one input, reported as ``brief: <where>: <message>``."""

    exit_code = ExitCode.INPUT

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message

    @property
    def kind(self) -> str:
        """A stable, machine-readable name for the problem (used in batch error records)."""
        return type(self).__name__


class InputError(BriefError):
    """The file could not be read or decoded as text, or is larger than the limit."""


class TooLargeError(InputError):
    """The article is longer than the chosen method can handle in bounded time and memory."""


class EmptyInputError(BriefError):
    """The file holds no text, or no sentence to brief."""


class FetchError(BriefError):
    """The URL could not be fetched, or what it served is not an article."""


class UsageError(BriefError):
    """The command line is wrong: a bad option value, or options that cannot go together."""

    exit_code = ExitCode.USAGE


class OptionError(UsageError, ValueError):
    """An option value no brief can be made with (``sentences=0``, an unknown algorithm).

    ``where`` names the option by its keyword (``"sentences"``); the command line shows its flag.
    Also a ``ValueError``, so Python callers may catch it as the bad value it is."""
