/* <assert.h>: the assert() diagnostic macro.
 * No include guard on purpose: each inclusion re-reads NDEBUG. */
#undef assert

#ifdef NDEBUG
#define assert(e) ((void) 0)
#else
void __assert_fail(const char *expr, const char *file, int line,
                   const char *func) __attribute__((noreturn));
#define assert(e) ((e) ? (void) 0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L && !defined(static_assert)
#define static_assert _Static_assert
#endif
