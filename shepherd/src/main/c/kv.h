/*
 * The key=value line format shared by the spec (daemon -> shepherd) and the
 * state files (shepherd -> daemon): one "key=value" per line, the value
 * escaped C-style so that any byte except NUL survives a round trip.
 */
#ifndef LINUXSSI_KV_H
#define LINUXSSI_KV_H

#include <stddef.h>

/* A growable byte buffer; a zeroed struct is an empty buffer. */
struct buf {
    char *data;
    size_t len;
    size_t cap;
};

/* Allocation that cannot fail: out of memory ends the process (exit 71). */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);

void buf_add(struct buf *b, const void *bytes, size_t n);
void buf_free(struct buf *b);

/* Appends "key=value\n", escaping backslash, control bytes and DEL. */
void kv_put(struct buf *b, const char *key, const char *value);
void kv_put_num(struct buf *b, const char *key, long long value);

/*
 * Decodes the n bytes at s (\\ \n \r \t \xHH). Returns a new NUL-terminated
 * string, or NULL with *why set when an escape is malformed or decodes to NUL.
 */
char *kv_unescape(const char *s, size_t n, const char **why);

/*
 * Writes b to dirfd/name atomically: a reader sees the old file, no file, or
 * the complete new one (temp file ".name.tmp" + rename). Returns 0, or -1
 * with errno set.
 */
int write_file_atomic(int dirfd, const char *name, const struct buf *b);

#endif
