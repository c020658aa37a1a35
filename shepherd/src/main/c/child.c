#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const stage_names[] = {
    [STAGE_READY] = "ready",       [STAGE_SESSION] = "session", [STAGE_TTY] = "tty",
    [STAGE_STDIO] = "stdio",       [STAGE_RLIMIT] = "rlimit",   [STAGE_GROUPS] = "groups",
    [STAGE_GID] = "gid",           [STAGE_UID] = "uid",         [STAGE_IDENTITY] = "identity",
    [STAGE_STDIN] = "stdin",       [STAGE_STDOUT] = "stdout",   [STAGE_STDERR] = "stderr",
    [STAGE_CHDIR] = "chdir",       [STAGE_EXEC] = "exec",
};

const char *stage_name(int stage)
{
    if (stage < 0 || stage > STAGE_EXEC)
        return "unknown";
    return stage_names[stage];
}

int stage_exit_code(int stage, int err)
{
    if (stage != STAGE_EXEC)
        return 125;
    return err == ENOENT ? 127 : 126;
}

static void report(int fd, int stage, int err)
{
    struct child_report r = {stage, err};
    ssize_t w;
    do
        w = write(fd, &r, sizeof r);
    while (w < 0 && errno == EINTR);
}

static _Noreturn void fail(int fd, int stage, int err)
{
    report(fd, stage, err);
    _exit(stage_exit_code(stage, err));
}

static void reset_signals(void)
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; sig++)
        sigaction(sig, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

static int move_fd(int from, int to)
{
    if (from == to)
        return 0;
    return dup2(from, to) < 0 ? -1 : 0;
}

static int same_groups(const struct spec *s)
{
    int n = getgroups(0, NULL);
    if (n < 0 || (size_t)n != s->ngroups)
        return 0;
    gid_t *have = malloc(((size_t)n + 1) * sizeof *have);
    if (!have || getgroups(n, have) != n) {
        free(have);
        return 0;
    }
    int all = 1;
    for (size_t i = 0; i < s->ngroups && all; i++) {
        int found = 0;
        for (int j = 0; j < n && !found; j++)
            found = have[j] == s->groups[i];
        all = found;
    }
    free(have);
    return all;
}

/* As root: switch to the spec's ids and prove the switch cannot be undone. */
static void become_user(const struct spec *s, int fd)
{
    if (geteuid() != 0) {
        /* Without privileges nothing can change; the spec may only restate who we are. */
        if (s->has_uid && (getuid() != s->uid || geteuid() != s->uid))
            fail(fd, STAGE_UID, EPERM);
        if (s->has_uid && (getgid() != s->gid || getegid() != s->gid))
            fail(fd, STAGE_GID, EPERM);
        if (s->has_groups && !same_groups(s))
            fail(fd, STAGE_GROUPS, EPERM);
        return;
    }
    if (setgroups(s->ngroups, s->groups) != 0)
        fail(fd, STAGE_GROUPS, errno);
    if (setresgid(s->gid, s->gid, s->gid) != 0)
        fail(fd, STAGE_GID, errno);
    if (setresuid(s->uid, s->uid, s->uid) != 0)
        fail(fd, STAGE_UID, errno);
    uid_t ru, eu, su;
    gid_t rg, eg, sg;
    if (getresuid(&ru, &eu, &su) != 0 || getresgid(&rg, &eg, &sg) != 0)
        fail(fd, STAGE_IDENTITY, errno);
    if (ru != s->uid || eu != s->uid || su != s->uid || rg != s->gid || eg != s->gid || sg != s->gid ||
        !same_groups(s))
        fail(fd, STAGE_IDENTITY, EPERM);
    if (s->uid != 0 && (setuid(0) == 0 || seteuid(0) == 0))
        fail(fd, STAGE_IDENTITY, EPERM);
}

static void open_onto(const struct stdio_spec *io, int target, int stage, int fd)
{
    int flags = target == 0 ? O_RDONLY : O_WRONLY | O_CREAT | (io->append ? O_APPEND : O_TRUNC);
    /* O_NONBLOCK: a FIFO without a peer fails (ENXIO) or opens at once instead of hanging setup. */
    int f = open(io->path, flags | O_NOCTTY | O_NONBLOCK, 0666);
    if (f < 0)
        fail(fd, stage, errno);
    int fl = fcntl(f, F_GETFL);
    if (fl < 0 || fcntl(f, F_SETFL, fl & ~O_NONBLOCK) != 0 || move_fd(f, target) != 0)
        fail(fd, stage, errno);
    if (f != target)
        close(f);
}

static const char *env_path(char *const *envp)
{
    for (; *envp; envp++)
        if (strncmp(*envp, "PATH=", 5) == 0)
            return *envp + 5;
    return "/usr/bin:/bin";
}

/* execve, searching the spec's own PATH when the name has no slash (execvp rules, no sh fallback). */
static void exec_program(const struct spec *s, int fd)
{
    const char *file = s->exec ? s->exec : s->argv[0];
    if (strchr(file, '/')) {
        execve(file, s->argv, s->envp);
        fail(fd, STAGE_EXEC, errno);
    }
    const char *path = env_path(s->envp);
    size_t flen = strlen(file);
    int saw_eacces = 0;
    char candidate[PATH_MAX];
    for (const char *dir = path;; ) {
        const char *end = strchr(dir, ':');
        size_t dlen = end ? (size_t)(end - dir) : strlen(dir);
        if (dlen + 1 + flen < sizeof candidate) {
            /* An empty entry means the current directory, as in execvp. */
            if (dlen == 0)
                memcpy(candidate, file, flen + 1);
            else {
                memcpy(candidate, dir, dlen);
                candidate[dlen] = '/';
                memcpy(candidate + dlen + 1, file, flen + 1);
            }
            execve(candidate, s->argv, s->envp);
            switch (errno) {
            case EACCES:
                saw_eacces = 1;
                break;
            case ENOENT:
            case ENOTDIR:
            case ESTALE:
            case ENODEV:
            case ETIMEDOUT:
                break;
            default:
                fail(fd, STAGE_EXEC, errno);
            }
        }
        if (!end)
            break;
        dir = end + 1;
    }
    fail(fd, STAGE_EXEC, saw_eacces ? EACCES : ENOENT);
}

void child_run(const struct spec *s, const struct child_io *io, int fd)
{
    reset_signals();

    if (io->tty) {
        if (setsid() < 0)
            fail(fd, STAGE_SESSION, errno);
        int t = open(io->tty, O_RDWR);
        if (t < 0 || ioctl(t, TIOCSCTTY, 0) != 0)
            fail(fd, STAGE_TTY, errno);
        if (move_fd(t, 0) != 0 || move_fd(t, 1) != 0 || move_fd(t, 2) != 0)
            fail(fd, STAGE_TTY, errno);
        if (t > 2)
            close(t);
    } else if (setpgid(0, 0) != 0)
        fail(fd, STAGE_SESSION, errno);
    report(fd, STAGE_READY, 0);

    if ((io->in >= 0 && move_fd(io->in, 0) != 0) || (io->out >= 0 && move_fd(io->out, 1) != 0) ||
        (io->err >= 0 && move_fd(io->err, 2) != 0))
        fail(fd, STAGE_STDIO, errno);

    /* Limits before the identity switch: only root may raise a hard limit. */
    for (size_t i = 0; i < s->nlimits; i++)
        if (setrlimit(s->limits[i].resource, &s->limits[i].value) != 0)
            fail(fd, STAGE_RLIMIT, errno);

    become_user(s, fd);
    umask(s->umask);

    /* After the switch, so a user-chosen path is opened with the user's rights only. */
    if (!io->tty) {
        if (s->in.kind == STDIO_PATH)
            open_onto(&s->in, 0, STAGE_STDIN, fd);
        if (s->out.kind == STDIO_PATH)
            open_onto(&s->out, 1, STAGE_STDOUT, fd);
        if (s->err.kind == STDIO_PATH)
            open_onto(&s->err, 2, STAGE_STDERR, fd);
        if (s->err.kind == STDIO_STDOUT && dup2(1, 2) < 0)
            fail(fd, STAGE_STDERR, errno);
    }

    if (chdir(s->cwd) != 0)
        fail(fd, STAGE_CHDIR, errno);
    exec_program(s, fd);
    fail(fd, STAGE_EXEC, ENOENT);
}
