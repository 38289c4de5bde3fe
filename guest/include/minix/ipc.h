/* <minix/ipc.h>: the 36-byte message and the IPC primitives (int 0x21). */
#ifndef _MINIX_IPC_H
#define _MINIX_IPC_H

#include <sys/types.h>
#include <minix/ipcconst.h>

typedef struct { int m1i1, m1i2, m1i3; char *m1p1, *m1p2, *m1p3; } mess_1;
typedef struct { int m2i1, m2i2, m2i3; long m2l1, m2l2; char *m2p1; short m2s1; } mess_2;
typedef struct { int m3i1, m3i2; char *m3p1; char m3ca1[16]; } mess_3;
typedef struct { long m4l1, m4l2, m4l3, m4l4, m4l5; } mess_4;
typedef struct { short m5s1, m5s2; int m5i1, m5i2; long m5l1, m5l2, m5l3; } mess_5;
typedef struct { int m7i1, m7i2, m7i3, m7i4, m7i5; char *m7p1, *m7p2; } mess_7;
typedef struct { int m8i1, m8i2; char *m8p1, *m8p2, *m8p3, *m8p4; } mess_8;
typedef struct { long m9l1, m9l2, m9l3, m9l4, m9l5; short m9s1, m9s2, m9s3, m9s4; } mess_9;

typedef struct {
    endpoint_t m_source;   /* who sent the message */
    int m_type;            /* what kind of message is it */
    union {
        mess_1 m_m1;
        mess_2 m_m2;
        mess_3 m_m3;
        mess_4 m_m4;
        mess_5 m_m5;
        mess_7 m_m7;
        mess_8 m_m8;
        mess_9 m_m9;
    } m_u;
} message;

_Static_assert(sizeof(message) == 36, "message must be 36 bytes");

#define m1_i1 m_u.m_m1.m1i1
#define m1_i2 m_u.m_m1.m1i2
#define m1_i3 m_u.m_m1.m1i3
#define m1_p1 m_u.m_m1.m1p1
#define m1_p2 m_u.m_m1.m1p2
#define m1_p3 m_u.m_m1.m1p3
#define m2_i1 m_u.m_m2.m2i1
#define m2_i2 m_u.m_m2.m2i2
#define m2_i3 m_u.m_m2.m2i3
#define m2_l1 m_u.m_m2.m2l1
#define m2_l2 m_u.m_m2.m2l2
#define m2_p1 m_u.m_m2.m2p1
#define m2_s1 m_u.m_m2.m2s1
#define m3_i1 m_u.m_m3.m3i1
#define m3_i2 m_u.m_m3.m3i2
#define m3_p1 m_u.m_m3.m3p1
#define m3_ca1 m_u.m_m3.m3ca1
#define m4_l1 m_u.m_m4.m4l1
#define m4_l2 m_u.m_m4.m4l2
#define m4_l3 m_u.m_m4.m4l3
#define m4_l4 m_u.m_m4.m4l4
#define m4_l5 m_u.m_m4.m4l5
#define m5_s1 m_u.m_m5.m5s1
#define m5_s2 m_u.m_m5.m5s2
#define m5_i1 m_u.m_m5.m5i1
#define m5_i2 m_u.m_m5.m5i2
#define m5_l1 m_u.m_m5.m5l1
#define m5_l2 m_u.m_m5.m5l2
#define m5_l3 m_u.m_m5.m5l3
#define m7_i1 m_u.m_m7.m7i1
#define m7_i2 m_u.m_m7.m7i2
#define m7_i3 m_u.m_m7.m7i3
#define m7_i4 m_u.m_m7.m7i4
#define m7_i5 m_u.m_m7.m7i5
#define m7_p1 m_u.m_m7.m7p1
#define m7_p2 m_u.m_m7.m7p2
#define m8_i1 m_u.m_m8.m8i1
#define m8_i2 m_u.m_m8.m8i2
#define m8_p1 m_u.m_m8.m8p1
#define m8_p2 m_u.m_m8.m8p2
#define m8_p3 m_u.m_m8.m8p3
#define m8_p4 m_u.m_m8.m8p4
#define m9_l1 m_u.m_m9.m9l1
#define m9_l2 m_u.m_m9.m9l2
#define m9_l3 m_u.m_m9.m9l3
#define m9_l4 m_u.m_m9.m9l4
#define m9_l5 m_u.m_m9.m9l5
#define m9_s1 m_u.m_m9.m9s1
#define m9_s2 m_u.m_m9.m9s2
#define m9_s3 m_u.m_m9.m9s3
#define m9_s4 m_u.m_m9.m9s4

/* The IPC primitives. Each returns OK (0) or a negative error. */
int _send(endpoint_t dest, message *m_ptr);
int _receive(endpoint_t src, message *m_ptr, int *status_ptr);
int _sendrec(endpoint_t src_dest, message *m_ptr);
int _sendnb(endpoint_t dest, message *m_ptr);
int _notify(endpoint_t dest);

#define send _send
#define sendrec _sendrec
#define sendnb _sendnb
#define notify _notify
#define receive(src, m) _receive((src), (m), (int *) 0)

/* A system call: SENDREC to a server; a negative reply sets errno. */
int _syscall(endpoint_t who, int syscallnr, message *msgptr);
/* A kernel call (int 0x20); only system processes may make one. */
int _kernel_call(int syscallnr, message *msgptr);

/* Endpoint of a process (PM's GETEPINFO); -1 and errno on error. */
endpoint_t getepinfo(pid_t pid, uid_t *uid, gid_t *gid);
endpoint_t getnendpoint(pid_t pid);

#endif
