"""The errors a user can meet, as one family with an exit code each.

Every expected failure (a bad path, a bad setting, a store that cannot be opened)
is a `StorylensError` whose message names the file or setting and says what to do,
in one line. The CLI catches the family in one place (`storylens.cli.main`), prints
the message on one line to stderr and exits with the class's `exit_code`; anything
else is a bug and is reported as one (the traceback only with `--debug`).

Problems with single articles are not exceptions: readers and steps turn them
into `ErrorRecord`s in the report's `errors[]` and the run goes on.
"""

from __future__ import annotations

EXIT_RUNTIME = 1  # the command was right but something failed while doing it
EXIT_USAGE = 2  # the command, an option, a setting or an input is wrong: fix it and run again
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it
EXIT_TERMINATED = 143  # SIGTERM (128 + 15): `kill`, `docker stop`, systemd; stopped like Ctrl-C


class StorylensError(Exception):
    """An expected failure with a message fit for a user: what is wrong, where, and what to do."""

    exit_code = EXIT_RUNTIME


class UsageError(StorylensError):
    """The command line, a settings file or an input given is wrong (exit code 2)."""

    exit_code = EXIT_USAGE


class SettingsError(UsageError, ValueError):
    """A settings or outlets file names an unknown key, has a wrong type, or is not valid YAML."""


class OutputError(UsageError):
    """The output folder cannot be created or written."""


class InputError(UsageError):
    """An input given on the command line cannot be used at all (a report, a gold file, stdin)."""


def one_line(message: object) -> str:
    """`message` with every run of whitespace (newlines included) collapsed, so it greps as one line."""
    return " ".join(str(message).split())
