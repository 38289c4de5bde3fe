"""Packaging beyond pyproject.toml: the C sources minixemu compiles on first use.

guest/ (headers, libc, test and demo programs) and firmware/ stay at the top
of the repository; in a wheel they become emu/_guest and emu/_firmware, which
emu/toolchain/paths.py finds through importlib.resources. Packages under emu/
are found automatically, so a new server package needs no change here.
"""
from setuptools import find_packages, setup

EVERY_FILE = ["**/*"]

setup(
    packages=find_packages(include=["emu", "emu.*"]) + ["emu._guest", "emu._firmware"],
    package_dir={"emu._guest": "guest", "emu._firmware": "firmware"},
    package_data={"emu._guest": EVERY_FILE, "emu._firmware": EVERY_FILE,
                  "emu.machine": ["native/*.c"], "emu.debug": ["msc.html"]},
)
