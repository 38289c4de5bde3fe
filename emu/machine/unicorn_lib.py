"""Raw ctypes access to libunicorn, bypassing the Python binding on hot paths.

The binding's reg_read/reg_write cost ~5 us each and its hooks ~1.2 us; the
same calls made directly through ctypes cost ~1 us and ~0.5 us
(reference/unicorn-facts.md). We load the very library the binding ships, so
there is one Unicorn in the process, and declare the prototypes we use.
"""
import ctypes
from ctypes import POINTER, c_bool, c_int, c_int64, c_size_t, c_uint32, c_uint64, c_void_p

from unicorn import unicorn_const as UC
from unicorn import x86_const as X86
from unicorn.unicorn_py3.unicorn import uclib as _binding_lib

lib = ctypes.CDLL(_binding_lib._name)


def _proto(name, restype, *argtypes):
    fn = getattr(lib, name)
    fn.restype = restype
    fn.argtypes = argtypes
    return fn


uc_open = _proto("uc_open", c_int, c_uint32, c_uint32, POINTER(c_void_p))
uc_close = _proto("uc_close", c_int, c_void_p)
uc_strerror = _proto("uc_strerror", ctypes.c_char_p, c_int)
uc_mem_map_ptr = _proto("uc_mem_map_ptr", c_int, c_void_p, c_uint64, c_size_t, c_uint32, c_void_p)
uc_mem_unmap = _proto("uc_mem_unmap", c_int, c_void_p, c_uint64, c_size_t)
uc_mem_protect = _proto("uc_mem_protect", c_int, c_void_p, c_uint64, c_size_t, c_uint32)
uc_reg_read = _proto("uc_reg_read", c_int, c_void_p, c_int, c_void_p)
uc_reg_write = _proto("uc_reg_write", c_int, c_void_p, c_int, c_void_p)
uc_reg_read_batch = _proto("uc_reg_read_batch", c_int, c_void_p, POINTER(c_int),
                           POINTER(c_void_p), c_int)
uc_reg_write_batch = _proto("uc_reg_write_batch", c_int, c_void_p, POINTER(c_int),
                            POINTER(c_void_p), c_int)
uc_emu_start = _proto("uc_emu_start", c_int, c_void_p, c_uint64, c_uint64, c_uint64, c_size_t)
uc_emu_stop = _proto("uc_emu_stop", c_int, c_void_p)
# uc_hook_add is variadic: UC_HOOK_INSN passes the instruction id as an extra int.
uc_hook_add = _proto("uc_hook_add", c_int, c_void_p, POINTER(c_size_t), c_int, c_void_p,
                     c_void_p, c_uint64, c_uint64)
uc_hook_del = _proto("uc_hook_del", c_int, c_void_p, c_size_t)
uc_context_alloc = _proto("uc_context_alloc", c_int, c_void_p, POINTER(c_void_p))
uc_context_free = _proto("uc_context_free", c_int, c_void_p)
uc_context_save = _proto("uc_context_save", c_int, c_void_p, c_void_p)
uc_context_restore = _proto("uc_context_restore", c_int, c_void_p, c_void_p)
uc_context_size = _proto("uc_context_size", c_size_t, c_void_p)
uc_ctl = _proto("uc_ctl", c_int, c_void_p, c_int)


def _unchecked(name):
    """The same symbol with no argtypes: ctypes skips converting each argument
    (~0.5 us a call instead of ~1.2 us), so every argument must already be a
    ctypes object of the right C type (c_void_p for the handle, c_int, arrays)."""
    return ctypes.CFUNCTYPE(c_int)(ctypes.cast(getattr(lib, name), c_void_p).value)


# For the signal-frame path, which moves thirty registers each way per signal.
uc_reg_read_batch_unchecked = _unchecked("uc_reg_read_batch")
uc_reg_write_batch_unchecked = _unchecked("uc_reg_write_batch")
# For the context switch and the IPC path (emu/machine/cpu.py).
uc_reg_read_unchecked = _unchecked("uc_reg_read")
uc_reg_write_unchecked = _unchecked("uc_reg_write")
uc_emu_start_unchecked = _unchecked("uc_emu_start")
uc_emu_stop_unchecked = _unchecked("uc_emu_stop")

# Address of uc_emu_stop, for native hooks that stop emulation synchronously.
UC_EMU_STOP_ADDRESS = ctypes.cast(lib.uc_emu_stop, c_void_p).value

# Callback signatures (unicorn.h).
HOOK_INTR = ctypes.CFUNCTYPE(None, c_void_p, c_uint32, c_void_p)
HOOK_CODE = ctypes.CFUNCTYPE(None, c_void_p, c_uint64, c_uint32, c_void_p)
HOOK_MEM_INVALID = ctypes.CFUNCTYPE(c_bool, c_void_p, c_int, c_uint64, c_int, c_int64, c_void_p)
HOOK_INSN_IN = ctypes.CFUNCTYPE(c_uint32, c_void_p, c_uint32, c_int, c_void_p)
HOOK_INSN_OUT = ctypes.CFUNCTYPE(None, c_void_p, c_uint32, c_int, c_uint32, c_void_p)
HOOK_INSN_INVALID = ctypes.CFUNCTYPE(c_bool, c_void_p, c_void_p)


def ctl_code(control: int, io: int, nargs: int) -> int:
    """UC_CTL(type, nr, rw): the request word of uc_ctl."""
    return control | (nargs << 26) | (io << 30)


class UcError(Exception):
    def __init__(self, err: int, what: str = ""):
        self.err = err
        text = uc_strerror(err).decode("ascii", "replace")
        super().__init__(f"{what}: {text}" if what else text)


def check(err: int, what: str = "") -> None:
    if err != UC.UC_ERR_OK:
        raise UcError(err, what)


__all__ = ["lib", "UC", "X86", "UcError", "check", "ctl_code"]
