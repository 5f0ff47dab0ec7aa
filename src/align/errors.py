"""Errors that the CLI turns into a clear message and an exit code, never a traceback."""


class AlignError(Exception):
    """Base class for every error that the user can act on."""

    exit_code = 2


class InputError(AlignError):
    """An input file cannot be used: missing, empty, binary, undecodable, malformed or hostile."""


class ConfigError(AlignError):
    """A setting or option is wrong (unknown model, bad language code, bad rule file)."""
