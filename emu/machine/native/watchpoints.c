/* The gdb stub's write-watchpoint hook (emu/debug/gdbstub/watchpoints.py),
 * for the pages it made read-only: a store that misses the watched bytes goes
 * ahead (written here: Unicorn drops it); one that hits is recorded and
 * refused, so the CPU stops before it. Native because a neighbour of a
 * watched global may be written in a hot loop: a Python callback costs ~1 us
 * a store. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define MAX_POINTS 32
#define MAX_PAGES 64
#define PAGE_SIZE 4096
#define MEM_WRITE_PROT 22       /* uc_mem_type, unicorn.h */
#define KIND_WRITE 2            /* gdb's Z2 and Z4 */
#define KIND_ACCESS 4
#define PROT_WRITE 2            /* uc_prot */

struct watch_point {
    uint64_t address, length;
    int64_t kind;
};

struct watch_page {
    uint64_t address;
    uint64_t host;              /* where the page's bytes live in this process */
    int64_t perms;              /* the page's own permissions */
};

struct watch_table {            /* one per process; mirrored by ctypes */
    int64_t npoints, npages;
    struct watch_point points[MAX_POINTS];
    struct watch_page pages[MAX_PAGES];
    int64_t hit_kind;           /* the last watched access refused (0: none since resuming) */
    uint64_t hit_address;       /* the watchpoint's address */
};

bool watch_access_hook(void *uc, int type, uint64_t address, int size, int64_t value,
                       void *user_data)
{
    struct watch_table *t = user_data;
    uint64_t page = address & ~(uint64_t) (PAGE_SIZE - 1);
    struct watch_page *pg = 0;
    uint64_t n = (uint64_t) size;
    (void) uc;
    for (int64_t i = 0; i < t->npages; i++)
        if (t->pages[i].address == page)
            pg = &t->pages[i];
    if (type != MEM_WRITE_PROT || !pg || !(pg->perms & PROT_WRITE))
        return false;           /* a real protection fault, not ours */
    for (int64_t i = 0; i < t->npoints; i++) {
        struct watch_point *w = &t->points[i];
        if (w->address < address + size && address < w->address + w->length
                && (w->kind == KIND_WRITE || w->kind == KIND_ACCESS)) {
            t->hit_kind = w->kind;
            t->hit_address = w->address;
            return false;
        }
    }
    if (n > sizeof value)       /* little-endian host and guest; this page only */
        n = sizeof value;
    if (address + n > page + PAGE_SIZE)
        n = page + PAGE_SIZE - address;
    memcpy((uint8_t *) (uintptr_t) pg->host + (address - page), &value, n);
    return true;
}
