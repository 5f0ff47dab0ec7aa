"""Reading text input with one clear error, and writing output files atomically: a crash or a full disk
never leaves a half-written file, and no output may overwrite an input (`check_outputs`)."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator

from align.errors import InputError, OutputError
from align.limits import check_file_size


def read_utf8_text(path: str | os.PathLike, what: str = "file", encoding: str = "utf-8") -> str:
    """The whole text of a UTF-8 file (`encoding="utf-8-sig"` drops a BOM), or an InputError naming the
    file (`what` it should be, e.g. "accept file") and, for bad bytes, where they are."""
    path = Path(path)
    try:
        return path.read_text(encoding=encoding)
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what}") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read the {what} ({error.strerror or error})") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None


#: OS errors that mean "this output cannot be written" when they come out of a write without a file name.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG, errno.EACCES, errno.EPERM, errno.EIO}


def _cannot_write(target: Path, error: OSError) -> OutputError:
    reason = error.strerror or str(error)
    return OutputError(f"{target}: cannot write ({reason}); nothing was written and any previous "
                       f"{target.name} is unchanged")


def checked_input(path: str | os.PathLike) -> Path:
    """`path` when it is a non-empty file within the file size limit, else an InputError naming it."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise InputError(f"{path}: empty file")
    check_file_size(path)
    return path


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO]:
    """Open a temporary file beside `path`; on success fsync it and rename it over `path`.

    On any exception the temporary file is removed and `path` is left as it was. A folder that cannot be
    written or a full disk becomes an OutputError naming `path`.
    Use mode "wb" for binary output (then `encoding` is ignored).
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as error:
        raise _cannot_write(target, error) from None
    try:
        if "b" in mode:
            handle = os.fdopen(fd, mode)
        else:
            handle = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600 files; give the output the usual permissions (0666 less the umask).
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        # An error naming another file comes from reading an input inside the `with` body: not ours.
        if error.filename not in (None, tmp, str(target)) or error.errno not in _WRITE_ERRNOS:
            raise
        raise _cannot_write(target, error) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _same_path(a: Path, b: Path) -> bool:
    """True when `a` and `b` name one file: same resolved path, or (both existing) same inode."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_outputs(inputs: Iterable[str | os.PathLike | None], outputs: Iterable[str | os.PathLike | None]) -> None:
    """Refuse, before anything is read or written, outputs that would destroy an input or each other.

    An output equal to an input file (also through a link), inside an input folder, equal to another
    output of the same command, or an existing folder is an OutputError. `None` entries (an option not
    given) are ignored.
    """
    ins = [Path(p) for p in inputs if p is not None]
    outs = [Path(p) for p in outputs if p is not None]
    for number, out in enumerate(outs):
        if out.is_dir():
            raise OutputError(f"{out}: is a folder; give a file name for the output")
        for other in outs[:number]:
            if _same_path(out, other):
                raise OutputError(f"{out}: given for two outputs of this command; each needs its own file")
        for source in ins:
            if _same_path(out, source):
                raise OutputError(f"{out}: is also an input of this command; writing it would destroy the "
                                  "input, so nothing was written (choose another output name)")
            if source.is_dir() and _inside(out, source):
                raise OutputError(f"{out}: is inside the input folder {source}; the output would be read as "
                                  "input next time, so nothing was written (write it elsewhere)")


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(folder)) in Path(os.path.realpath(path)).parents
