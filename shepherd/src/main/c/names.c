#include "names.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>

#define NAME(x) {x, #x}

static const struct {
    int number;
    const char *name;
} signals[] = {
    NAME(SIGHUP),  NAME(SIGINT),    NAME(SIGQUIT), NAME(SIGILL),    NAME(SIGTRAP),   NAME(SIGABRT),
    NAME(SIGBUS),  NAME(SIGFPE),    NAME(SIGKILL), NAME(SIGUSR1),   NAME(SIGSEGV),   NAME(SIGUSR2),
    NAME(SIGPIPE), NAME(SIGALRM),   NAME(SIGTERM), NAME(SIGSTKFLT), NAME(SIGCHLD),   NAME(SIGCONT),
    NAME(SIGSTOP), NAME(SIGTSTP),   NAME(SIGTTIN), NAME(SIGTTOU),   NAME(SIGURG),    NAME(SIGXCPU),
    NAME(SIGXFSZ), NAME(SIGVTALRM), NAME(SIGPROF), NAME(SIGWINCH),  NAME(SIGIO),     NAME(SIGPWR),
    NAME(SIGSYS),
};

/* The errors that the setup steps and execve can report; others print as E<n>. */
static const struct {
    int number;
    const char *name;
} errors[] = {
    NAME(EPERM),  NAME(ENOENT),  NAME(ESRCH),   NAME(EINTR),        NAME(EIO),     NAME(ENXIO),
    NAME(E2BIG),  NAME(ENOEXEC), NAME(EBADF),   NAME(ECHILD),       NAME(EAGAIN),  NAME(ENOMEM),
    NAME(EACCES), NAME(EFAULT),  NAME(EBUSY),   NAME(EEXIST),       NAME(ENODEV),  NAME(ENOTDIR),
    NAME(EISDIR), NAME(EINVAL),  NAME(ENFILE),  NAME(EMFILE),       NAME(ENOTTY),  NAME(ETXTBSY),
    NAME(EFBIG),  NAME(ENOSPC),  NAME(EROFS),   NAME(EMLINK),       NAME(EPIPE),   NAME(ENAMETOOLONG),
    NAME(ELOOP),  NAME(ELIBBAD), NAME(EDQUOT),  NAME(ESTALE),       NAME(EOVERFLOW), NAME(ENOSYS),
};

const char *signal_name(int sig)
{
    static char other[24];
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
        if (signals[i].number == sig)
            return signals[i].name;
    if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
        if (sig == SIGRTMIN)
            return "SIGRTMIN";
        snprintf(other, sizeof other, "SIGRTMIN+%d", sig - SIGRTMIN);
        return other;
    }
    snprintf(other, sizeof other, "SIG%d", sig);
    return other;
}

const char *errno_name(int err)
{
    static char other[24];
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
        if (errors[i].number == err)
            return errors[i].name;
    snprintf(other, sizeof other, "E%d", err);
    return other;
}
