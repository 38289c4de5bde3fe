/* getopt(3): POSIX option parsing with optind, optarg, opterr and optopt;
 * a leading ':' in the option string reports a missing argument as ':'. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int optpos = 1;      /* position inside a cluster like -abc */

int getopt(int argc, char *const argv[], const char *opts)
{
    const char *arg, *spec;
    int c;
    optarg = NULL;
    if (optind >= argc || !argv[optind])
        return -1;
    arg = argv[optind];
    if (optpos == 1) {
        if (arg[0] != '-' || arg[1] == 0)
            return -1;
        if (strcmp(arg, "--") == 0) {
            optind++;
            return -1;
        }
    }
    c = (unsigned char) arg[optpos];
    spec = c != ':' ? strchr(opts, c) : NULL;
    if (!spec) {
        optopt = c;
        if (opterr && opts[0] != ':')
            fprintf(stderr, "%s: illegal option -- %c\n", argv[0], c);
        if (!arg[++optpos]) {
            optind++;
            optpos = 1;
        }
        return '?';
    }
    if (spec[1] == ':') {
        if (arg[optpos + 1]) {
            optarg = (char *) arg + optpos + 1;
            optind++;
        } else if (optind + 1 < argc) {
            optarg = argv[optind + 1];
            optind += 2;
        } else {
            optopt = c;
            optind++;
            optpos = 1;
            if (opts[0] == ':')
                return ':';
            if (opterr)
                fprintf(stderr, "%s: option requires an argument -- %c\n", argv[0], c);
            return '?';
        }
        optpos = 1;
        return c;
    }
    if (!arg[++optpos]) {
        optind++;
        optpos = 1;
    }
    return c;
}
