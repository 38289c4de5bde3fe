"""The signal frame the kernel pushes on a user stack to run a handler.

    sf_retadr   the C library's __sigreturn trampoline (sigaction's m1_p3)
    sf_signo    handler argument 1
    sf_code     handler argument 2 (0)
    sf_scp      handler argument 3: &sf_sc
    sf_sc       struct sigcontext: the interrupted context, which sigreturn
                restores (a handler may change it, e.g. sc_eip)

The handler is entered as if called (its return address is sf_retadr), with
esp + 4 a multiple of 16 as the i386 C ABI wants. <sys/sigcontext.h> is
generated from this module. sc_st holds the eight x87 data registers in
physical order (R0..R7, 10 bytes each, in 16-byte slots); sc_fpsw carries TOP.
"""
import struct

SC_FPSTATE = 0x1          # sc_flags: the FPU/SSE state is present

# (name, C declaration, struct code) in order.
SIGCONTEXT_FIELDS = [
    ("sc_flags", "int sc_flags", "i"),
    ("sc_mask", "sigset_t sc_mask", "I"),
    ("sc_eax", "unsigned int sc_eax", "I"),
    ("sc_ecx", "unsigned int sc_ecx", "I"),
    ("sc_edx", "unsigned int sc_edx", "I"),
    ("sc_ebx", "unsigned int sc_ebx", "I"),
    ("sc_esp", "unsigned int sc_esp", "I"),
    ("sc_ebp", "unsigned int sc_ebp", "I"),
    ("sc_esi", "unsigned int sc_esi", "I"),
    ("sc_edi", "unsigned int sc_edi", "I"),
    ("sc_eip", "unsigned int sc_eip", "I"),
    ("sc_eflags", "unsigned int sc_eflags", "I"),
    ("sc_fpcw", "unsigned short sc_fpcw", "H"),
    ("sc_fpsw", "unsigned short sc_fpsw", "H"),
    ("sc_fptag", "unsigned short sc_fptag", "H"),
    ("sc_pad0", "unsigned short sc_pad0", "H"),
    ("sc_mxcsr", "unsigned int sc_mxcsr", "I"),
    ("sc_pad1", "unsigned int sc_pad1", "I"),
    ("sc_st", "unsigned char sc_st[8][16]", "128s"),
    ("sc_xmm", "unsigned char sc_xmm[8][16]", "128s"),
]
SIGCONTEXT = struct.Struct("<" + "".join(code for _n, _c, code in SIGCONTEXT_FIELDS))
SIGCONTEXT_SIZE = SIGCONTEXT.size          # 320
SIGCONTEXT_OFFSETS = {}
_off = 0
for _name, _decl, _code in SIGCONTEXT_FIELDS:
    SIGCONTEXT_OFFSETS[_name] = _off
    _off += struct.calcsize("<" + _code)
del _off, _name, _decl, _code

# The head of the frame: return address, signo, code, scp.
SIGFRAME_HEAD = struct.Struct("<IiiI")
SIGFRAME_SIZE = SIGFRAME_HEAD.size + SIGCONTEXT_SIZE

# EFLAGS bits sigreturn takes from the user's context (CF PF AF ZF SF DF OF AC);
# the rest (IF, IOPL, TF, ...) stay the kernel's.
USER_EFLAGS = 0x00040CD5
