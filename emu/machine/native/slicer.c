/* The preemption budget: a Unicorn block hook that counts executed basic
 * blocks and stops emulation synchronously when the slice is used up.
 * Native so it costs ~5% instead of a Python call per block; stopping from
 * a block hook is one of the safe ways to stop (reference/unicorn-facts.md). */
#include <stddef.h>
#include <stdint.h>

typedef int (*uc_emu_stop_fn)(void *uc);
typedef int (*uc_reg_read_fn)(void *uc, int regid, void *value);
typedef int (*uc_emu_start_fn)(void *uc, uint64_t begin, uint64_t until, uint64_t timeout,
                               size_t count);

struct slice_budget {
    int64_t remaining;      /* blocks left in this slice */
    int64_t executed;       /* block hooks seen since the kernel last reset it */
    uc_emu_stop_fn stop;    /* uc_emu_stop */
    uc_reg_read_fn reg_read;        /* uc_reg_read */
    uc_emu_start_fn emu_start;      /* uc_emu_start */
    int32_t eip_id;                 /* UC_X86_REG_EIP */
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

/* Run a slice from where the CPU stopped: one call from Python instead of
 * two (read EIP, then emu_start), twice per IPC round trip between two
 * processes (bench/: UDS ping-pong). */
int slicer_run(void *uc, struct slice_budget *b, uint64_t until, size_t count)
{
    uint64_t eip = 0;
    b->reg_read(uc, b->eip_id, &eip);
    return b->emu_start(uc, eip, until, 0, count);
}
