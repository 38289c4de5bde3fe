/* bench: the worst case for block counting: tiny loops of 2-4 instructions
 * (a sieve, hashing, quicksort), so nearly every instruction starts a basic
 * block. No system calls until the end: ROUNDS rounds. */
#include <stdlib.h>
#include <unistd.h>

static unsigned char sieve[100000];
static unsigned arr[20000];
volatile unsigned sink;

static unsigned hash(unsigned x)
{
    x ^= x >> 16;
    x *= 0x45d9f3b;
    x ^= x >> 16;
    return x;
}

static void quicksort(unsigned *a, int n)
{
    while (n > 1) {
        unsigned p = a[n / 2];
        int i = 0, j = n - 1;
        while (i <= j) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i <= j) {
                unsigned t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        if (j + 1 < n - i) {
            quicksort(a, j + 1);
            a += i;
            n -= i;
        } else {
            quicksort(a + i, n - i);
            n = j + 1;
        }
    }
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 10;
    unsigned total = 0;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < 100000; i++)
            sieve[i] = 1;
        for (int i = 2; i * i < 100000; i++)
            if (sieve[i])
                for (int j = i * i; j < 100000; j += i)
                    sieve[j] = 0;
        for (int i = 0; i < 100000; i++)
            total += sieve[i];
        for (int i = 0; i < 20000; i++)
            arr[i] = hash(i + r);
        quicksort(arr, 20000);
        total += arr[100];
    }
    sink = total;
    _exit(0);
}
