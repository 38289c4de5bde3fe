/* setjmp/longjmp, _setjmp/_longjmp, sigsetjmp/siglongjmp (<setjmp.h>).
 * The buffer: ebx, esi, edi, ebp, esp, eip, savemask, mask. setjmp saves
 * the signal mask (MINIX's choice), _setjmp does not, sigsetjmp when asked. */
    .text
    .globl setjmp, _setjmp, sigsetjmp, longjmp, _longjmp, siglongjmp

setjmp:
    movl $1, %eax
    jmp 0f
_setjmp:
    xorl %eax, %eax
    jmp 0f
sigsetjmp:
    movl 8(%esp), %eax
0:  movl 4(%esp), %ecx
    movl %ebx, 0(%ecx)
    movl %esi, 4(%ecx)
    movl %edi, 8(%ecx)
    movl %ebp, 12(%ecx)
    leal 4(%esp), %edx          /* esp once setjmp has returned */
    movl %edx, 16(%ecx)
    movl (%esp), %edx           /* the return address */
    movl %edx, 20(%ecx)
    movl %eax, 24(%ecx)
    testl %eax, %eax
    jz 1f
    pushl %ecx
    call __sigjmp_savemask
    addl $4, %esp
1:  xorl %eax, %eax
    ret

longjmp:
siglongjmp:
    movl 4(%esp), %ecx
    cmpl $0, 24(%ecx)
    je _longjmp
    pushl %ecx
    call __sigjmp_restoremask
    addl $4, %esp
_longjmp:
    movl 4(%esp), %ecx
    movl 8(%esp), %eax
    testl %eax, %eax
    jnz 2f
    incl %eax                   /* longjmp(env, 0) returns 1 */
2:  movl 0(%ecx), %ebx
    movl 4(%ecx), %esi
    movl 8(%ecx), %edi
    movl 12(%ecx), %ebp
    movl 16(%ecx), %esp
    jmp *20(%ecx)
