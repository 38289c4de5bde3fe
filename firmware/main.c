/* The firmware: banner, memory and clock from CMOS, the IDE disk, its
 * partition table and file system, then the boot-parameters block handed to
 * the kernel with a SYS_BOOT kernel call (int 0x20). */
#include <stdint.h>
#include <minix/bootparams.h>
#include <sys/types.h>
#include <minix/com.h>
#include <minix/ipc.h>
#include "fw.h"

#define MBR_SIGNATURE_OFFSET 510
#define PARTITION_TABLE_OFFSET 446
#define SUPER_BLOCK_LBA (SUPER_BLOCK_OFFSET / 512)

static struct bootparams params;
static int quiet;                  /* the machine asked for a quiet boot */
static uint8_t sector[512];
static uint8_t super_block[1024];

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t) (p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
    return p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

static void say(const char *s)
{
    if (!quiet)
        print(s);
}

static void say_uint(uint32_t v)
{
    if (!quiet)
        print_uint(v);
}

static void copy_string(char *dst, const char *src, int size)
{
    int i = 0;
    for (; i < size - 1 && src[i]; i++)
        dst[i] = src[i];
    dst[i] = 0;
}

/* Is there a MINIX v3 super block in the file system starting at `lba`? */
static int find_file_system(uint32_t lba)
{
    if (ata_read(lba + SUPER_BLOCK_LBA, 2, super_block) < 0)
        return 0;
    if (get16(super_block + 24) != SUPER_V3_MAGIC)
        return 0;
    params.fs_magic = SUPER_V3_MAGIC;
    params.fs_block_size = get16(super_block + 28);
    return 1;
}

/* A partition table is valid if it is signed and every used entry lies on the disk. */
static int partition_table_valid(void)
{
    if (sector[MBR_SIGNATURE_OFFSET] != 0x55 || sector[MBR_SIGNATURE_OFFSET + 1] != 0xAA)
        return 0;
    int used = 0;
    for (int i = 0; i < 4; i++) {
        const uint8_t *e = sector + PARTITION_TABLE_OFFSET + 16 * i;
        if (e[0] != 0x00 && e[0] != 0x80)
            return 0;
        if (e[4] == 0)
            continue;
        uint32_t start = get32(e + 8), size = get32(e + 12);
        if (start == 0 || size == 0 || start >= params.disk_sectors
                || size > params.disk_sectors - start)
            return 0;
        used++;
    }
    return used > 0;
}

static void probe_disk(void)
{
    struct ata_identity id;
    if (ata_identify(&id) < 0) {
        params.disk_status = BOOTDISK_NO_DISK;
        say("ide0: no disk\n");
        return;
    }
    params.disk_sectors = id.sectors;
    params.cylinders = id.cylinders;
    params.heads = id.heads;
    params.sectors_per_track = id.sectors_per_track;
    copy_string(params.model, id.model, sizeof params.model);
    copy_string(params.serial, id.serial, sizeof params.serial);
    say("ide0: ");
    say(id.model);
    say(", ");
    say_uint(id.sectors);
    say(" sectors (");
    say_uint(id.sectors / 2048);
    say(" MiB)\n");

    if (ata_read(0, 1, sector) < 0) {
        params.disk_status = BOOTDISK_READ_ERROR;
        print("boot: cannot read the disk's first sector\n");
        return;
    }
    for (int i = 0; i < 64; i++)
        params.partitions[i] = sector[PARTITION_TABLE_OFFSET + i];

    if (!partition_table_valid()) {
        if (find_file_system(0)) {
            params.disk_status = BOOTDISK_FS_ON_WHOLE_DISK;
            params.root_partition = 0xFFFF;
            params.root_lba = 0;
            params.root_sectors = id.sectors;
            say("ide0: MINIX v3 file system on the whole disk\n");
            return;
        }
        params.disk_status = BOOTDISK_NO_PARTITION_TABLE;
        print("boot: ide0 has no valid partition table and no MINIX file system\n");
        return;
    }
    for (int i = 0; i < 4; i++) {
        const uint8_t *e = sector + PARTITION_TABLE_OFFSET + 16 * i;
        if (e[4] != MINIX_PARTITION && e[4] != OLD_MINIX_PARTITION)
            continue;
        uint32_t start = get32(e + 8);
        if (find_file_system(start)) {
            params.disk_status = BOOTDISK_FS_IN_PARTITION;
            params.root_partition = (uint16_t) i;
            params.root_lba = start;
            params.root_sectors = get32(e + 12);
            say("ide0p");
            say_uint((uint32_t) i);
            say(": MINIX v3 file system, block size ");
            say_uint(params.fs_block_size);
            say("\n");
            return;
        }
    }
    params.disk_status = BOOTDISK_NO_FILE_SYSTEM;
    print("boot: no MINIX v3 file system in ide0's partitions\n");
}

void firmware_main(void)
{
    console_init();
    quiet = cmos_read(CMOS_BOOT_FLAGS) & BOOT_FLAG_QUIET;
    console_set_crlf(cmos_read(CMOS_BOOT_FLAGS) & BOOT_FLAG_CRLF);
    say("minixemu firmware 0.1 (i386)\n");
    params.magic = BOOT_MAGIC;
    params.version = BOOT_VERSION;
    params.mem_kb = cmos_memory_kb();
    params.rtc_time = cmos_unix_time();
    say("memory: ");
    say_uint(params.mem_kb / 1024);
    say(" MiB\n");
    probe_disk();

    message m;
    m.m_type = SYS_BOOT;
    m.m1_p1 = (char *) &params;
    m.m1_i1 = (int) sizeof params;
    int r;
    __asm__ volatile("int $0x20" : "=a"(r) : "a"(&m) : "memory");
    print("boot: the kernel refused the boot parameters (error ");
    print_uint((uint32_t) -r);
    print(")\n");
}
