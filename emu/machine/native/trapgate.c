/* The native half of the IPC trap hook: at an `int 0x21` it reads EAX, EBX
 * and ECX into the gate, calls the kernel's Python handler, then writes the
 * result into EAX and stops the CPU if the handler asked for that. Three
 * ctypes calls fewer per system call (bench/: null syscall, UDS ping-pong).
 * Stopping from an interrupt hook is one of the safe ways to stop
 * (reference/unicorn-facts.md). */
#include <stdint.h>

typedef int (*reg_read_batch_fn)(void *uc, int *regs, void **vals, int count);
typedef int (*reg_write_fn)(void *uc, int regid, const void *value);
typedef int (*emu_stop_fn)(void *uc);
typedef void (*handler_fn)(void);     /* no arguments: nothing to convert */

enum { GATE_SET_EAX = 1, GATE_STOP = 2 };

struct trap_gate {
    uint32_t regs[3];           /* EAX, EBX, ECX at an IPC trap */
    int32_t result;             /* EAX after the trap, with GATE_SET_EAX */
    int32_t actions;            /* GATE_* bits the handler leaves */
    uint32_t ipc_vector;        /* the vector whose registers are read */
    uint32_t intno;             /* the vector of this trap */
    int32_t reg_ids[3];         /* Unicorn's ids of EAX, EBX, ECX */
    handler_fn handler;
    reg_read_batch_fn read_batch;
    reg_write_fn write;
    emu_stop_fn stop;
};

void trap_gate_hook(void *uc, uint32_t intno, void *user_data)
{
    struct trap_gate *g = user_data;
    if (intno == g->ipc_vector) {
        void *vals[3] = { &g->regs[0], &g->regs[1], &g->regs[2] };
        g->read_batch(uc, g->reg_ids, vals, 3);
    }
    g->intno = intno;
    g->actions = 0;
    g->handler();
    if (g->actions & GATE_SET_EAX)
        g->write(uc, g->reg_ids[0], &g->result);
    if (g->actions & GATE_STOP)
        g->stop(uc);
}
