/* printf in the guest (i386: 32-bit long, 64-bit long long via compiler-rt). */
#include <limits.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    char buf[64];
    printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42, 42);
    printf("[%u] [%x] [%X] [%o] [%#x] [%#o]\n", 3000000000u, 255, 255, 8, 255, 8);
    printf("[%ld] [%lu] [%lld] [%llu] [%llx]\n", LONG_MIN, ULONG_MAX, LLONG_MIN, ULLONG_MAX,
           0x123456789abcdefULL);
    printf("[%s] [%.3s] [%10s] [%-10s] [%c] [%%]\n", "minix", "minix", "uds", "uds", 'Z');
    printf("[%p] [%.0d] [%.3d] [%zu]\n", (void *) 0x1000, 0, 7, sizeof(long long));
    int n = snprintf(buf, 8, "%s", "truncated text");
    printf("[%s] [%d]\n", buf, n);
    printf("[%.2f] [%e] [%g]\n", 3.14159, 12345.678, 0.0001);
    fprintf(stderr, "to stderr\n");
    return 0;
}
