/* ATA PIO on the primary channel: IDENTIFY DEVICE and READ SECTORS (LBA28). */
#include "fw.h"
#include "io.h"

#define ATA_DATA 0x1F0
#define ATA_ERROR 0x1F1
#define ATA_COUNT 0x1F2
#define ATA_LBA0 0x1F3
#define ATA_LBA1 0x1F4
#define ATA_LBA2 0x1F5
#define ATA_DRIVE 0x1F6
#define ATA_STATUS 0x1F7
#define ATA_COMMAND 0x1F7
#define ATA_ALTSTATUS 0x3F6

#define ST_BSY 0x80
#define ST_DRDY 0x40
#define ST_DRQ 0x08
#define ST_ERR 0x01

#define CMD_IDENTIFY 0xEC
#define CMD_READ_SECTORS 0x20

static void delay400ns(void)
{
    for (int i = 0; i < 4; i++)
        (void) inb(ATA_ALTSTATUS);
}

/* Wait until not busy; then for DRQ if asked. -1 on error or timeout. */
static int wait_ready(int want_drq)
{
    for (uint32_t tries = 0; tries < 1000000; tries++) {
        uint8_t st = inb(ATA_STATUS);
        if (st & ST_BSY)
            continue;
        if (st & ST_ERR)
            return -1;
        if (!want_drq || (st & ST_DRQ))
            return 0;
    }
    return -1;
}

/* An ATA string: byte-swapped 16-bit words, space padded. */
static void ata_string(char *out, const uint16_t *words, int nwords)
{
    int n = 0;
    for (int i = 0; i < nwords; i++) {
        out[n++] = (char) (words[i] >> 8);
        out[n++] = (char) (words[i] & 0xFF);
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == 0))
        n--;
    out[n] = 0;
}

int ata_identify(struct ata_identity *id)
{
    static uint16_t words[256];
    if (inb(ATA_STATUS) == 0xFF)      /* floating bus: no controller, no drives */
        return -1;
    outb(ATA_DRIVE, 0xA0);            /* master */
    delay400ns();
    if (inb(ATA_STATUS) == 0)         /* no device behind the controller */
        return -1;
    outb(ATA_COUNT, 0);
    outb(ATA_LBA0, 0);
    outb(ATA_LBA1, 0);
    outb(ATA_LBA2, 0);
    outb(ATA_COMMAND, CMD_IDENTIFY);
    if (inb(ATA_STATUS) == 0)
        return -1;
    if (wait_ready(1) < 0)
        return -1;
    insw(ATA_DATA, words, 256);
    ata_string(id->serial, words + 10, 10);
    ata_string(id->model, words + 27, 20);
    id->cylinders = words[1];
    id->heads = words[3];
    id->sectors_per_track = words[6];
    id->sectors = words[60] | (uint32_t) words[61] << 16;
    return 0;
}

int ata_read(uint32_t lba, uint8_t count, void *buf)
{
    outb(ATA_DRIVE, (uint8_t) (0xE0 | ((lba >> 24) & 0x0F)));
    delay400ns();
    if (wait_ready(0) < 0)
        return -1;
    outb(ATA_COUNT, count);
    outb(ATA_LBA0, (uint8_t) lba);
    outb(ATA_LBA1, (uint8_t) (lba >> 8));
    outb(ATA_LBA2, (uint8_t) (lba >> 16));
    outb(ATA_COMMAND, CMD_READ_SECTORS);
    uint8_t *p = buf;
    for (int i = 0; i < (count ? count : 256); i++) {
        if (wait_ready(1) < 0)
            return -1;
        insw(ATA_DATA, p, 256);
        p += 512;
    }
    return 0;
}
