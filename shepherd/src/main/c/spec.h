/*
 * The job spec: everything the daemon decided about one process, read once
 * from the file named by --spec. The format is documented in README.md.
 */
#ifndef LINUXSSI_SPEC_H
#define LINUXSSI_SPEC_H

#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

#define SPEC_MAX_LIMITS 16

/* Where one of the program's standard streams goes. */
enum stdio_kind {
    STDIO_NULL,   /* /dev/null */
    STDIO_SPOOL,  /* state_dir/stdout or state_dir/stderr, a regular file the daemon tails */
    STDIO_FIFO,   /* stdin only: state_dir/stdin, a FIFO the daemon writes */
    STDIO_PATH,   /* a file opened as the program's user, after the identity switch */
    STDIO_STDOUT, /* stderr only: the same open file as stdout */
};

struct stdio_spec {
    enum stdio_kind kind;
    char *path;  /* STDIO_PATH only */
    int append;  /* STDIO_PATH output only: O_APPEND instead of O_TRUNC */
};

struct limit_spec {
    int resource;  /* RLIMIT_* */
    struct rlimit value;
};

struct spec {
    char *state_dir;
    int has_uid;
    uid_t uid;
    gid_t gid;
    int has_groups;
    gid_t *groups;
    size_t ngroups;
    char *cwd;
    mode_t umask;
    char *exec;   /* file to execute; NULL means argv[0] */
    char **argv;  /* NULL-terminated */
    size_t argc;
    char **envp;  /* NULL-terminated, complete: nothing is inherited */
    size_t envc;
    struct limit_spec limits[SPEC_MAX_LIMITS];
    size_t nlimits;
    struct stdio_spec in, out, err;
    int pty;
    unsigned short rows, cols;
    /* Restore mode: criu restores the program from images instead of execve. */
    char *restore;    /* images directory */
    char *criu;       /* the criu binary */
    char **inherit;   /* "N:KEY" each: the program's fd N, a file the images name KEY */
    size_t ninherit;
};

/*
 * Reads and validates the spec at path. Returns 0, or -1 with a one-line
 * message in err naming the line, the key and what is allowed.
 */
int spec_load(const char *path, struct spec *s, char *err, size_t errlen);

/* Frees what spec_load allocated (also after a failed load); the spec is empty afterwards. */
void spec_free(struct spec *s);

#endif
