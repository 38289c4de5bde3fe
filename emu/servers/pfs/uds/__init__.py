"""Unix domain sockets in PFS: /dev/uds, a cloning character device (major 18)."""
