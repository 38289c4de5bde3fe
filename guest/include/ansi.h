/* <ansi.h>: MINIX's compatibility macros for ANSI and pre-ANSI compilers.
 * Third-party MINIX code uses _PROTOTYPE and _CONST; our compiler is ANSI. */
#ifndef _ANSI_H
#define _ANSI_H

#define _ANSI 31459
#define _PROTOTYPE(function, params) function params
#define _ARGS(params) params
#define _VOIDSTAR void *
#define _VOID void
#define _CONST const
#define _VOLATILE volatile
#define _SIZET unsigned int

#endif
