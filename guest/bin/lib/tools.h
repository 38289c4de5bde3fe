/* The tools' small shared library (guest/bin/lib): printf(1)'s and echo(1)'s
 * engines, mode strings, user and group names, recursive walks. */
#ifndef TOOLS_H
#define TOOLS_H
#include <sys/types.h>

int printf_main(int argc, char **argv);
int echo_main(int argc, char **argv);
void mode_string(mode_t mode, char out[11]);
int parse_mode(const char *spec, mode_t old, int is_dir, mode_t *out);
const char *user_name(uid_t uid, char *buf, int len);
const char *group_name(gid_t gid, char *buf, int len);
int lookup_user(const char *name, uid_t *uid, gid_t *gid);
int lookup_group(const char *name, gid_t *gid);
void die(const char *prog, const char *what);
#endif
