/* Firmware entry: the machine starts here at CPL 0 in flat 32-bit protected
 * mode. Set up a stack below 640 KiB and run firmware_main; if that ever
 * returns (the kernel refused the hand-over), halt. */
    .section .text.start, "ax"
    .globl _start
_start:
    movl $0x0009FFF0, %esp
    xorl %ebp, %ebp
    call firmware_main
1:  hlt
    jmp 1b
