"""`python -m emu` is `minixemu`."""
import sys

from emu.cli import main

sys.exit(main())
