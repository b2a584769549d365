/* Models include/linux/string.h: string and memory functions (imports), plus kstrdup/memdup_user. */
#ifndef _LINUX_STRING_H_
#define _LINUX_STRING_H_
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/errno.h>
#include <linux/stdarg.h>
#include <linux/err.h>
extern char *strndup_user(const char __user *, long);
extern void *memdup_user(const void __user *, size_t);
extern void *vmemdup_user(const void __user *, size_t);
extern void *memdup_user_nul(const void __user *, size_t);
extern char *strcpy(char *, const char *);
extern char *strncpy(char *, const char *, __kernel_size_t);
extern size_t strlcpy(char *, const char *, size_t);
extern ssize_t strscpy(char *, const char *, size_t);
extern ssize_t strscpy_pad(char *dest, const char *src, size_t count);
extern char *strcat(char *, const char *);
extern char *strncat(char *, const char *, __kernel_size_t);
extern size_t strlcat(char *, const char *, __kernel_size_t);
extern int strcmp(const char *, const char *);
extern int strncmp(const char *, const char *, __kernel_size_t);
extern int strcasecmp(const char *s1, const char *s2);
extern int strncasecmp(const char *s1, const char *s2, size_t n);
extern char *strchr(const char *, int);
extern char *strchrnul(const char *, int);
extern char *strnchr(const char *, size_t, int);
extern char *strrchr(const char *, int);
extern char * __must_check skip_spaces(const char *);
extern char *strim(char *);
static inline __must_check char *strstrip(char *str) { return strim(str); }
extern char *strstr(const char *, const char *);
extern char *strnstr(const char *, const char *, size_t);
extern __kernel_size_t strlen(const char *);
extern __kernel_size_t strnlen(const char *, __kernel_size_t);
extern char *strpbrk(const char *, const char *);
extern char *strsep(char **, const char *);
extern __kernel_size_t strspn(const char *, const char *);
extern __kernel_size_t strcspn(const char *, const char *);
extern void *memset(void *, int, __kernel_size_t);
extern void *memcpy(void *, const void *, __kernel_size_t);
extern void *memmove(void *, const void *, __kernel_size_t);
extern void *memscan(void *, int, __kernel_size_t);
extern int memcmp(const void *, const void *, __kernel_size_t);
extern int bcmp(const void *, const void *, __kernel_size_t);
extern void *memchr(const void *, int, __kernel_size_t);
extern void *memchr_inv(const void *s, int c, size_t n);
extern char *kstrdup(const char *s, gfp_t gfp) __malloc;
extern const char *kstrdup_const(const char *s, gfp_t gfp);
extern char *kstrndup(const char *s, size_t len, gfp_t gfp);
extern void *kmemdup(const void *src, size_t len, gfp_t gfp) __attribute__((__alloc_size__(2)));
extern char *kmemdup_nul(const char *s, size_t len, gfp_t gfp);
extern void kfree_const(const void *x);
extern char **argv_split(gfp_t gfp, const char *str, int *argcp);
extern void argv_free(char **argv);
extern bool sysfs_streq(const char *s1, const char *s2);
int match_string(const char * const *array, size_t n, const char *string);
int __sysfs_match_string(const char * const *array, size_t n, const char *s);
#define sysfs_match_string(_a, _s) __sysfs_match_string(_a, ARRAY_SIZE(_a), _s)
#define memset_startat(obj, v, member) memset((char *)(obj) + offsetof(typeof(*(obj)), member), v, sizeof(*(obj)) - offsetof(typeof(*(obj)), member))
static inline bool strstarts(const char *str, const char *prefix) { return strncmp(str, prefix, strlen(prefix)) == 0; }
static inline void memzero_explicit(void *s, size_t count) { memset(s, 0, count); barrier(); }
static inline const char *kbasename(const char *path) { const char *tail = strrchr(path, '/'); return tail ? tail + 1 : path; }
#define str_has_prefix(str, prefix) ({ size_t __len = strlen(prefix); strncmp(str, prefix, __len) == 0 ? __len : 0; })
#endif
