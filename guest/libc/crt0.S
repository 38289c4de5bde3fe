/* Program entry. MINIX's exec leaves esp pointing at argc, then argv[],
 * NULL, envp[], NULL. Set environ, align the stack for the C ABI, call
 * main(argc, argv, envp) and pass its result to exit(). */
    .text
    .globl _start
_start:
    xorl %ebp, %ebp
    movl (%esp), %eax           /* argc */
    leal 4(%esp), %edx          /* argv */
    leal 8(%esp,%eax,4), %ecx   /* envp = argv + argc + 1 */
    movl %ecx, environ
    andl $-16, %esp
    subl $4, %esp               /* 16-byte aligned at the call */
    pushl %ecx
    pushl %edx
    pushl %eax
    call main
    movl %eax, (%esp)
    call exit
1:  hlt                         /* exit does not return */
    jmp 1b
