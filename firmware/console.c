/* The firmware's console: COM1 at 115200 8N1, polled, no interrupts. */
#include "fw.h"
#include "io.h"

#define COM1 0x3F8

static int crlf;   /* the console is a terminal: end lines with CR LF */

void console_set_crlf(int on)
{
    crlf = on;
}

void console_init(void)
{
    outb(COM1 + 1, 0x00);   /* no interrupts */
    outb(COM1 + 3, 0x80);   /* DLAB */
    outb(COM1 + 0, 0x01);   /* divisor 1: 115200 baud */
    outb(COM1 + 1, 0x00);
    outb(COM1 + 3, 0x03);   /* 8N1 */
    outb(COM1 + 2, 0x07);   /* FIFOs on, cleared */
    outb(COM1 + 4, 0x03);   /* DTR, RTS */
}

void console_putc(char c)
{
    if (c == '\n' && crlf)
        console_putc('\r');
    while (!(inb(COM1 + 5) & 0x20))
        ;
    outb(COM1, (uint8_t) c);
}

void print(const char *s)
{
    while (*s)
        console_putc(*s++);
}

void print_uint(uint32_t v)
{
    char buf[11];
    int i = 10;
    buf[i] = 0;
    do {
        buf[--i] = (char) ('0' + v % 10);
        v /= 10;
    } while (v);
    print(buf + i);
}

void print_hex(uint32_t v)
{
    static const char digits[] = "0123456789abcdef";
    print("0x");
    for (int shift = 28; shift >= 0; shift -= 4)
        console_putc(digits[(v >> shift) & 0xF]);
}
