/* Symbolic names for the numbers the status file records. */
#ifndef LINUXSSI_NAMES_H
#define LINUXSSI_NAMES_H

/* "SIGKILL", "SIGRTMIN+3"; "SIG<n>" for a number without a name. Static storage. */
const char *signal_name(int sig);

/* "ENOENT"; "E<n>" for a number without a name here. Static storage. */
const char *errno_name(int err);

#endif
