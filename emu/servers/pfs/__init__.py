"""PFS: the pipe file server (pipes, Unix domain sockets)."""
