/* libc: printf family (a small vsnprintf), unbuffered stdio over fds 0-2, perror/strerror. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

static FILE files[3] = { { 0, 0, 0 }, { 1, 0, 0 }, { 2, 0, 0 } };
FILE *stdin = &files[0], *stdout = &files[1], *stderr = &files[2];

struct out { char *buf; size_t cap; size_t len; };

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

static void put_num(struct out *o, unsigned long long v, int base, int upper, int neg, int width, int zero, int left, int prec)
{
	char tmp[32];
	int n = 0, pad;
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	while (n < prec)
		tmp[n++] = '0';
	pad = width - n - neg;
	if (!left && !zero)
		while (pad-- > 0)
			put(o, ' ');
	if (neg)
		put(o, '-');
	if (!left && zero)
		while (pad-- > 0)
			put(o, '0');
	while (n)
		put(o, tmp[--n]);
	if (left)
		while (pad-- > 0)
			put(o, ' ');
}

int vsnprintf(char *buf, size_t cap, const char *f, va_list ap)
{
	struct out o = { buf, cap, 0 };

	for (; *f; f++) {
		int width = 0, zero = 0, left = 0, prec = -1, lng = 0;

		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		f++;
		for (;; f++) {
			if (*f == '0') zero = 1;
			else if (*f == '-') left = 1;
			else if (*f == ' ' || *f == '+' || *f == '#') ;
			else break;
		}
		if (*f == '*') { width = va_arg(ap, int); f++; }
		while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
		if (*f == '.') {
			prec = 0;
			f++;
			if (*f == '*') { prec = va_arg(ap, int); f++; }
			while (*f >= '0' && *f <= '9') prec = prec * 10 + (*f++ - '0');
		}
		while (*f == 'l' || *f == 'z' || *f == 'h' || *f == 'j' || *f == 't') {
			if (*f == 'l') lng++;
			f++;
		}
		switch (*f) {
		case 'd': case 'i': {
			long long v = lng >= 2 ? va_arg(ap, long long) : lng ? va_arg(ap, long) : va_arg(ap, int);
			put_num(&o, v < 0 ? -(unsigned long long)v : (unsigned long long)v, 10, 0, v < 0, width, zero, left, prec);
			break;
		}
		case 'u': case 'x': case 'X': case 'o': {
			unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long) : lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
			put_num(&o, v, *f == 'u' ? 10 : *f == 'o' ? 8 : 16, *f == 'X', 0, width, zero, left, prec);
			break;
		}
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_num(&o, (unsigned long)va_arg(ap, void *), 16, 0, 0, 0, 0, 0, -1);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			int n, pad;

			if (!s)
				s = "(null)";
			n = (int)strlen(s);
			if (prec >= 0 && n > prec)
				n = prec;
			pad = width - n;
			if (!left)
				while (pad-- > 0)
					put(&o, ' ');
			while (n--)
				put(&o, *s++);
			if (left)
				while (pad-- > 0)
					put(&o, ' ');
			break;
		}
		case '%':
			put(&o, '%');
			break;
		default:
			put(&o, '%');
			if (*f)
				put(&o, *f);
			else
				f--;
		}
	}
	if (cap)
		buf[o.len < cap ? o.len : cap - 1] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
	va_end(ap);
	return r;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	char small[512];
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < (int)sizeof(small))
		return write_all(fd, small, (size_t)n) ? -1 : n;
	{
		char big[n + 1];

		vsnprintf(big, sizeof(big), fmt, ap);
		return write_all(fd, big, (size_t)n) ? -1 : n;
	}
}

int vfprintf(FILE *f, const char *fmt, va_list ap) { return vdprintf(f->fd, fmt, ap); }
int vprintf(const char *fmt, va_list ap) { return vdprintf(1, fmt, ap); }

int printf(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vdprintf(1, fmt, ap);
	va_end(ap);
	return r;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vdprintf(f->fd, fmt, ap);
	va_end(ap);
	return r;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}

int fputs(const char *s, FILE *f) { return write_all(f->fd, s, strlen(s)) ? EOF : 0; }
int puts(const char *s) { return fputs(s, stdout) || fputs("\n", stdout) ? EOF : 0; }
int fputc(int c, FILE *f) { char ch = (char)c; return write_all(f->fd, &ch, 1) ? EOF : (unsigned char)c; }
int putchar(int c) { return fputc(c, stdout); }
int fflush(FILE *f) { (void)f; return 0; }

int fgetc(FILE *f)
{
	unsigned char c;
	ssize_t r = read(f->fd, &c, 1);

	if (r <= 0) {
		if (r == 0)
			f->eof = 1;
		else
			f->err = 1;
		return EOF;
	}
	return c;
}

int getchar(void) { return fgetc(stdin); }

char *fgets(char *s, int n, FILE *f)
{
	int i = 0, c;

	while (i < n - 1 && (c = fgetc(f)) != EOF) {
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (!i)
		return NULL;
	s[i] = 0;
	return s;
}

static const char *const errstr[] = {
	[0] = "Success", [EPERM] = "Operation not permitted", [ENOENT] = "No such file or directory",
	[ESRCH] = "No such process", [EINTR] = "Interrupted system call", [EIO] = "Input/output error",
	[ENXIO] = "No such device or address", [E2BIG] = "Argument list too long", [ENOEXEC] = "Exec format error",
	[EBADF] = "Bad file descriptor", [ECHILD] = "No child processes", [EAGAIN] = "Resource temporarily unavailable",
	[ENOMEM] = "Cannot allocate memory", [EACCES] = "Permission denied", [EFAULT] = "Bad address",
	[EBUSY] = "Device or resource busy", [EEXIST] = "File exists", [ENODEV] = "No such device",
	[ENOTDIR] = "Not a directory", [EISDIR] = "Is a directory", [EINVAL] = "Invalid argument",
	[EMFILE] = "Too many open files", [ENOTTY] = "Inappropriate ioctl for device", [ENOSPC] = "No space left on device",
	[ESPIPE] = "Illegal seek", [EROFS] = "Read-only file system", [EPIPE] = "Broken pipe", [ERANGE] = "Numerical result out of range",
	[ENOSYS] = "Function not implemented", [ETIMEDOUT] = "Connection timed out",
};

char *strerror(int e)
{
	static char unknown[32];

	if (e >= 0 && e < (int)(sizeof(errstr) / sizeof(errstr[0])) && errstr[e])
		return (char *)errstr[e];
	snprintf(unknown, sizeof(unknown), "Unknown error %d", e);
	return unknown;
}

void perror(const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strerror(errno));
	else
		fprintf(stderr, "%s\n", strerror(errno));
}
