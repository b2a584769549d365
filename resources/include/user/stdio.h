/* stdio.h for user programs: unbuffered streams over file descriptors 0, 1, 2. */
#ifndef _STDIO_H
#define _STDIO_H
#include <stddef.h>
#include <stdarg.h>
#define EOF (-1)
typedef struct _FILE { int fd; int err; int eof; } FILE;
extern FILE *stdin, *stdout, *stderr;
int printf(const char *fmt, ...) __attribute__((__format__(printf, 1, 2)));
int fprintf(FILE *f, const char *fmt, ...) __attribute__((__format__(printf, 2, 3)));
int dprintf(int fd, const char *fmt, ...) __attribute__((__format__(printf, 2, 3)));
int sprintf(char *buf, const char *fmt, ...) __attribute__((__format__(printf, 2, 3)));
int snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((__format__(printf, 3, 4)));
int vprintf(const char *fmt, va_list ap);
int vfprintf(FILE *f, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int vdprintf(int fd, const char *fmt, va_list ap);
int puts(const char *s);
int fputs(const char *s, FILE *f);
int putchar(int c);
int fputc(int c, FILE *f);
#define putc fputc
int getchar(void);
int fgetc(FILE *f);
char *fgets(char *s, int n, FILE *f);
int fflush(FILE *f);
void perror(const char *s);
#endif
