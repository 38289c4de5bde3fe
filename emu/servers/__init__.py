"""The system servers (PM, VFS, TTY, ...), as Python objects at fixed endpoints."""
