/* Shared declarations of the firmware's parts: console, CMOS, ATA. */
#ifndef FW_FW_H
#define FW_FW_H

#include <stdint.h>

/* console.c: polled output on COM1 */
void console_init(void);
void console_set_crlf(int on);   /* \n is sent as \r\n (a terminal) */
void console_putc(char c);
void print(const char *s);
void print_uint(uint32_t v);
void print_hex(uint32_t v);

/* cmos.c: memory size and the real-time clock */
uint8_t cmos_read(uint8_t reg);
uint32_t cmos_memory_kb(void);
uint32_t cmos_unix_time(void);

/* ata.c: the primary master, PIO, LBA28 */
struct ata_identity {
    char model[41];
    char serial[21];
    uint32_t sectors;
    uint16_t cylinders, heads, sectors_per_track;
};
int ata_identify(struct ata_identity *id);   /* 0 ok, -1 no disk */
int ata_read(uint32_t lba, uint8_t count, void *buf);   /* 0 ok, -1 error */

#endif
