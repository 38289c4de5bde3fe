/* bench: a CoreMark-like mix of ordinary compiled C: matrix arithmetic, a
 * linked list (build, find, reverse), CRC-16 over the results, and a state
 * machine scanning text. No system calls until the end: ROUNDS rounds. */
#include <stdlib.h>
#include <unistd.h>

#define N 24
#define NODES 400

static int ma[N][N], mb[N][N], mc[N][N];

struct node {
    struct node *next;
    int key;
    int value;
};
static struct node pool[NODES];

static unsigned short crc16(unsigned short crc, unsigned value, int bytes)
{
    for (int b = 0; b < bytes; b++) {
        crc ^= (unsigned char) (value >> (8 * b));
        for (int i = 0; i < 8; i++)
            crc = (crc & 1) ? (unsigned short) ((crc >> 1) ^ 0xA001) : (unsigned short) (crc >> 1);
    }
    return crc;
}

static unsigned matrix(int seed)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            ma[i][j] = (i * 7 + j * 3 + seed) % 97 - 48;
            mb[i][j] = (i * 5 - j * 11 + seed) % 89 - 44;
        }
    unsigned sum = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int acc = 0;
            for (int k = 0; k < N; k++)
                acc += ma[i][k] * mb[k][j];
            mc[i][j] = acc;
            sum += (unsigned) acc ^ (unsigned) (acc >> 7);
        }
    return sum;
}

static struct node *list_build(int seed)
{
    struct node *head = 0;
    for (int i = 0; i < NODES; i++) {
        struct node *n = &pool[i];
        n->key = (i * 37 + seed) % NODES;
        n->value = i ^ seed;
        n->next = head;
        head = n;
    }
    return head;
}

static struct node *list_reverse(struct node *head)
{
    struct node *prev = 0;
    while (head) {
        struct node *next = head->next;
        head->next = prev;
        prev = head;
        head = next;
    }
    return prev;
}

static unsigned list_work(int seed)
{
    struct node *head = list_build(seed);
    unsigned found = 0;
    for (int q = 0; q < 60; q++) {
        int key = (q * 13 + seed) % NODES;
        for (struct node *n = head; n; n = n->next)
            if (n->key == key) {
                found += (unsigned) n->value;
                break;
            }
        head = list_reverse(head);
    }
    return found;
}

enum state { START, INT, FLOAT, EXPONENT, WORD, INVALID };

static unsigned scan(const char *text)
{
    unsigned counts[6] = {0};
    enum state s = START;
    for (const char *p = text;; p++) {
        char c = *p;
        if (c == ' ' || c == ',' || c == 0) {
            counts[s]++;
            s = START;
            if (c == 0)
                break;
            continue;
        }
        switch (s) {
        case START:
            s = (c >= '0' && c <= '9') ? INT : (c >= 'a' && c <= 'z') ? WORD : INVALID;
            break;
        case INT:
            if (c == '.')
                s = FLOAT;
            else if (c == 'e')
                s = EXPONENT;
            else if (c < '0' || c > '9')
                s = INVALID;
            break;
        case FLOAT:
            if (c == 'e')
                s = EXPONENT;
            else if (c < '0' || c > '9')
                s = INVALID;
            break;
        case EXPONENT:
            if ((c < '0' || c > '9') && c != '-')
                s = INVALID;
            break;
        case WORD:
            if (c < 'a' || c > 'z')
                s = INVALID;
            break;
        case INVALID:
            break;
        }
    }
    return counts[INT] * 3 + counts[FLOAT] * 5 + counts[EXPONENT] * 7 + counts[WORD] * 11
           + counts[INVALID] * 13;
}

static const char text[] =
    "5012,1.25e3 abc 17.5 x9 -3 hello,world 3e-5 42 0.001 minix 10e2 foo.bar 77 9.81 uds";

volatile unsigned sink;

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 10;
    unsigned short crc = 0;
    for (int r = 0; r < rounds; r++) {
        crc = crc16(crc, matrix(r), 4);
        crc = crc16(crc, list_work(r), 4);
        for (int i = 0; i < 20; i++)
            crc = crc16(crc, scan(text) + (unsigned) i, 2);
    }
    sink = crc;
    _exit(0);
}
