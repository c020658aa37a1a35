#include "kv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("linuxssi-shepherd: out of memory\n", stderr);
        _exit(71);
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("linuxssi-shepherd: out of memory\n", stderr);
        _exit(71);
    }
    return q;
}

void buf_add(struct buf *b, const void *bytes, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n)
            cap *= 2;
        b->data = xrealloc(b->data, cap);
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
}

void buf_free(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void kv_put(struct buf *b, const char *key, const char *value)
{
    buf_add(b, key, strlen(key));
    buf_add(b, "=", 1);
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        char esc[5];
        if (*p == '\\')
            buf_add(b, "\\\\", 2);
        else if (*p == '\n')
            buf_add(b, "\\n", 2);
        else if (*p == '\r')
            buf_add(b, "\\r", 2);
        else if (*p == '\t')
            buf_add(b, "\\t", 2);
        else if (*p < 0x20 || *p == 0x7f) {
            snprintf(esc, sizeof esc, "\\x%02x", *p);
            buf_add(b, esc, 4);
        } else
            buf_add(b, p, 1);
    }
    buf_add(b, "\n", 1);
}

void kv_put_num(struct buf *b, const char *key, long long value)
{
    char num[24];
    snprintf(num, sizeof num, "%lld", value);
    kv_put(b, key, num);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *kv_unescape(const char *s, size_t n, const char **why)
{
    char *out = xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            out[o++] = s[i];
            continue;
        }
        if (++i == n) {
            *why = "value ends with a lone backslash (write \\\\ for a backslash)";
            goto bad;
        }
        switch (s[i]) {
        case '\\': out[o++] = '\\'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'x': {
            int hi = i + 1 < n ? hex_digit(s[i + 1]) : -1;
            int lo = i + 2 < n ? hex_digit(s[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                *why = "\\x needs two hex digits";
                goto bad;
            }
            if (hi == 0 && lo == 0) {
                *why = "\\x00 is not allowed: arguments, variables and paths cannot hold NUL";
                goto bad;
            }
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
            break;
        }
        default:
            *why = "unknown escape (allowed: \\\\ \\n \\r \\t \\xHH)";
            goto bad;
        }
    }
    out[o] = '\0';
    return out;
bad:
    free(out);
    return NULL;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int write_file_atomic(int dirfd, const char *name, const struct buf *b)
{
    char tmp[256];
    if (snprintf(tmp, sizeof tmp, ".%s.tmp", name) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    if (write_all(fd, b->data, b->len) != 0) {
        int e = errno;
        close(fd);
        unlinkat(dirfd, tmp, 0);
        errno = e;
        return -1;
    }
    if (close(fd) != 0 || renameat(dirfd, tmp, dirfd, name) != 0) {
        int e = errno;
        unlinkat(dirfd, tmp, 0);
        errno = e;
        return -1;
    }
    return 0;
}
