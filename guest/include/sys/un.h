/* <sys/un.h>: Unix domain socket addresses, MINIX 3.1.8 layout (no sun_len,
 * a one-byte family, 127 bytes of path). */
#ifndef _SYS_UN_H
#define _SYS_UN_H

#include <sys/socket.h>
#include <string.h>

struct sockaddr_un {
    sa_family_t sun_family;
    char sun_path[UDS_SUN_PATH_MAX];
};

/* The length of an address up to the end of its path (without the NUL). */
#define SUN_LEN(su) (sizeof(*(su)) - sizeof((su)->sun_path) + strlen((su)->sun_path))

#endif
