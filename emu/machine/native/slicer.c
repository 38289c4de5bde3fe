/* The preemption budget: a Unicorn block hook that counts executed basic
 * blocks and stops emulation synchronously when the slice is used up.
 * Native so it costs ~5% instead of a Python call per block; stopping from
 * a block hook is one of the safe ways to stop (reference/unicorn-facts.md). */
#include <stdint.h>

typedef int (*uc_emu_stop_fn)(void *uc);

struct slice_budget {
    int64_t remaining;      /* blocks left in this slice */
    int64_t executed;       /* block hooks seen since the kernel last reset it */
    uc_emu_stop_fn stop;    /* uc_emu_stop */
};

void slicer_block_hook(void *uc, uint64_t address, uint32_t size, void *user_data)
{
    struct slice_budget *b = user_data;
    (void) address;
    (void) size;
    b->executed++;
    if (--b->remaining <= 0)
        b->stop(uc);
}
