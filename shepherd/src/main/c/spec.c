#include "spec.h"
#include "kv.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SPEC_MAX_BYTES (4 << 20)
#define MAX_GROUPS 65536

static const struct {
    const char *name;
    int resource;
} limit_names[] = {
    {"as", RLIMIT_AS},           {"core", RLIMIT_CORE},
    {"cpu", RLIMIT_CPU},         {"data", RLIMIT_DATA},
    {"fsize", RLIMIT_FSIZE},     {"locks", RLIMIT_LOCKS},
    {"memlock", RLIMIT_MEMLOCK}, {"msgqueue", RLIMIT_MSGQUEUE},
    {"nice", RLIMIT_NICE},       {"nofile", RLIMIT_NOFILE},
    {"nproc", RLIMIT_NPROC},     {"rss", RLIMIT_RSS},
    {"rtprio", RLIMIT_RTPRIO},   {"rttime", RLIMIT_RTTIME},
    {"sigpending", RLIMIT_SIGPENDING}, {"stack", RLIMIT_STACK},
};

#define NLIMIT_NAMES (sizeof limit_names / sizeof limit_names[0])

static const char allowed_keys[] =
    "version state_dir uid gid groups cwd umask exec arg env rlimit_<name> "
    "stdin stdout stderr stdout_append stderr_append pty pty_rows pty_cols restore criu restore_inherit";

/* Parser state: where we are, for messages, and which scalars were seen. */
struct parser {
    const char *path;
    int line;
    const char *key;
    char *err;
    size_t errlen;
    int seen_version, seen_gid, seen_umask, seen_rows, seen_cols;
    int seen_stdin, seen_stdout, seen_stderr, seen_out_append, seen_err_append;
    int seen_pty;
};

static int fail(struct parser *p, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (p->line > 0 && p->key)
        snprintf(p->err, p->errlen, "spec %s line %d, key '%s': %s", p->path, p->line, p->key, what);
    else if (p->line > 0)
        snprintf(p->err, p->errlen, "spec %s line %d: %s", p->path, p->line, what);
    else
        snprintf(p->err, p->errlen, "spec %s: %s", p->path, what);
    return -1;
}

/* Decimal without sign, spaces or leading '+'; max is inclusive. */
static int parse_uint(const char *v, unsigned long long max, unsigned long long *out)
{
    if (*v < '0' || *v > '9')
        return -1;
    errno = 0;
    char *end;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || *end || n > max)
        return -1;
    *out = n;
    return 0;
}

static int parse_id(struct parser *p, const char *v, unsigned int *out)
{
    unsigned long long n;
    /* (uid_t)-1 means "unchanged" to the set*id calls, so it is not an id. */
    if (parse_uint(v, UINT_MAX - 1ULL, &n) != 0)
        return fail(p, "'%s' is not a numeric id (0 to %u)", v, UINT_MAX - 1);
    *out = (unsigned int)n;
    return 0;
}

static int parse_flag(struct parser *p, const char *v, int *out)
{
    if (strcmp(v, "0") && strcmp(v, "1"))
        return fail(p, "'%s' is not a flag (allowed: 0, 1)", v);
    *out = v[0] == '1';
    return 0;
}

static int once(struct parser *p, int *seen)
{
    if (*seen)
        return fail(p, "given twice");
    *seen = 1;
    return 0;
}

static int set_string_once(struct parser *p, char **field, const char *v)
{
    if (*field)
        return fail(p, "given twice");
    *field = strdup(v);
    if (!*field)
        return fail(p, "out of memory");
    return 0;
}

static int set_path_once(struct parser *p, char **field, const char *v)
{
    if (v[0] != '/')
        return fail(p, "'%s' is not an absolute path", v);
    return set_string_once(p, field, v);
}

static void push(char ***list, size_t *n, const char *v)
{
    *list = xrealloc(*list, (*n + 2) * sizeof **list);
    (*list)[*n] = strdup(v);
    if (!(*list)[*n]) {
        fputs("linuxssi-shepherd: out of memory\n", stderr);
        _exit(71);
    }
    (*list)[++*n] = NULL;
}

static int parse_groups(struct parser *p, struct spec *s, const char *v)
{
    if (s->has_groups)
        return fail(p, "given twice");
    s->has_groups = 1;
    if (*v == '\0')
        return 0;
    size_t n = 1;
    for (const char *c = v; *c; c++)
        n += *c == ',';
    if (n > MAX_GROUPS)
        return fail(p, "%zu groups, at most %d allowed", n, MAX_GROUPS);
    s->groups = xmalloc(n * sizeof *s->groups);
    char *copy = strdup(v);
    if (!copy)
        return fail(p, "out of memory");
    /* strtok_r would skip empty items; "1,,2" must be an error, so split by hand. */
    char *item = copy;
    for (;;) {
        char *comma = strchr(item, ',');
        if (comma)
            *comma = '\0';
        unsigned int id = 0;
        if (*item == '\0') {
            free(copy);
            return fail(p, "empty item in '%s' (write ids separated by commas, e.g. 1000,27)", v);
        }
        if (parse_id(p, item, &id) != 0) {
            free(copy);
            return -1;
        }
        s->groups[s->ngroups++] = id;
        if (!comma)
            break;
        item = comma + 1;
    }
    free(copy);
    return 0;
}

static int parse_limit_value(const char *v, rlim_t *out)
{
    unsigned long long n;
    if (strcmp(v, "unlimited") == 0) {
        *out = RLIM_INFINITY;
        return 0;
    }
    if (parse_uint(v, (unsigned long long)RLIM_INFINITY - 1, &n) != 0)
        return -1;
    *out = (rlim_t)n;
    return 0;
}

static int parse_limit(struct parser *p, struct spec *s, const char *name, const char *v)
{
    size_t i;
    for (i = 0; i < NLIMIT_NAMES; i++)
        if (strcmp(limit_names[i].name, name) == 0)
            break;
    if (i == NLIMIT_NAMES)
        return fail(p, "unknown limit (allowed: rlimit_ followed by as core cpu data fsize locks memlock "
                       "msgqueue nice nofile nproc rss rtprio rttime sigpending stack)");
    for (size_t j = 0; j < s->nlimits; j++)
        if (s->limits[j].resource == limit_names[i].resource)
            return fail(p, "given twice");
    char soft[32], hard[32];
    const char *colon = strchr(v, ':');
    size_t softlen = colon ? (size_t)(colon - v) : strlen(v);
    const char *hardtext = colon ? colon + 1 : v;
    if (softlen >= sizeof soft || strlen(hardtext) >= sizeof hard)
        return fail(p, "'%s' is too long for a limit", v);
    memcpy(soft, v, softlen);
    soft[softlen] = '\0';
    strcpy(hard, hardtext);
    struct limit_spec *l = &s->limits[s->nlimits];
    if (parse_limit_value(soft, &l->value.rlim_cur) != 0 || parse_limit_value(hard, &l->value.rlim_max) != 0)
        return fail(p, "'%s' is not a limit (allowed: N, unlimited, SOFT:HARD)", v);
    if (l->value.rlim_max != RLIM_INFINITY &&
        (l->value.rlim_cur == RLIM_INFINITY || l->value.rlim_cur > l->value.rlim_max))
        return fail(p, "soft limit above hard limit in '%s'", v);
    l->resource = limit_names[i].resource;
    s->nlimits++;
    return 0;
}

static int parse_stdio(struct parser *p, struct stdio_spec *io, int *seen, const char *v, int is_input,
                       int is_stderr)
{
    if (once(p, seen) != 0)
        return -1;
    if (strcmp(v, "null") == 0)
        io->kind = STDIO_NULL;
    else if (!is_input && strcmp(v, "spool") == 0)
        io->kind = STDIO_SPOOL;
    else if (is_input && strcmp(v, "fifo") == 0)
        io->kind = STDIO_FIFO;
    else if (is_stderr && strcmp(v, "stdout") == 0)
        io->kind = STDIO_STDOUT;
    else if (v[0] == '/') {
        io->kind = STDIO_PATH;
        io->path = strdup(v);
        if (!io->path)
            return fail(p, "out of memory");
    } else
        return fail(p, "'%s' is not allowed (allowed: %s)", v,
                    is_input ? "null, fifo, an absolute path"
                    : is_stderr ? "null, spool, stdout, an absolute path"
                                : "null, spool, an absolute path");
    return 0;
}

static int parse_small(struct parser *p, const char *v, unsigned short *out)
{
    unsigned long long n;
    if (parse_uint(v, 65535, &n) != 0 || n == 0)
        return fail(p, "'%s' is not a size (1 to 65535)", v);
    *out = (unsigned short)n;
    return 0;
}

static int apply(struct parser *p, struct spec *s, const char *key, const char *v)
{
    unsigned int id = 0;
    if (strcmp(key, "version") == 0) {
        if (once(p, &p->seen_version) != 0)
            return -1;
        if (strcmp(v, "1") != 0)
            return fail(p, "spec version '%s' is not supported (this shepherd reads version 1)", v);
    } else if (strcmp(key, "state_dir") == 0)
        return set_path_once(p, &s->state_dir, v);
    else if (strcmp(key, "uid") == 0) {
        if (once(p, &s->has_uid) != 0 || parse_id(p, v, &id) != 0)
            return -1;
        s->uid = id;
    } else if (strcmp(key, "gid") == 0) {
        if (once(p, &p->seen_gid) != 0 || parse_id(p, v, &id) != 0)
            return -1;
        s->gid = id;
    } else if (strcmp(key, "groups") == 0)
        return parse_groups(p, s, v);
    else if (strcmp(key, "cwd") == 0)
        return set_path_once(p, &s->cwd, v);
    else if (strcmp(key, "umask") == 0) {
        if (once(p, &p->seen_umask) != 0)
            return -1;
        char *end;
        errno = 0;
        unsigned long m = strtoul(v, &end, 8);
        if (*v < '0' || *v > '7' || *end || errno || m > 0777 || strlen(v) > 4)
            return fail(p, "'%s' is not an octal umask (e.g. 0022)", v);
        s->umask = (mode_t)m;
    } else if (strcmp(key, "exec") == 0) {
        if (*v == '\0')
            return fail(p, "empty program");
        return set_string_once(p, &s->exec, v);
    } else if (strcmp(key, "arg") == 0)
        push(&s->argv, &s->argc, v);
    else if (strcmp(key, "env") == 0) {
        const char *eq = strchr(v, '=');
        if (!eq || eq == v)
            return fail(p, "'%s' is not NAME=VALUE", v);
        push(&s->envp, &s->envc, v);
    } else if (strncmp(key, "rlimit_", 7) == 0)
        return parse_limit(p, s, key + 7, v);
    else if (strcmp(key, "stdin") == 0)
        return parse_stdio(p, &s->in, &p->seen_stdin, v, 1, 0);
    else if (strcmp(key, "stdout") == 0)
        return parse_stdio(p, &s->out, &p->seen_stdout, v, 0, 0);
    else if (strcmp(key, "stderr") == 0)
        return parse_stdio(p, &s->err, &p->seen_stderr, v, 0, 1);
    else if (strcmp(key, "stdout_append") == 0) {
        if (once(p, &p->seen_out_append) != 0)
            return -1;
        return parse_flag(p, v, &s->out.append);
    } else if (strcmp(key, "stderr_append") == 0) {
        if (once(p, &p->seen_err_append) != 0)
            return -1;
        return parse_flag(p, v, &s->err.append);
    } else if (strcmp(key, "pty") == 0) {
        if (once(p, &p->seen_pty) != 0)
            return -1;
        return parse_flag(p, v, &s->pty);
    } else if (strcmp(key, "pty_rows") == 0) {
        if (once(p, &p->seen_rows) != 0)
            return -1;
        return parse_small(p, v, &s->rows);
    } else if (strcmp(key, "pty_cols") == 0) {
        if (once(p, &p->seen_cols) != 0)
            return -1;
        return parse_small(p, v, &s->cols);
    } else if (strcmp(key, "restore") == 0)
        return set_path_once(p, &s->restore, v);
    else if (strcmp(key, "criu") == 0)
        return set_path_once(p, &s->criu, v);
    else if (strcmp(key, "restore_inherit") == 0) {
        char *end;
        errno = 0;
        unsigned long fd = strtoul(v, &end, 10);
        if (end == v || *end != ':' || end[1] == '\0' || errno || fd > 2)
            return fail(p, "'%s' is not FD:KEY with FD 0, 1 or 2 (e.g. 1:var/lib/linuxssi/procs/1/stdout)", v);
        push(&s->inherit, &s->ninherit, v);
    } else
        return fail(p, "unknown key (allowed: %s)", allowed_keys);
    return 0;
}

static int check_whole(struct parser *p, struct spec *s)
{
    p->line = 0;
    p->key = NULL;
    if (!p->seen_version)
        return fail(p, "version=1 is missing");
    if (!s->state_dir)
        return fail(p, "state_dir is missing");
    if (!s->cwd)
        return fail(p, "cwd is missing");
    if (s->argc == 0)
        return fail(p, "no arg line: the program's argv needs at least arg=PROGRAM");
    if (!s->exec && s->argv[0][0] == '\0')
        return fail(p, "the first arg is empty and no exec= names the program");
    if (s->has_uid != p->seen_gid)
        return fail(p, "uid and gid go together: give both or neither");
    if ((s->has_groups) && !s->has_uid)
        return fail(p, "groups needs uid and gid");
    if (s->pty && (p->seen_stdin || p->seen_stdout || p->seen_stderr))
        return fail(p, "pty=1 excludes stdin, stdout and stderr: the terminal is stdin, stdout and stderr "
                       "(input from FIFO state_dir/stdin, output to state_dir/stdout)");
    if (!s->pty && (p->seen_rows || p->seen_cols))
        return fail(p, "pty_rows and pty_cols need pty=1");
    if (s->out.append && s->out.kind != STDIO_PATH)
        return fail(p, "stdout_append=1 needs stdout=/absolute/path");
    if (s->err.append && s->err.kind != STDIO_PATH)
        return fail(p, "stderr_append=1 needs stderr=/absolute/path");
    if ((s->restore != NULL) != (s->criu != NULL))
        return fail(p, "restore and criu go together: give both or neither");
    if (s->ninherit > 0 && !s->restore)
        return fail(p, "restore_inherit needs restore");
    if (s->restore && s->pty)
        return fail(p, "restore excludes pty=1: a terminal cannot be restored");
    if (!s->envp) {
        s->envp = xmalloc(sizeof *s->envp);
        s->envp[0] = NULL;
    }
    return 0;
}

static int read_file(struct parser *p, struct buf *b)
{
    int fd = open(p->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return fail(p, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return fail(p, "not a regular file");
    }
    char chunk[65536];
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            close(fd);
            return fail(p, "cannot read: %s", strerror(e));
        }
        if (r == 0)
            break;
        if (b->len + (size_t)r > SPEC_MAX_BYTES) {
            close(fd);
            return fail(p, "larger than %d bytes", SPEC_MAX_BYTES);
        }
        buf_add(b, chunk, (size_t)r);
    }
    close(fd);
    return 0;
}

int spec_load(const char *path, struct spec *s, char *err, size_t errlen)
{
    struct parser p = {.path = path, .err = err, .errlen = errlen};
    struct buf text = {0};
    memset(s, 0, sizeof *s);
    s->umask = 022;
    s->rows = 24;
    s->cols = 80;
    if (read_file(&p, &text) != 0)
        return -1;
    int rc = 0;
    size_t pos = 0;
    while (pos < text.len && rc == 0) {
        char *line = text.data + pos;
        char *nl = memchr(line, '\n', text.len - pos);
        size_t len = nl ? (size_t)(nl - line) : text.len - pos;
        pos += len + 1;
        p.line++;
        p.key = NULL;
        if (len == 0 || line[0] == '#')
            continue;
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)line[i];
            if (c < 0x20 || c == 0x7f) {
                rc = fail(&p, "raw control byte 0x%02x (escape it: \\n \\r \\t \\xHH)", c);
                break;
            }
        }
        if (rc != 0)
            break;
        char *eq = memchr(line, '=', len);
        if (!eq) {
            rc = fail(&p, "not key=value");
            break;
        }
        *eq = '\0';
        for (char *k = line; *k; k++)
            if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '_')) {
                rc = fail(&p, "'%s' is not a key (lower-case letters, digits, _)", line);
                break;
            }
        if (rc != 0)
            break;
        p.key = line;
        const char *why = NULL;
        char *value = kv_unescape(eq + 1, len - (size_t)(eq + 1 - line), &why);
        if (!value) {
            rc = fail(&p, "%s", why);
            break;
        }
        rc = apply(&p, s, line, value);
        free(value);
    }
    if (rc == 0)
        rc = check_whole(&p, s);
    buf_free(&text);
    return rc;
}

static void free_list(char **list, size_t n)
{
    if (!list)
        return;
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

void spec_free(struct spec *s)
{
    free(s->state_dir);
    free(s->groups);
    free(s->cwd);
    free(s->exec);
    free_list(s->argv, s->argc);
    free_list(s->envp, s->envc);
    free(s->in.path);
    free(s->out.path);
    free(s->err.path);
    free(s->restore);
    free(s->criu);
    free_list(s->inherit, s->ninherit);
    memset(s, 0, sizeof *s);
}
