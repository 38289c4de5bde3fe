/* <sys/types.h>: the system data types (MINIX 3.1.8, i386 ILP32). */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <ansi.h>
#include <stddef.h>
#include <stdint.h>
#include <minix/gen/types.h>

typedef int8_t i8_t;
typedef int16_t i16_t;
typedef int32_t i32_t;
typedef int64_t i64_t;
typedef uint8_t u8_t;
typedef uint16_t u16_t;
typedef uint32_t u32_t;
typedef uint64_t u64_t;
typedef unsigned long zone_t;
typedef unsigned long block_t;
typedef unsigned long bit_t;
typedef unsigned int vir_bytes;
typedef unsigned int phys_bytes;
typedef long suseconds_t;
typedef unsigned long useconds_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef char *caddr_t;
typedef int id_t;
typedef long blkcnt_t;
typedef long blksize_t;

/* Device numbers: MINIX packs major and minor into 8 bits each. */
#define major(dev) ((int) (((unsigned) (dev) >> 8) & 0xFF))
#define minor(dev) ((int) ((unsigned) (dev) & 0xFF))
#define makedev(maj, min) ((dev_t) ((((maj) & 0xFF) << 8) | ((min) & 0xFF)))

#endif
