"""Watching the system: the trace bus and its consumers (text, JSON lines)."""
