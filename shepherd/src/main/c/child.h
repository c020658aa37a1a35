/*
 * The forked child: becomes the program. Sets up session, stdio, limits,
 * identity, umask and cwd in that order, then execve. Every failure is sent to
 * the shepherd as a child_report before the child exits.
 */
#ifndef LINUXSSI_CHILD_H
#define LINUXSSI_CHILD_H

#include "spec.h"

/* Setup steps, in the order the child runs them; each names a failure. */
enum stage {
    STAGE_READY = 0, /* not a failure: the process group exists, signals can be sent */
    STAGE_SESSION,
    STAGE_TTY,
    STAGE_STDIO,
    STAGE_RLIMIT,
    STAGE_GROUPS,
    STAGE_GID,
    STAGE_UID,
    STAGE_IDENTITY,
    STAGE_STDIN,
    STAGE_STDOUT,
    STAGE_STDERR,
    STAGE_CHDIR,
    STAGE_EXEC,
};

/* One fixed-size record on the report pipe (smaller than PIPE_BUF, so atomic). */
struct child_report {
    int stage;
    int err;
};

/* Descriptors the shepherd opened before fork; -1 where the child opens or joins itself. */
struct child_io {
    int in, out, err;
    const char *tty; /* pty slave path in pty mode, else NULL */
};

const char *stage_name(int stage);

/* The exit code a shell-like caller sees: 127 program not found, 126 not runnable, 125 setup failed. */
int stage_exit_code(int stage, int err);

_Noreturn void child_run(const struct spec *s, const struct child_io *io, int report_fd);

#endif
