"""Disk images: MINIX v3 file systems built from a description of files (mkimage)."""
