/* sh: jobs. Foreground waits, the table of background jobs ($!, wait, jobs),
 * and job control when interactive (-m): each job in its own process group,
 * the terminal handed to the foreground one, stopped jobs resumed with
 * fg/bg through SIGCONT. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"
#if defined(SH_SIGNALS)
#include <termios.h>
#endif

#define MAXJOBS 64
enum { J_RUNNING, J_STOPPED, J_DONE };
struct job {
    int used;
    pid_t pgid;
    pid_t pids[16];
    int status[16];     /* raw wait status, -1 while running */
    int n;
    int state;
    int stopsig;        /* the signal that stopped it (J_STOPPED) */
    char *cmd;
};
static struct job jobs[MAXJOBS];

int wait_status_code(int st)
{
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
#ifdef WIFSTOPPED
    if (WIFSTOPPED(st))
        return 128 + WSTOPSIG(st);
#endif
    if (WIFSIGNALED(st))
        return 128 + WTERMSIG(st);
    return 1;
}

/* waitpid's options for reaping background jobs: with job control, stops
 * too (a background job that reads the terminal stops with SIGTTIN). */
static int reap_options(void)
{
#if defined(SH_SIGNALS) && defined(WUNTRACED)
    if (sh.opt_m)
        return WNOHANG | WUNTRACED;
#endif
    return WNOHANG;
}

/* Record a status reaped for some pid that belongs to a background job;
 * returns the job's index + 1 when the job has just stopped, else 0. */
static int note(pid_t pid, int st)
{
    int j, k;
    for (j = 0; j < MAXJOBS; j++) {
        if (!jobs[j].used)
            continue;
        for (k = 0; k < jobs[j].n; k++) {
            if (jobs[j].pids[k] == pid) {
#ifdef WIFSTOPPED
                if (WIFSTOPPED(st)) {
                    int was = jobs[j].state;
                    jobs[j].state = J_STOPPED;
                    jobs[j].stopsig = WSTOPSIG(st);
                    return was == J_STOPPED ? 0 : j + 1;
                }
#endif
                jobs[j].status[k] = st;
                for (k = 0; k < jobs[j].n; k++)
                    if (jobs[j].status[k] == -1)
                        return 0;
                jobs[j].state = J_DONE;
                return 0;
            }
        }
    }
    return 0;
}

/* bg: 1 a background job, 0 a foreground one that stopped. */
void job_add(pid_t pgid, pid_t *pids, int n, const char *cmd, int bg)
{
    int j, k;
    for (j = 0; j < MAXJOBS && jobs[j].used; j++)
        ;
    if (j == MAXJOBS) {
        /* table full: forget the oldest finished job */
        for (j = 0; j < MAXJOBS && jobs[j].state != J_DONE; j++)
            ;
        if (j == MAXJOBS)
            return;
        free(jobs[j].cmd);
    }
    memset(&jobs[j], 0, sizeof jobs[j]);
    jobs[j].used = 1;
    jobs[j].pgid = pgid;
    jobs[j].n = n > 16 ? 16 : n;
    for (k = 0; k < jobs[j].n; k++) {
        jobs[j].pids[k] = pids[k];
        jobs[j].status[k] = -1;
    }
    jobs[j].cmd = xstrdup(cmd ? cmd : "");
    jobs[j].state = bg ? J_RUNNING : J_STOPPED;
    if (sh.interactive && bg)
        fprintf(stderr, "[%d] %d\n", j + 1, (int) pgid);
}

static void give_terminal(pid_t pgid)
{
#if defined(SH_SIGNALS)
    if (sh.opt_m && sh.interactive)
        tcsetpgrp(0, pgid);
#else
    (void) pgid;
#endif
}

/* Wait for the foreground processes; returns the last one's exit code. A
 * stopped job (job control) goes to the table and counts as 128+signal. */
int job_wait_fg(pid_t pgid, pid_t *pids, int n)
{
    int i, code = 0, st;
    for (i = 0; i < n; i++) {
        pid_t r;
        int opts = 0;
#if defined(SH_SIGNALS) && defined(WUNTRACED)
        if (sh.opt_m) opts = WUNTRACED;
#endif
        while ((r = waitpid(pids[i], &st, opts)) < 0 && errno == EINTR)
            ;
        if (r < 0) {
            st = 0;
            continue;
        }
#ifdef WIFSTOPPED
        if (WIFSTOPPED(st)) {
            job_add(pgid, pids + i, n - i, sh.fg_text ? sh.fg_text : "job", 0);
            fprintf(stderr, "\nStopped\n");
            give_terminal(getpgrp());
            return 128 + WSTOPSIG(st);
        }
#endif
        if (i == n - 1)
            code = wait_status_code(st);
        if (i == n - 1 && WIFSIGNALED(st) && sh.interactive && WTERMSIG(st) != 2)
            fprintf(stderr, "%s\n", sig_name(WTERMSIG(st)));
    }
    give_terminal(getpgrp());
    return code;
}

static int job_index(const char *spec)
{
    int j;
    if (!spec) {
        for (j = MAXJOBS - 1; j >= 0; j--)
            if (jobs[j].used && jobs[j].state != J_DONE)
                return j;
        return -1;
    }
    if (spec[0] == '%') {
        j = atoi(spec + 1) - 1;
        return j >= 0 && j < MAXJOBS && jobs[j].used ? j : -1;
    }
    for (j = 0; j < MAXJOBS; j++) {
        int k;
        for (k = 0; jobs[j].used && k < jobs[j].n; k++)
            if (jobs[j].pids[k] == (pid_t) atoi(spec))
                return j;
    }
    return -1;
}

static int job_code(int j)
{
    int st = jobs[j].status[jobs[j].n - 1];
    if (jobs[j].state == J_STOPPED)
        return 128 + jobs[j].stopsig;
    return st == -1 ? 127 : wait_status_code(st);
}

/* Wait for job j to finish (or, with job control, stop: a background job
 * that reads the terminal stops with SIGTTIN, and a wait must not hang on
 * it, as in dash); returns its exit code. */
static int wait_job(int j)
{
    while (jobs[j].state == J_RUNNING) {
        int st;
        pid_t r = waitpid(-1, &st, reap_options() & ~WNOHANG);
        if (r < 0) {
            if (errno == EINTR) {
                trap_check();
                return 128 + 2;
            }
            jobs[j].state = J_DONE;
            break;
        }
        note(r, st);
    }
    return job_code(j);
}

int job_builtin_wait(int argc, char **argv)
{
    int i, code = 0, j;
    if (argc < 2) {
        for (j = 0; j < MAXJOBS; j++) {
            if (jobs[j].used && jobs[j].state == J_RUNNING)
                wait_job(j);
            if (jobs[j].used && jobs[j].state == J_DONE) {
                free(jobs[j].cmd);
                jobs[j].used = 0;
            }
        }
        return 0;
    }
    for (i = 1; i < argc; i++) {
        j = job_index(argv[i]);
        if (j < 0) {
            code = 127;
            continue;
        }
        code = wait_job(j);
        if (jobs[j].state == J_DONE) {
            int k;
            /* $pid of one process: its own status */
            for (k = 0; k < jobs[j].n; k++)
                if (argv[i][0] != '%' && jobs[j].pids[k] == (pid_t) atoi(argv[i])
                        && jobs[j].status[k] != -1)
                    code = wait_status_code(jobs[j].status[k]);
            free(jobs[j].cmd);
            jobs[j].used = 0;
        }
    }
    return code;
}

void job_report_done(void)
{
    int st, j;
    pid_t r;
    while ((r = waitpid(-1, &st, reap_options())) > 0) {
        j = note(r, st);
        if (j && sh.interactive)
            fprintf(stderr, "[%d] Stopped %s\n", j, jobs[j - 1].cmd);
    }
    for (j = 0; j < MAXJOBS; j++) {
        if (jobs[j].used && jobs[j].state == J_DONE && sh.interactive) {
            fprintf(stderr, "[%d] Done %s\n", j + 1, jobs[j].cmd);
            free(jobs[j].cmd);
            jobs[j].used = 0;
        }
    }
}

int job_builtin_jobs(int argc, char **argv)
{
    int j, st;
    pid_t r;
    (void) argc; (void) argv;
    while ((r = waitpid(-1, &st, reap_options())) > 0)
        note(r, st);
    for (j = 0; j < MAXJOBS; j++) {
        if (!jobs[j].used)
            continue;
        printf("[%d] %s %s\n", j + 1, jobs[j].state == J_RUNNING ? "Running" :
               jobs[j].state == J_STOPPED ? "Stopped" : "Done", jobs[j].cmd);
        if (jobs[j].state == J_DONE) {
            free(jobs[j].cmd);
            jobs[j].used = 0;
        }
    }
    return 0;
}

int job_builtin_fg(int argc, char **argv, int bg)
{
    int j = job_index(argc > 1 ? argv[1] : NULL);
    if (j < 0) {
        sh_error("%s: no such job", argc > 1 ? argv[1] : "current");
        return 1;
    }
#if defined(SH_SIGNALS)
    printf("%s\n", jobs[j].cmd);
    fflush(stdout);
    jobs[j].state = J_RUNNING;
    if (!bg)
        give_terminal(jobs[j].pgid);
    if (kill(-jobs[j].pgid, SIGCONT) < 0)
        kill(jobs[j].pgid, SIGCONT);
    if (bg)
        return 0;
    {
        pid_t pids[16];
        int n = 0, k, code;
        for (k = 0; k < jobs[j].n; k++)
            if (jobs[j].status[k] == -1)
                pids[n++] = jobs[j].pids[k];
        free(jobs[j].cmd);
        jobs[j].used = 0;
        code = job_wait_fg(jobs[j].pgid, pids, n);
        return code;
    }
#else
    (void) bg;
    sh_error("fg/bg: no job control on this system yet");
    return 1;
#endif
}
