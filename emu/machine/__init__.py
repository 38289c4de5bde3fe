"""The emulated PC: CPU (Unicorn), port bus, interrupt lines, virtual clock, devices."""
