"""Errors that the CLI turns into a clear message and an exit code, never a traceback.

Every class takes one message string, so an error raised in a worker process pickles back to the parent
unchanged (the corpus job turns it into a "skipped" row).
"""


class AlignError(Exception):
    """Base class for every error that the user can act on."""

    exit_code = 2


class InputError(AlignError):
    """An input file cannot be used: missing, empty, binary, undecodable, malformed or hostile."""


class ConfigError(AlignError):
    """A setting or option is wrong (unknown model, bad language code, bad rule file)."""


class OutputError(AlignError):
    """An output cannot be written: it would overwrite an input, the folder is read-only, the disk is full."""


class LimitError(InputError):
    """An input is over a resource limit (file size, decompressed size); the message says how to raise it."""


class AlignWarning(UserWarning):
    """Something the user should know that does not stop the run (bytes replaced, text shortened).

    The CLI prints these as `align: warning: ...`; library callers get ordinary Python warnings.
    """
