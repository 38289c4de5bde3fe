/* Prints what a program starts with: argc, argv and the environment. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp)
{
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    for (char **e = envp; *e; e++)
        printf("env %s\n", *e);
    printf("environ matches envp: %s\n", environ == envp ? "yes" : "no");
    const char *home = getenv("HOME");
    printf("getenv(HOME)=%s\n", home ? home : "(null)");
    return argc > 1 ? atoi(argv[1]) : 0;
}
