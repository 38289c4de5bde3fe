/* __sigreturn: where a signal handler returns to. The kernel's frame
 * (emu/abi/sigcontext.py) is retadr, signo, code, scp, sigcontext: after the
 * handler's ret, esp points at signo. Skip signo and code and call
 * sigreturn(scp), which does not come back unless the context was bad. */
    .text
    .globl __sigreturn
__sigreturn:
    addl $8, %esp
    call sigreturn
1:  hlt                         /* #GP at CPL 3: SIGSEGV */
    jmp 1b
