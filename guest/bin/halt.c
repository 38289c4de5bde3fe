/* halt: write the file systems back and power the machine off (root only).
 * The emulator exits with status 0. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/reboot.h>

int main(void)
{
    sync();
    reboot(RBT_HALT);
    fprintf(stderr, "halt: %s\n", strerror(errno));
    return 1;
}
