/* The whole register file survives a handler: a loop holding values in
 * ebx/esi/edi, three x87 registers, XMM0-7, a non-default x87 control word
 * and MXCSR is interrupted by SIGALRM (the process is preempted, not in a
 * call); the handler does floating-point work of its own on a clean FPU. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

volatile int sig_flag;
float in_xmm[8][4], out_xmm[8][4];
double in_x87[3], out_x87[3];
unsigned out_gpr[3];
unsigned short cw_in = 0x0F7F, cw_out, cw_handler;     /* round toward zero */
unsigned mx_in = 0x7F80, mx_out, mx_handler;           /* round toward zero */
static volatile double handler_result;

__attribute__((target("sse2"))) static void on_alarm(int sig)
{
    (void) sig;
    __asm__ volatile("fnstcw cw_handler\n\tstmxcsr mx_handler" ::: "memory");
    volatile long double x = 1.0L;
    for (int i = 1; i <= 10; i++)
        x = x * 3.0L / 2.0L;                    /* x87 */
    handler_result = (double) x;
    __asm__ volatile("xorps %%xmm0, %%xmm0\n\txorps %%xmm3, %%xmm3\n\txorps %%xmm7, %%xmm7\n\t"
                     "fldpi\n\tfldpi\n\tfmulp\n\tfstp %%st(0)"
                     ::: "xmm0", "xmm3", "xmm7", "memory");
    sig_flag = 1;
}

__attribute__((target("sse2"))) static void spin(void)
{
    __asm__ volatile(
        "movups in_xmm+0, %%xmm0\n\tmovups in_xmm+16, %%xmm1\n\t"
        "movups in_xmm+32, %%xmm2\n\tmovups in_xmm+48, %%xmm3\n\t"
        "movups in_xmm+64, %%xmm4\n\tmovups in_xmm+80, %%xmm5\n\t"
        "movups in_xmm+96, %%xmm6\n\tmovups in_xmm+112, %%xmm7\n\t"
        "fldcw cw_in\n\tldmxcsr mx_in\n\t"
        "fldl in_x87+0\n\tfldl in_x87+8\n\tfldl in_x87+16\n\t"
        "movl $0x11111111, %%ebx\n\tmovl $0x22222222, %%esi\n\tmovl $0x33333333, %%edi\n"
        "1:\tcmpl $0, sig_flag\n\tje 1b\n\t"
        "movl %%ebx, out_gpr\n\tmovl %%esi, out_gpr+4\n\tmovl %%edi, out_gpr+8\n\t"
        "movups %%xmm0, out_xmm+0\n\tmovups %%xmm1, out_xmm+16\n\t"
        "movups %%xmm2, out_xmm+32\n\tmovups %%xmm3, out_xmm+48\n\t"
        "movups %%xmm4, out_xmm+64\n\tmovups %%xmm5, out_xmm+80\n\t"
        "movups %%xmm6, out_xmm+96\n\tmovups %%xmm7, out_xmm+112\n\t"
        "fstpl out_x87+16\n\tfstpl out_x87+8\n\tfstpl out_x87+0\n\t"
        "fnstcw cw_out\n\tstmxcsr mx_out\n\t"
        "fldcw cw_handler\n\tldmxcsr mx_handler"     /* defaults back for printf */
        ::: "ebx", "esi", "edi", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",
            "xmm6", "xmm7", "st", "st(1)", "st(2)");
}

int main(void)
{
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++)
            in_xmm[i][j] = (float) (i * 4 + j) + 0.25f;
    in_x87[0] = 3.141592653589793;
    in_x87[1] = -2.718281828459045;
    in_x87[2] = 1e300;
    signal(SIGALRM, on_alarm);
    alarm(1);
    spin();
    printf("gpr kept: %d\n", out_gpr[0] == 0x11111111 && out_gpr[1] == 0x22222222
                             && out_gpr[2] == 0x33333333);
    printf("xmm kept: %d\n", memcmp(in_xmm, out_xmm, sizeof in_xmm) == 0);
    printf("x87 kept: %d\n", memcmp(in_x87, out_x87, sizeof in_x87) == 0);
    printf("control words kept: cw %#x mxcsr %#x\n", cw_out, mx_out);
    printf("handler saw: cw %#x mxcsr %#x, computed %.4f\n", cw_handler, mx_handler,
           handler_result);
    return 0;
}
