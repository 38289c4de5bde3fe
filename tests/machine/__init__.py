"""Register-level tests of the emulated PC's devices, driven through a PortBus
the way a guest driver would drive them."""
