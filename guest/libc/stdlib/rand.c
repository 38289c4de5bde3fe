/* rand, srand, rand_r, random, srandom: deterministic pseudo-random numbers
 * from the linear congruential generator given as an example in the C
 * standard; the same seed always yields the same sequence. */
#include <stdlib.h>

static unsigned int next = 1;        /* 32 bits, so the sequence is fixed */

static int step(unsigned int *state)
{
    *state = *state * 1103515245U + 12345U;
    return (int) ((*state / 65536U) % 32768U);
}

int rand(void) { return step(&next); }
void srand(unsigned int seed) { next = seed; }

int rand_r(unsigned int *seed)
{
    return step(seed);
}

/* random() gives 31 bits by joining three rand() steps. */
long random(void)
{
    long r = step(&next);

    r = (r << 15) | step(&next);
    return ((r << 1) | (step(&next) & 1)) & 0x7fffffffL;
}

void srandom(unsigned int seed) { next = seed; }
