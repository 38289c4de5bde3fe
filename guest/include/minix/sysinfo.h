/* <minix/sysinfo.h>: getsysinfo; the process records are generated from emu/abi/psinfo.py. */
#ifndef _MINIX_SYSINFO_H
#define _MINIX_SYSINFO_H

#include <sys/types.h>
#include <minix/gen/psinfo.h>

int getsysinfo(endpoint_t who, int what, void *where, size_t size);

#endif
