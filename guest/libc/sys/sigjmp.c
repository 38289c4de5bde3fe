/* The signal-mask half of sigsetjmp/siglongjmp (setjmp.S calls these). */
#include <setjmp.h>
#include <signal.h>

void __sigjmp_savemask(sigjmp_buf env)
{
    sigset_t mask;
    if (sigprocmask(SIG_BLOCK, 0, &mask) == 0)
        env->__mask = mask;
}

void __sigjmp_restoremask(sigjmp_buf env)
{
    sigset_t mask = (sigset_t) env->__mask;
    sigprocmask(SIG_SETMASK, &mask, 0);
}
