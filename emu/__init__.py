"""minixemu: an i386 system emulator for a small MINIX-like operating system."""
__version__ = "0.1.0"
