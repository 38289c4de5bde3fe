/* printf: formatted output (the engine is shared with the shell's built-in). */
#include "lib/tools.h"

int main(int argc, char **argv) { return printf_main(argc, argv); }
