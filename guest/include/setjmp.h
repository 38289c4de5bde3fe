/* <setjmp.h>: non-local jumps. setjmp and sigsetjmp(env, 1) also save the
 * signal mask and longjmp/siglongjmp restore it (as MINIX's setjmp does);
 * _setjmp/_longjmp leave the mask alone. */
#ifndef _SETJMP_H
#define _SETJMP_H

typedef struct {
    unsigned long __regs[6];    /* ebx, esi, edi, ebp, esp, eip */
    int __savemask;             /* was the mask saved? */
    unsigned long __mask;       /* the signal mask (sigset_t) */
} jmp_buf[1];
typedef jmp_buf sigjmp_buf;

int setjmp(jmp_buf env) __attribute__((returns_twice));
int _setjmp(jmp_buf env) __attribute__((returns_twice));
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
void longjmp(jmp_buf env, int val) __attribute__((noreturn));
void _longjmp(jmp_buf env, int val) __attribute__((noreturn));
void siglongjmp(sigjmp_buf env, int val) __attribute__((noreturn));

#endif
