"""Errors of the host's own files and streams (stdout, stderr, -D FILE).

They are not bugs and not the guest's doing: a closed pipe (`| head`) ends the
run quietly, as Unix tools do; anything else (a full disk, a closed stdout)
is one line and exit status 1. Every layer that writes to the host raises
these, and only the CLI reports them.
"""
import errno


class HostOutputClosed(Exception):
    """The host stopped reading (EPIPE): end quietly."""


class HostIOError(Exception):
    """Writing to the host failed for another reason; the message names the file."""


def host_error(name: str, e: OSError) -> Exception:
    """The HostOutputClosed or HostIOError for an OSError on `name`."""
    if isinstance(e, BrokenPipeError):
        return HostOutputClosed(name)
    if e.errno == errno.EBADF:
        return HostIOError(f"{name}: closed (bad file descriptor)")
    return HostIOError(f"{name}: {(e.strerror or str(e)).lower()}")
