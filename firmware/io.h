/* Port I/O for the firmware: the only way it talks to the devices. */
#ifndef FW_IO_H
#define FW_IO_H

#include <stdint.h>

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

/* Read `words` 16-bit words from a port into memory (the ATA data port). */
static inline void insw(uint16_t port, void *buf, uint32_t words)
{
    __asm__ volatile("cld; rep insw" : "+D"(buf), "+c"(words) : "d"(port) : "memory");
}

#endif
