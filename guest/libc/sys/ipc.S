/* The IPC primitives: int 0x21 with eax = endpoint, ebx = message, ecx = call.
 * Each returns OK or a negative error in eax; RECEIVE also returns the
 * sender's status word in ebx. ebx is callee-saved in the C ABI. */
#include <minix/ipcconst.h>

    .text

    .globl _send, _receive, _sendrec, _sendnb, _notify

/* int _send(endpoint_t dest, message *m) */
_send:
    movl $SEND, %ecx
    jmp 1f
/* int _sendrec(endpoint_t src_dest, message *m) */
_sendrec:
    movl $SENDREC, %ecx
    jmp 1f
/* int _sendnb(endpoint_t dest, message *m) */
_sendnb:
    movl $SENDNB, %ecx
1:  pushl %ebx
    movl 8(%esp), %eax
    movl 12(%esp), %ebx
    int $IPC_VECTOR
    popl %ebx
    ret

/* int _notify(endpoint_t dest) */
_notify:
    pushl %ebx
    movl 8(%esp), %eax
    xorl %ebx, %ebx
    movl $NOTIFY, %ecx
    int $IPC_VECTOR
    popl %ebx
    ret

/* int _receive(endpoint_t src, message *m, int *status) */
_receive:
    pushl %ebx
    movl 8(%esp), %eax
    movl 12(%esp), %ebx
    movl $RECEIVE, %ecx
    int $IPC_VECTOR
    movl 16(%esp), %ecx
    testl %ecx, %ecx
    jz 2f
    movl %ebx, (%ecx)
2:  popl %ebx
    ret

/* int _kernel_call(int call, message *m): int 0x20, eax = message */
    .globl _kernel_call
_kernel_call:
    movl 8(%esp), %eax
    movl 4(%esp), %ecx
    movl %ecx, 4(%eax)          /* m_type = call */
    int $KERNEL_CALL_VECTOR
    ret
