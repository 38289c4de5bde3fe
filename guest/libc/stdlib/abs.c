/* Integer absolute values and divisions: abs, labs, llabs, div, ldiv, lldiv.
 * C99 division truncates toward zero, so quot and rem come straight out. */
#include <stdlib.h>

int abs(int j) { return j < 0 ? -j : j; }
long labs(long j) { return j < 0 ? -j : j; }
long long llabs(long long j) { return j < 0 ? -j : j; }

div_t div(int num, int den)
{
    div_t r = { num / den, num % den };
    return r;
}

ldiv_t ldiv(long num, long den)
{
    ldiv_t r = { num / den, num % den };
    return r;
}

lldiv_t lldiv(long long num, long long den)
{
    lldiv_t r = { num / den, num % den };
    return r;
}
