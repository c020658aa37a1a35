/*
 * linuxssi-shepherd: starts one program for the node daemon, outlives the
 * daemon, and records how the program ended. See README.md for the contract.
 *
 * Flow: launcher (validate, fork, wait for "ok") -> shepherd (setsid, state
 * files, fork the program) -> supervise (reap, forward signals, relay a pty,
 * obey ctl) -> write status -> exit.
 */
#include "child.h"
#include "kv.h"
#include "names.h"
#include "spec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#ifndef SHEPHERD_VERSION
#define SHEPHERD_VERSION "dev"
#endif

/* sysexits.h values: the launcher's exit code tells the daemon whose fault a failure was. */
#define EXIT_USAGE 64
#define EXIT_SPEC 65
#define EXIT_OSERR 71
#define EXIT_STATE_DIR 73

static const int forwarded[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGTSTP, SIGCONT, SIGWINCH};
#define NFORWARDED (sizeof forwarded / sizeof forwarded[0])

struct shepherd {
    struct spec spec;
    int dirfd;
    int ready_fd;   /* to the launcher until "ok" is sent, then -1 */
    int sigfd;
    int ctl_fd;
    int keeper_fd;  /* state_dir/stdin held open read-write: a dead daemon is not EOF */
    int master_fd;  /* pty mode */
    int spool_fd;   /* pty mode: state_dir/stdout */
    int report_fd;  /* child_report records; EOF once the program has exec'd */
    int detached;   /* stderr is shepherd.log, no longer the daemon's pipe */
    int pid_written;
    pid_t child;
    long long start_ms, end_ms;
    int reaped;
    int wstatus;
    struct rusage usage;
    int failed;
    struct child_report failure;
    int output_done;       /* pty: every slave descriptor is closed */
    char inbuf[4096];      /* pty: input read from the FIFO, not yet accepted by the terminal */
    size_t inlen;
    int eof_pending;       /* pty: send VEOF once the FIFO is drained */
    char ctlbuf[256];
    size_t ctllen;
    int ctl_overlong;
    char spool_error[128];
    int serving;                    /* started by --serve: answers go to the spawner's caller */
    unsigned long long answer_id;   /* --serve: the request this shepherd answers */
};

/* Once detached: the state directory, where shepherd.log is made by the first message (most
 * shepherds never write one, and every file made and removed per process costs the file system). */
static int log_dirfd = -1;

static void open_log_lazily(void)
{
    if (log_dirfd < 0)
        return;
    int log = openat(log_dirfd, "shepherd.log", O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0644);
    log_dirfd = -1;
    if (log >= 0 && log != 2) {
        dup2(log, 2);
        close(log);
    }
}

static void logmsg(const char *fmt, ...)
{
    open_log_lazily();
    char line[512], when[32];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    time_t now = time(NULL);
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", localtime_r(&now, &tm));
    fprintf(stderr, "%s linuxssi-shepherd[%d]: %s\n", when, (int)getpid(), line);
    fflush(stderr);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

static int write_pid_file(struct shepherd *sh, const char *name, pid_t pid)
{
    char text[24];
    struct buf b = {0};
    int n = snprintf(text, sizeof text, "%d\n", (int)pid);
    buf_add(&b, text, (size_t)n);
    int rc = write_file_atomic(sh->dirfd, name, &b);
    buf_free(&b);
    return rc;
}

/* Before "ok": tell the launcher what went wrong, undo the pid file, stop. */
static _Noreturn void launch_fail(struct shepherd *sh, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (sh->pid_written)
        unlinkat(sh->dirfd, "pid", 0);
    if (sh->detached)
        logmsg("%s", msg);
    if (sh->ready_fd >= 0 && sh->serving) {
        char line[700];
        int n = snprintf(line, sizeof line, "%llu %d linuxssi-shepherd: %s", sh->answer_id, EXIT_OSERR, msg);
        if (n < 0 || (size_t)n >= sizeof line - 1)
            n = (int)sizeof line - 2;
        for (int i = 0; i < n; i++)
            if (line[i] == '\n' || line[i] == '\r')
                line[i] = ' ';
        line[n] = '\n';
        write_all(sh->ready_fd, line, (size_t)n + 1);
    } else if (sh->ready_fd >= 0) {
        write_all(sh->ready_fd, msg, strlen(msg));
        write_all(sh->ready_fd, "\n", 1);
    }
    _exit(EXIT_OSERR);
}

/* The program is forked and its group exists: "ok" to the launcher, or "ID 0" to the spawner's caller. */
static void answer_ok(struct shepherd *sh)
{
    char line[32];
    int n = sh->serving ? snprintf(line, sizeof line, "%llu 0\n", sh->answer_id) : snprintf(line, sizeof line, "ok\n");
    write_all(sh->ready_fd, line, (size_t)n);
    close(sh->ready_fd);
    sh->ready_fd = -1;
}

/* --- setup ------------------------------------------------------------------ */

/* The daemon (a JVM) may leave descriptors open; none of them belong to the program. */
static void close_inherited_fds(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
            _exit(EXIT_OSERR);
    int fds[256];
    size_t n;
    do {
        DIR *d = opendir("/proc/self/fd");
        if (!d) {
            long max = sysconf(_SC_OPEN_MAX);
            for (int fd = 3; fd < (max > 0 && max < 65536 ? max : 65536); fd++)
                close(fd);
            return;
        }
        int own = dirfd(d);
        struct dirent *e;
        n = 0;
        while ((e = readdir(d)) && n < sizeof fds / sizeof fds[0]) {
            int fd = atoi(e->d_name);
            if (fd > 2 && fd != own)
                fds[n++] = fd;
        }
        closedir(d);
        for (size_t i = 0; i < n; i++)
            close(fds[i]);
    } while (n == sizeof fds / sizeof fds[0]);
}

static void prepare_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    for (size_t i = 0; i < NFORWARDED; i++)
        sigaddset(&set, forwarded[i]);
    sigprocmask(SIG_BLOCK, &set, old);
    /* An ignored signal is discarded, never queued: restore defaults so signalfd sees every one. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigaction(SIGCHLD, &sa, NULL);
    for (size_t i = 0; i < NFORWARDED; i++)
        sigaction(forwarded[i], &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
}

static int open_fifo(struct shepherd *sh, const char *name, int flags)
{
    if (mkfifoat(sh->dirfd, name, 0600) != 0 && errno != EEXIST)
        launch_fail(sh, "cannot create FIFO %s/%s: %s", sh->spec.state_dir, name, strerror(errno));
    int fd = openat(sh->dirfd, name, flags | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode))
        launch_fail(sh, "cannot open FIFO %s/%s: %s", sh->spec.state_dir, name,
                    fd < 0 ? strerror(errno) : "exists and is not a FIFO");
    return fd;
}

static int open_spool(struct shepherd *sh, const char *name)
{
    /* A restored program continues its spool: the daemon made it as long as the output already delivered. */
    int trunc = sh->spec.restore ? 0 : O_TRUNC;
    int fd = openat(sh->dirfd, name, O_WRONLY | O_CREAT | trunc | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        launch_fail(sh, "cannot create spool %s/%s: %s", sh->spec.state_dir, name, strerror(errno));
    return fd;
}

static int open_null(struct shepherd *sh, int flags)
{
    int fd = open("/dev/null", flags | O_CLOEXEC);
    if (fd < 0)
        launch_fail(sh, "cannot open /dev/null: %s", strerror(errno));
    return fd;
}

static int clear_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
}

static void prepare_pty(struct shepherd *sh, struct child_io *io, char *slave, size_t slavelen)
{
    const struct spec *s = &sh->spec;
    sh->master_fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (sh->master_fd < 0 || fcntl(sh->master_fd, F_SETFD, FD_CLOEXEC) != 0 || grantpt(sh->master_fd) != 0 || unlockpt(sh->master_fd) != 0 ||
        ptsname_r(sh->master_fd, slave, slavelen) != 0)
        launch_fail(sh, "cannot allocate a pseudo-terminal: %s", strerror(errno));
    /* Like sshd: the terminal belongs to the user, so mesg, write and screen work. */
    if (geteuid() == 0 && (chown(slave, s->uid, (gid_t)-1) != 0 || chmod(slave, 0620) != 0))
        launch_fail(sh, "cannot give %s to uid %u: %s", slave, (unsigned)s->uid, strerror(errno));
    struct winsize ws = {.ws_row = s->rows, .ws_col = s->cols};
    if (ioctl(sh->master_fd, TIOCSWINSZ, &ws) != 0 ||
        fcntl(sh->master_fd, F_SETFL, fcntl(sh->master_fd, F_GETFL) | O_NONBLOCK) != 0)
        launch_fail(sh, "cannot set up %s: %s", slave, strerror(errno));
    sh->keeper_fd = open_fifo(sh, "stdin", O_RDWR | O_NONBLOCK);
    sh->spool_fd = open_spool(sh, "stdout");
    io->tty = slave;
}

static void prepare_stdio(struct shepherd *sh, struct child_io *io)
{
    const struct spec *s = &sh->spec;
    switch (s->in.kind) {
    case STDIO_NULL:
        io->in = open_null(sh, O_RDONLY);
        break;
    case STDIO_FIFO:
        /* The shepherd's read-write descriptor keeps a writer on the FIFO, so the program reads
         * EOF only after "stdin-eof" on ctl, never because a daemon died. */
        sh->keeper_fd = open_fifo(sh, "stdin", O_RDWR);
        io->in = open_fifo(sh, "stdin", O_RDONLY | O_NONBLOCK);
        if (clear_nonblock(io->in) != 0)
            launch_fail(sh, "cannot set up FIFO stdin: %s", strerror(errno));
        break;
    default:
        break;
    }
    switch (s->out.kind) {
    case STDIO_NULL:
        io->out = open_null(sh, O_WRONLY);
        break;
    case STDIO_SPOOL:
        io->out = open_spool(sh, "stdout");
        break;
    default:
        break;
    }
    switch (s->err.kind) {
    case STDIO_NULL:
        io->err = open_null(sh, O_WRONLY);
        break;
    case STDIO_SPOOL:
        io->err = open_spool(sh, "stderr");
        break;
    default:
        break;
    }
}

/* The shepherd's own stdio: nothing from the daemon; diagnostics to state_dir/shepherd.log, made
 * when the first one is written. */
static void detach_stdio(struct shepherd *sh)
{
    int null = open("/dev/null", O_RDWR);
    if (null < 0)
        launch_fail(sh, "cannot open /dev/null: %s", strerror(errno));
    if (dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
        launch_fail(sh, "cannot redirect stdio: %s", strerror(errno));
    if (null > 2)
        close(null);
    log_dirfd = sh->dirfd;
    sh->detached = 1;
}

static int read_report(struct shepherd *sh, int nonblocking)
{
    struct child_report r;
    for (;;) {
        ssize_t n = read(sh->report_fd, &r, sizeof r);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN && nonblocking)
            return 1;
        if (n == (ssize_t)sizeof r) {
            if (r.stage != STAGE_READY && !sh->failed) {
                sh->failed = 1;
                sh->failure = r;
            }
            return 1;
        }
        close(sh->report_fd);
        sh->report_fd = -1;
        return 0;
    }
}

/* --- supervision ---------------------------------------------------------------- */

static void reap(struct shepherd *sh)
{
    int st;
    struct rusage ru;
    pid_t r;
    do
        r = wait4(sh->child, &st, WNOHANG, &ru);
    while (r < 0 && errno == EINTR);
    if (r == sh->child) {
        sh->end_ms = now_ms();
        sh->reaped = 1;
        sh->wstatus = st;
        sh->usage = ru;
    }
}

static void on_signals(struct shepherd *sh)
{
    struct signalfd_siginfo si;
    while (read(sh->sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
        int sig = (int)si.ssi_signo;
        if (sig == SIGCHLD)
            reap(sh);
        else if (!sh->reaped && kill(-sh->child, sig) != 0 && errno != ESRCH)
            logmsg("cannot forward %s to process group %d: %s", signal_name(sig), (int)sh->child, strerror(errno));
    }
}

static void spool_output(struct shepherd *sh, const char *data, size_t n)
{
    if (sh->spool_error[0])
        return;
    if (write_all(sh->spool_fd, data, n) != 0) {
        snprintf(sh->spool_error, sizeof sh->spool_error, "%s", strerror(errno));
        logmsg("terminal output is being dropped: cannot write %s/stdout: %s", sh->spec.state_dir, sh->spool_error);
    }
}

/* Moves everything the terminal has to the spool; returns when it would block or has ended. */
static void pump_output(struct shepherd *sh)
{
    char chunk[65536];
    while (!sh->output_done) {
        ssize_t r = read(sh->master_fd, chunk, sizeof chunk);
        if (r > 0)
            spool_output(sh, chunk, (size_t)r);
        else if (r < 0 && errno == EINTR)
            continue;
        else if (r < 0 && errno == EAGAIN)
            return;
        else {
            /* EIO: every slave descriptor is closed; nothing more can come. */
            sh->output_done = 1;
            sh->inlen = 0;
        }
    }
}

static void flush_input(struct shepherd *sh)
{
    while (sh->inlen > 0 && !sh->output_done) {
        ssize_t w = write(sh->master_fd, sh->inbuf, sh->inlen);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && errno == EAGAIN)
            return;
        if (w < 0) {
            sh->inlen = 0;
            return;
        }
        memmove(sh->inbuf, sh->inbuf + w, sh->inlen - (size_t)w);
        sh->inlen -= (size_t)w;
    }
}

static void pump_input(struct shepherd *sh)
{
    while (sh->inlen < sizeof sh->inbuf) {
        ssize_t r = read(sh->keeper_fd, sh->inbuf + sh->inlen, sizeof sh->inbuf - sh->inlen);
        if (r > 0) {
            sh->inlen += (size_t)r;
            continue;
        }
        if (r < 0 && errno == EINTR)
            continue;
        if (sh->eof_pending) {
            /* The FIFO is drained, so the EOF lands after everything written before "stdin-eof". */
            struct termios t;
            cc_t veof = 4;
            if (tcgetattr(sh->master_fd, &t) == 0 && t.c_cc[VEOF] != _POSIX_VDISABLE)
                veof = t.c_cc[VEOF];
            sh->inbuf[sh->inlen++] = (char)veof;
            sh->eof_pending = 0;
        }
        break;
    }
    flush_input(sh);
}

static void run_command(struct shepherd *sh, const char *cmd)
{
    unsigned rows, cols;
    char tail;
    if (strcmp(cmd, "stdin-eof") == 0) {
        if (sh->spec.pty) {
            sh->eof_pending = 1;
            pump_input(sh);
        } else if (sh->spec.in.kind == STDIO_FIFO) {
            if (sh->keeper_fd >= 0)
                close(sh->keeper_fd);
            sh->keeper_fd = -1;
        } else
            logmsg("ctl: stdin-eof ignored: stdin is not a FIFO");
    } else if (sscanf(cmd, "winsize %u %u%c", &rows, &cols, &tail) == 2) {
        struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
        if (!sh->spec.pty)
            logmsg("ctl: winsize ignored: the program has no terminal (pty=0)");
        else if (rows < 1 || rows > 65535 || cols < 1 || cols > 65535)
            logmsg("ctl: winsize %u %u ignored: sizes go from 1 to 65535", rows, cols);
        else if (ioctl(sh->master_fd, TIOCSWINSZ, &ws) != 0)
            logmsg("ctl: winsize failed: %s", strerror(errno));
    } else
        logmsg("ctl: unknown command '%s' (allowed: stdin-eof, winsize ROWS COLS)", cmd);
}

static void on_ctl(struct shepherd *sh)
{
    char chunk[512];
    ssize_t r;
    while ((r = read(sh->ctl_fd, chunk, sizeof chunk)) > 0) {
        for (ssize_t i = 0; i < r; i++) {
            if (chunk[i] == '\n') {
                sh->ctlbuf[sh->ctllen] = '\0';
                if (sh->ctl_overlong)
                    logmsg("ctl: command longer than %zu bytes ignored", sizeof sh->ctlbuf - 1);
                else if (sh->ctllen > 0)
                    run_command(sh, sh->ctlbuf);
                sh->ctllen = 0;
                sh->ctl_overlong = 0;
            } else if (sh->ctllen < sizeof sh->ctlbuf - 1)
                sh->ctlbuf[sh->ctllen++] = chunk[i];
            else
                sh->ctl_overlong = 1;
        }
    }
}

static void supervise(struct shepherd *sh)
{
    while (!sh->reaped) {
        struct pollfd p[5];
        int n = 0, isig, ictl, imaster = -1, iin = -1;
        p[isig = n++] = (struct pollfd){.fd = sh->sigfd, .events = POLLIN};
        p[ictl = n++] = (struct pollfd){.fd = sh->ctl_fd, .events = POLLIN};
        /* The report pipe is read after the reap (below), not polled: its "ready" record and its end
         * of file at execve would wake the shepherd twice while the program starts, and on a busy
         * machine each wake-up makes the program wait for a CPU. Its two records fit any pipe. */
        if (sh->spec.pty && !sh->output_done) {
            p[imaster = n++] = (struct pollfd){.fd = sh->master_fd, .events = POLLIN | (sh->inlen ? POLLOUT : 0)};
            if (sh->inlen < sizeof sh->inbuf)
                p[iin = n++] = (struct pollfd){.fd = sh->keeper_fd, .events = POLLIN};
        }
        if (poll(p, (nfds_t)n, -1) < 0) {
            if (errno != EINTR) {
                logmsg("poll: %s", strerror(errno));
                sleep(1);
            }
            continue;
        }
        if (p[ictl].revents)
            on_ctl(sh);
        if (imaster >= 0 && p[imaster].revents) {
            pump_output(sh);
            flush_input(sh);
            if (sh->eof_pending)
                pump_input(sh);
        }
        if (iin >= 0 && p[iin].revents)
            pump_input(sh);
        if (p[isig].revents)
            on_signals(sh);
    }
    /* The program is gone: collect its failure report and whatever it left in the terminal. */
    while (sh->report_fd >= 0)
        read_report(sh, 0);
    if (sh->spec.pty)
        pump_output(sh);
}

static void write_status(struct shepherd *sh)
{
    struct buf b = {0};
    int core = 0;
    kv_put(&b, "version", "1");
    if (sh->failed) {
        kv_put(&b, "outcome", sh->failure.stage == STAGE_EXEC ? "exec_failed" : "setup_failed");
        kv_put_num(&b, "exit_code", stage_exit_code(sh->failure.stage, sh->failure.err));
    } else if (WIFEXITED(sh->wstatus)) {
        kv_put(&b, "outcome", "exited");
        kv_put_num(&b, "exit_code", WEXITSTATUS(sh->wstatus));
    } else {
        int sig = WTERMSIG(sh->wstatus);
        core = WCOREDUMP(sh->wstatus) ? 1 : 0;
        kv_put(&b, "outcome", "killed");
        kv_put_num(&b, "signal", sig);
        kv_put(&b, "signal_name", signal_name(sig));
    }
    kv_put_num(&b, "core_dumped", core);
    kv_put_num(&b, "utime_us", (long long)sh->usage.ru_utime.tv_sec * 1000000 + sh->usage.ru_utime.tv_usec);
    kv_put_num(&b, "stime_us", (long long)sh->usage.ru_stime.tv_sec * 1000000 + sh->usage.ru_stime.tv_usec);
    kv_put_num(&b, "maxrss_kb", sh->usage.ru_maxrss);
    kv_put_num(&b, "start_ms", sh->start_ms);
    kv_put_num(&b, "end_ms", sh->end_ms);
    if (sh->failed) {
        kv_put(&b, "error_stage", stage_name(sh->failure.stage));
        kv_put_num(&b, "errno", sh->failure.err);
        kv_put(&b, "errno_name", errno_name(sh->failure.err));
        kv_put(&b, "error", strerror(sh->failure.err));
    }
    if (sh->spool_error[0])
        kv_put(&b, "spool_error", sh->spool_error);
    if (write_file_atomic(sh->dirfd, "status", &b) != 0) {
        logmsg("cannot write %s/status: %s", sh->spec.state_dir, strerror(errno));
        _exit(1);
    }
    buf_free(&b);
}

/*
 * Restore mode: criu, our child, restores the program with --restore-sibling, which makes the
 * restored process a child of criu's parent: this shepherd. criu exits once the program runs; the
 * shepherd then supervises the program exactly as one it forked. Never returns.
 */
static _Noreturn void restore_and_adopt(struct shepherd *sh, struct child_io *io)
{
    const struct spec *s = &sh->spec;
    char pidfile[4200], logfile[4200];
    snprintf(pidfile, sizeof pidfile, "%s/restored.pid", s->state_dir);
    snprintf(logfile, sizeof logfile, "%s/restore.log", s->state_dir);
    /* criu's own complaints on stderr belong in shepherd.log too. */
    open_log_lazily();
    sh->start_ms = now_ms();
    pid_t criu = fork();
    if (criu < 0)
        launch_fail(sh, "cannot fork criu: %s", strerror(errno));
    if (criu == 0) {
        close(sh->ready_fd);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        /* criu keeps its own 0-2 (null, null, shepherd.log); the program's streams go over as high fds. */
        int passed[3] = {fcntl(io->in, F_DUPFD, 100), fcntl(io->out, F_DUPFD, 100),
                         fcntl(s->err.kind == STDIO_STDOUT ? io->out : io->err, F_DUPFD, 100)};
        if (passed[0] < 0 || passed[1] < 0 || passed[2] < 0)
            _exit(126);
        char **argv = xmalloc((14 + 2 * s->ninherit) * sizeof *argv);
        size_t n = 0;
        argv[n++] = s->criu;
        argv[n++] = "restore";
        argv[n++] = "-D";
        argv[n++] = s->restore;
        argv[n++] = "--shell-job";
        argv[n++] = "--restore-detached";
        argv[n++] = "--restore-sibling";
        argv[n++] = "--pidfile";
        argv[n++] = pidfile;
        argv[n++] = "-o";
        argv[n++] = logfile;
        argv[n++] = "-v2";
        for (size_t i = 0; i < s->ninherit; i++) {
            char *spec = xmalloc(strlen(s->inherit[i]) + 16);
            const char *colon = strchr(s->inherit[i], ':');
            sprintf(spec, "fd[%d]:%s", passed[atoi(s->inherit[i])], colon + 1);
            argv[n++] = "--inherit-fd";
            argv[n++] = spec;
        }
        argv[n] = NULL;
        char *envp[] = {"CRIU_FAULT=130", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL};
        execve(s->criu, argv, envp);
        _exit(127);
    }
    int st;
    while (waitpid(criu, &st, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        launch_fail(sh, "criu restore failed (%s %d; see %s)", WIFEXITED(st) ? "exit" : "signal",
                    WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st), logfile);
    FILE *f = fopen(pidfile, "re");
    int pid = 0;
    if (!f || fscanf(f, "%d", &pid) != 1 || pid <= 0) {
        if (f)
            fclose(f);
        launch_fail(sh, "criu restore wrote no pid to %s", pidfile);
    }
    fclose(f);
    /* Only our own child can be supervised: WNOHANG answers 0 for a live child, ECHILD for a stranger. */
    if (waitpid(pid, NULL, WNOHANG) != 0) {
        kill(pid, SIGKILL);
        launch_fail(sh, "the restored process %d is not the shepherd's child (criu without --restore-sibling?)", pid);
    }
    sh->child = pid;
    if (io->in >= 0)
        close(io->in);
    if (io->out >= 0)
        close(io->out);
    if (io->err >= 0)
        close(io->err);
    if (write_pid_file(sh, "child", sh->child) != 0) {
        int e = errno;
        kill(sh->child, SIGKILL);
        waitpid(sh->child, NULL, 0);
        launch_fail(sh, "cannot write %s/child: %s", sh->spec.state_dir, strerror(e));
    }
    answer_ok(sh);
    supervise(sh);
    write_status(sh);
    _exit(0);
}

/* What the program's process runs on before its execve (spawn_program). */
struct program_start {
    const struct spec *spec;
    const struct child_io *io;
    int ready_fd;
    int report_read, report_write;
};

static int program_main(void *arg)
{
    const struct program_start *p = arg;
    if (p->ready_fd >= 0)
        close(p->ready_fd);
    close(p->report_read);
    child_run(p->spec, p->io, p->report_write);
}

/* The program's stack until its execve; only this shepherd's one program ever runs on it. */
static char program_stack[256 * 1024] __attribute__((aligned(64)));

/*
 * Starts the program's process as posix_spawn does: clone(CLONE_VM | CLONE_VFORK) on a stack of
 * its own, so no copy of the shepherd's page tables is made and none of its pages is copied on
 * write afterwards (a fork costs about half a fork/exec of /bin/true on a virtual machine). The
 * child shares the shepherd's memory until its execve or _exit, while the shepherd waits: child_run
 * only makes system calls, writes to its own stack and reports through the pipe. Every signal is
 * blocked meanwhile, so no handler of the shepherd runs on the child's stack; child_run resets them.
 */
static pid_t spawn_program(struct shepherd *sh, const struct child_io *io, const int rep[2])
{
    struct program_start start = {.spec = &sh->spec, .io = io, .ready_fd = sh->ready_fd,
                                  .report_read = rep[0], .report_write = rep[1]};
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &old);
    pid_t pid = clone(program_main, program_stack + sizeof program_stack, CLONE_VM | CLONE_VFORK | SIGCHLD,
                      &start);
    int e = errno;
    sigprocmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return pid;
}

/* The detached shepherd: never returns to the launcher's code. */
static _Noreturn void shepherd_main(struct shepherd *sh)
{
    if (setsid() < 0)
        launch_fail(sh, "setsid: %s", strerror(errno));
    umask(022);
    /* The state directory is the shepherd's cwd: /proc/PID/cwd names it (after the daemon's rename
     * too), which tells a restarted daemon this pid is still this process's shepherd. */
    if (fchdir(sh->dirfd) != 0)
        launch_fail(sh, "cannot enter %s: %s", sh->spec.state_dir, strerror(errno));
    detach_stdio(sh);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    for (size_t i = 0; i < NFORWARDED; i++)
        sigaddset(&set, forwarded[i]);
    sh->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (sh->sigfd < 0)
        launch_fail(sh, "signalfd: %s", strerror(errno));
    /* Its commands act on a terminal or an input FIFO: a program without either (a DRMAA job) gets
     * no ctl, one file fewer made and removed per process. */
    if (sh->spec.pty || sh->spec.in.kind == STDIO_FIFO || sh->spec.restore)
        sh->ctl_fd = open_fifo(sh, "ctl", O_RDWR | O_NONBLOCK);

    struct child_io io = {.in = -1, .out = -1, .err = -1, .tty = NULL};
    char slave[64];
    if (sh->spec.pty)
        prepare_pty(sh, &io, slave, sizeof slave);
    else
        prepare_stdio(sh, &io);

    if (write_pid_file(sh, "pid", getpid()) != 0)
        launch_fail(sh, "cannot write %s/pid: %s", sh->spec.state_dir, strerror(errno));
    sh->pid_written = 1;

    if (sh->spec.restore)
        restore_and_adopt(sh, &io);

    int rep[2];
    if (pipe2(rep, O_CLOEXEC) != 0)
        launch_fail(sh, "pipe: %s", strerror(errno));
    sh->start_ms = now_ms();
    sh->child = spawn_program(sh, &io, rep);
    if (sh->child < 0)
        launch_fail(sh, "cannot fork the program: %s", strerror(errno));
    close(rep[1]);
    sh->report_fd = rep[0];
    if (io.in >= 0)
        close(io.in);
    if (io.out >= 0)
        close(io.out);
    if (io.err >= 0)
        close(io.err);

    /* The process group must exist before "child" is written, so a daemon that reads it can signal
     * it. Without a terminal the shepherd makes the group itself (the child does the same, whichever
     * runs first: the shells' recipe), so the answer need not wait for the child to be scheduled;
     * EACCES means the child has exec'd, after its own setpgid. A terminal needs the child's setsid. */
    if (sh->spec.pty || (setpgid(sh->child, sh->child) != 0 && errno != EACCES))
        read_report(sh, 0);
    if (write_pid_file(sh, "child", sh->child) != 0) {
        int e = errno;
        kill(sh->child, SIGKILL);
        waitpid(sh->child, NULL, 0);
        launch_fail(sh, "cannot write %s/child: %s", sh->spec.state_dir, strerror(e));
    }
    answer_ok(sh);

    if (sh->report_fd >= 0)
        fcntl(sh->report_fd, F_SETFL, O_NONBLOCK);
    supervise(sh);
    write_status(sh);
    _exit(0);
}

/* --- launcher ---------------------------------------------------------------------- */

/* The answer of a launch: an exit code of the table in README.md and, unless 0, one line. */
struct answer {
    int code;
    char msg[1024];
};

static int refuse(struct answer *a, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(a->msg, sizeof a->msg, "linuxssi-shepherd: ");
    vsnprintf(a->msg + n, sizeof a->msg - (size_t)n, fmt, ap);
    va_end(ap);
    a->code = code;
    return code;
}

/*
 * What is checked before the shepherd is forked: the spec, the identity rule, a fresh state
 * directory (opened into sh->dirfd). Returns 0 or the exit code, with the message in a.
 */
static int prepare_launch(const char *spec_path, struct shepherd *sh, struct answer *a)
{
    memset(sh, 0, sizeof *sh);
    sh->ctl_fd = sh->keeper_fd = sh->master_fd = sh->spool_fd = sh->report_fd = sh->ready_fd = sh->dirfd = -1;
    a->code = 0;
    a->msg[0] = '\0';
    char err[1024];
    if (spec_load(spec_path, &sh->spec, err, sizeof err) != 0)
        return refuse(a, EXIT_SPEC, "%s", err);
    if (geteuid() == 0 && !sh->spec.has_uid)
        return refuse(a, EXIT_SPEC, "spec %s: uid and gid are required when the shepherd runs as root "
                      "(write uid=0 and gid=0 to really run the program as root)", spec_path);
    sh->dirfd = open(sh->spec.state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (sh->dirfd < 0)
        return refuse(a, EXIT_STATE_DIR, "state_dir %s: %s (the daemon creates it before the launch)",
                      sh->spec.state_dir, strerror(errno));
    if (faccessat(sh->dirfd, "pid", F_OK, AT_SYMLINK_NOFOLLOW) == 0)
        return refuse(a, EXIT_STATE_DIR, "state_dir %s already has a pid file: each process needs a fresh "
                      "state directory", sh->spec.state_dir);
    return 0;
}

/* --spec: validate, fork the shepherd, wait until it has forked the program ("ok") or failed. */
static int launch_spec(const char *spec_path, struct answer *a)
{
    struct shepherd sh;
    if (prepare_launch(spec_path, &sh, a) != 0)
        return a->code;
    sigset_t old;
    prepare_signals(&old);
    int ready[2];
    if (pipe2(ready, O_CLOEXEC) != 0)
        return refuse(a, EXIT_OSERR, "pipe: %s", strerror(errno));
    pid_t pid = fork();
    if (pid < 0)
        return refuse(a, EXIT_OSERR, "fork: %s", strerror(errno));
    if (pid == 0) {
        close(ready[0]);
        sh.ready_fd = ready[1];
        shepherd_main(&sh);
    }
    close(ready[1]);
    sigprocmask(SIG_SETMASK, &old, NULL);

    char msg[600];
    size_t len = 0;
    while (len < sizeof msg - 1) {
        ssize_t r = read(ready[0], msg + len, sizeof msg - 1 - len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        len += (size_t)r;
        if (memchr(msg, '\n', len))
            break;
    }
    msg[len] = '\0';
    if (strcmp(msg, "ok\n") == 0)
        return 0;
    waitpid(pid, NULL, 0);
    if (len == 0)
        return refuse(a, EXIT_OSERR, "the shepherd died before starting the program");
    if (msg[len - 1] == '\n')
        msg[len - 1] = '\0';
    return refuse(a, EXIT_OSERR, "%s", msg);
}

/* --- resident spawner (--serve) ---------------------------------------------------------- */

/*
 * Protocol (README.md, "Resident spawner"): requests "ID SPEC\n" on stdin, answers "ID CODE[ MESSAGE]\n"
 * on stdout, one write() each (< PIPE_BUF, so lines of concurrent writers never mix). The spawner
 * validates the spec like the launcher and answers a refusal itself; otherwise it forks the shepherd,
 * which answers "ID 0" (or "ID 71 …") on its copy of stdout once the program is forked, so an answer
 * costs no wake-up of the spawner. Shepherds are the spawner's children while it lives: it reaps
 * them (no zombies), answers for one that died of a signal (ignored if it had answered) and says
 * "0 ended ID" for each (its status is written by then). When
 * stdin closes (the daemon stopped or died) it exits and init adopts the shepherds.
 */
#define SERVE_LINE 4096

struct pending {
    pid_t pid;
    unsigned long long id;
};

static void answer_line(int fd, unsigned long long id, const struct answer *a)
{
    char line[1200];
    int n = a->code == 0 ? snprintf(line, sizeof line, "%llu 0\n", id)
                         : snprintf(line, sizeof line, "%llu %d %s\n", id, a->code, a->msg);
    if (n < 0 || (size_t)n >= sizeof line)
        n = (int)sizeof line - 1, line[n - 1] = '\n';
    for (int i = 0; i < n - 1; i++)
        if (line[i] == '\n' || line[i] == '\r')
            line[i] = ' ';
    write_all(fd, line, (size_t)n);
}

/* Closes every descriptor from 3 up except a and b. */
static void close_all_but(int a, int b)
{
    int lo = a < b ? a : b, hi = a < b ? b : a;
    unsigned int from = 3;
    int keep[2] = {lo, hi};
    for (int i = 0; i < 2; i++) {
        if (keep[i] < 3 || (unsigned int)keep[i] < from)
            continue;
        if ((unsigned int)keep[i] > from)
            close_range(from, (unsigned int)keep[i] - 1, 0);
        from = (unsigned int)keep[i] + 1;
    }
    close_range(from, ~0U, 0);
}

static void reap_shepherds(struct pending *p, size_t *n)
{
    for (;;) {
        int st;
        pid_t r = waitpid(-1, &st, WNOHANG);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return;
        for (size_t i = 0; i < *n; i++) {
            if (p[i].pid != r)
                continue;
            if (WIFSIGNALED(st)) {
                struct answer a;
                refuse(&a, EXIT_OSERR, "the shepherd of request %llu died of signal %d", p[i].id, WTERMSIG(st));
                answer_line(1, p[i].id, &a);
            }
            /* A shepherd writes its status before it exits: the daemon looks for exits now rather
             * than at its next poll. */
            char ended[48];
            int len = snprintf(ended, sizeof ended, "0 ended %llu\n", p[i].id);
            write_all(1, ended, (size_t)len);
            p[i] = p[--*n];
            break;
        }
    }
}

static void serve_request(char *line, struct pending **p, size_t *n, size_t *cap)
{
    char *end;
    errno = 0;
    unsigned long long id = strtoull(line, &end, 10);
    struct answer a;
    if (end == line || *end != ' ' || errno != 0 || id == 0 || line[0] == '-' || line[0] == '+') {
        refuse(&a, EXIT_USAGE, "request '%.200s' is not 'ID SPEC' (ID: a number from 1)", line);
        answer_line(1, 0, &a);
        return;
    }
    const char *spec_path = end + 1;
    if (spec_path[0] != '/') {
        refuse(&a, EXIT_USAGE, "request %llu: spec '%.200s' is not an absolute path", id, spec_path);
        answer_line(1, id, &a);
        return;
    }
    if (*n == *cap) {
        size_t grown = *cap ? *cap * 2 : 64;
        struct pending *q = realloc(*p, grown * sizeof *q);
        if (!q) {
            refuse(&a, EXIT_OSERR, "request %llu: out of memory", id);
            answer_line(1, id, &a);
            return;
        }
        *p = q;
        *cap = grown;
    }
    struct shepherd sh;
    if (prepare_launch(spec_path, &sh, &a) != 0) {
        answer_line(1, id, &a);
    } else {
        pid_t pid = fork();
        if (pid == 0) {
            /* The shepherd: of the spawner it keeps only its answer pipe (a close-on-exec copy of
             * stdout, closed once answered) and the state directory; detach_stdio replaces 0-2. */
            int answer_fd = fcntl(1, F_DUPFD_CLOEXEC, 3);
            if (answer_fd < 0)
                _exit(EXIT_OSERR);
            close_all_but(answer_fd, sh.dirfd);
            sigset_t old;
            prepare_signals(&old);
            sh.ready_fd = answer_fd;
            sh.serving = 1;
            sh.answer_id = id;
            shepherd_main(&sh);
        }
        if (pid < 0) {
            refuse(&a, EXIT_OSERR, "fork: %s", strerror(errno));
            answer_line(1, id, &a);
        } else {
            (*p)[(*n)++] = (struct pending){.pid = pid, .id = id};
        }
    }
    if (sh.dirfd >= 0)
        close(sh.dirfd);
    spec_free(&sh.spec);
}

static int serve(void)
{
    close_inherited_fds();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    int sigfd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
    if (sigfd < 0) {
        fprintf(stderr, "linuxssi-shepherd: signalfd: %s\n", strerror(errno));
        return EXIT_OSERR;
    }
    struct pending *p = NULL;
    size_t n = 0, cap = 0;
    char buf[SERVE_LINE + 1];
    size_t len = 0;
    int overlong = 0;
    char hello[64];
    int hn = snprintf(hello, sizeof hello, "0 ready linuxssi-shepherd " SHEPHERD_VERSION "\n");
    if (write_all(1, hello, (size_t)hn) != 0)
        return EXIT_OSERR;
    for (;;) {
        struct pollfd fds[2] = {{.fd = 0, .events = POLLIN}, {.fd = sigfd, .events = POLLIN}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "linuxssi-shepherd: poll: %s\n", strerror(errno));
            return EXIT_OSERR;
        }
        if (fds[1].revents) {
            struct signalfd_siginfo si;
            while (read(sigfd, &si, sizeof si) > 0)
                ;
            reap_shepherds(p, &n);
        }
        if (!fds[0].revents)
            continue;
        ssize_t r = read(0, buf + len, SERVE_LINE - len);
        if (r < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (r <= 0)
            return 0; /* the daemon closed its end (or died): init adopts the running shepherds */
        len += (size_t)r;
        char *line = buf, *nl;
        while ((nl = memchr(line, '\n', len - (size_t)(line - buf)))) {
            *nl = '\0';
            if (overlong)
                overlong = 0;
            else
                serve_request(line, &p, &n, &cap);
            line = nl + 1;
        }
        len -= (size_t)(line - buf);
        memmove(buf, line, len);
        if (len == SERVE_LINE) {
            if (!overlong) {
                struct answer a;
                refuse(&a, EXIT_USAGE, "request longer than %d bytes", SERVE_LINE);
                answer_line(1, 0, &a);
            }
            overlong = 1;
            len = 0;
        }
    }
}

static void usage(FILE *to)
{
    fputs("usage: linuxssi-shepherd --spec FILE\n"
          "       linuxssi-shepherd --serve\n"
          "Runs the program described by the spec FILE, detached from the caller, and records\n"
          "its exit status in the spec's state_dir. Exits 0 once the program is started\n"
          "(files pid and child exist). Exit codes: 64 usage, 65 bad spec, 71 system error,\n"
          "73 unusable state_dir. --serve: the node daemon's resident spawner, reading\n"
          "'ID SPEC' lines on stdin and answering 'ID CODE [MESSAGE]' on stdout.\n"
          "See /usr/share/doc/linuxssi/shepherd/README.md.\n",
          to);
}

int main(int argc, char **argv)
{
    const char *spec_path = NULL;
    int serving = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--version") == 0) {
            puts("linuxssi-shepherd " SHEPHERD_VERSION);
            return 0;
        } else if (strcmp(argv[i], "--spec") == 0 && i + 1 < argc && !spec_path)
            spec_path = argv[++i];
        else if (strncmp(argv[i], "--spec=", 7) == 0 && !spec_path)
            spec_path = argv[i] + 7;
        else if (strcmp(argv[i], "--serve") == 0)
            serving = 1;
        else {
            fprintf(stderr, "linuxssi-shepherd: unexpected argument '%s'\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (serving && spec_path) {
        fputs("linuxssi-shepherd: --serve and --spec exclude each other\n", stderr);
        usage(stderr);
        return EXIT_USAGE;
    }
    if (serving)
        return serve();
    if (!spec_path) {
        fputs("linuxssi-shepherd: --spec FILE is required\n", stderr);
        usage(stderr);
        return EXIT_USAGE;
    }
    close_inherited_fds();
    struct answer a;
    int code = launch_spec(spec_path, &a);
    if (code != 0)
        fprintf(stderr, "%s\n", a.msg);
    return code;
}
