/* CMOS: installed memory (as a PC BIOS reports it) and the RTC date. */
#include "fw.h"
#include "io.h"

uint8_t cmos_read(uint8_t reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

uint32_t cmos_memory_kb(void)
{
    uint32_t ext = cmos_read(0x30) | (uint32_t) cmos_read(0x31) << 8;        /* KiB above 1 MiB */
    uint32_t high = cmos_read(0x34) | (uint32_t) cmos_read(0x35) << 8;       /* 64 KiB above 16 MiB */
    if (high)
        return 16 * 1024 + high * 64;
    return 1024 + ext;
}

static uint32_t bcd(uint8_t v, int binary)
{
    return binary ? v : (uint32_t) (v >> 4) * 10 + (v & 0xF);
}

/* Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
static uint32_t days_from_civil(uint32_t y, uint32_t m, uint32_t d)
{
    y -= m <= 2;
    uint32_t era = y / 400;
    uint32_t yoe = y - era * 400;
    uint32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

uint32_t cmos_unix_time(void)
{
    while (cmos_read(0x0A) & 0x80)   /* update in progress */
        ;
    int binary = cmos_read(0x0B) & 0x04;
    uint32_t sec = bcd(cmos_read(0x00), binary);
    uint32_t min = bcd(cmos_read(0x02), binary);
    uint32_t hour = bcd(cmos_read(0x04), binary);
    uint32_t day = bcd(cmos_read(0x07), binary);
    uint32_t month = bcd(cmos_read(0x08), binary);
    uint32_t year = bcd(cmos_read(0x09), binary) + 100 * bcd(cmos_read(0x32), binary);
    return days_from_civil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
}
