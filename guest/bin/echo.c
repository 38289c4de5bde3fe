/* echo: write the operands separated by spaces (the engine is shared with
 * the shell's built-in: lib/echo.c). */
#include "lib/tools.h"

int main(int argc, char **argv) { return echo_main(argc, argv); }
