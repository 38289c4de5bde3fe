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
typedef int (*uc_reg_write_batch_fn)(void *uc, const int *regs, void *const *vals, int count);

struct slice_budget {
    int64_t remaining;      /* blocks left in this slice */
    int64_t executed;       /* block hooks seen since the kernel last reset it */
    uc_emu_stop_fn stop;    /* uc_emu_stop */
    uc_reg_read_fn reg_read;        /* uc_reg_read */
    uc_emu_start_fn emu_start;      /* uc_emu_start */
    int32_t eip_id;                 /* UC_X86_REG_EIP */
    uc_reg_write_batch_fn reg_write_batch;  /* uc_reg_write_batch */
    int32_t result_ids[2];          /* UC_X86_REG_EAX, UC_X86_REG_EBX */
};

/* The result registers of a call answered while its process waited
 * (Cpu.set_eax_ebx): written just before the process runs again. */
struct pending_results {
    uint32_t pending;
    uint32_t eax, ebx;
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
 * three (write the pending results, read EIP, then emu_start), twice per
 * IPC round trip between two processes (bench/: UDS ping-pong). */
int slicer_run(void *uc, struct slice_budget *b, uint64_t until, size_t count,
               struct pending_results *r)
{
    uint64_t eip = 0;
    if (r->pending) {
        void *vals[2] = { &r->eax, &r->ebx };
        b->reg_write_batch(uc, b->result_ids, vals, 2);
        r->pending = 0;
    }
    b->reg_read(uc, b->eip_id, &eip);
    return b->emu_start(uc, eip, until, 0, count);
}
