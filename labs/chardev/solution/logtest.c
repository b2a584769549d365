/*
 * logtest: a user program that exercises /dev/logbuf0 through system calls.
 *
 *   logtest              open, write, ioctl, lseek, read, and the errors
 *   logtest wait         block in read() until another process writes
 *   logtest write TEXT   append TEXT to the log
 *
 * Build: kwb build --user logtest.c -o logtest (or gcc on Linux).
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include "logbuf.h"

#define DEV "/dev/logbuf0"

/* Lines go out at once, so two processes writing to one file show their real order. */
#define say(...) do { printf(__VA_ARGS__); fflush(stdout); } while (0)

static const char *err_name(int e)
{
	switch (e) {
	case EINVAL: return "EINVAL";
	case ENOSPC: return "ENOSPC";
	case ENOTTY: return "ENOTTY";
	case EAGAIN: return "EAGAIN";
	case EFAULT: return "EFAULT";
	default: return strerror(e);
	}
}

/* Length of the first line of s, without its newline. */
static int line_len(const char *s)
{
	int n = 0;

	while (s[n] && s[n] != '\n')
		n++;
	return n;
}

/* Prints "what: result", or "what: -1 (ERRNO)" when the call failed. */
static void show(const char *what, long ret)
{
	if (ret < 0)
		say("%s: -1 (%s)\n", what, err_name(errno));
	else
		say("%s: %ld\n", what, ret);
}

static int tour(void)
{
	const char *msg = "hello, logbuf\n";
	char buf[64];
	int fd, size, limit;
	ssize_t n;

	fd = open(DEV, O_RDWR);
	if (fd < 0) {
		say("open " DEV ": %s\n", strerror(errno));
		return 1;
	}
	say("open " DEV ": ok\n");
	ioctl(fd, LOGBUF_IOC_CLEAR);
	show("write \"hello, logbuf\\n\"", write(fd, msg, strlen(msg)));
	show("ioctl LOGBUF_IOC_GET_SIZE", ioctl(fd, LOGBUF_IOC_GET_SIZE, &size));
	say("size: %d\n", size);
	show("lseek(fd, 7, SEEK_SET)", lseek(fd, 7, SEEK_SET));
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	say("read %zd bytes: \"%.*s\"\n", n, line_len(buf), buf);
	show("lseek(fd, -14, SEEK_END)", lseek(fd, -14, SEEK_END));
	show("lseek(fd, 100, SEEK_SET)", lseek(fd, 100, SEEK_SET));
	limit = 16;
	show("ioctl LOGBUF_IOC_SET_LIMIT 16", ioctl(fd, LOGBUF_IOC_SET_LIMIT, &limit));
	show("write \"0123456789\"", write(fd, "0123456789", 10));
	show("write \"0123456789\" again", write(fd, "0123456789", 10));
	show("ioctl LOGBUF_IOC_CLEAR", ioctl(fd, LOGBUF_IOC_CLEAR));
	show("ioctl LOGBUF_IOC_GET_SIZE", ioctl(fd, LOGBUF_IOC_GET_SIZE, &size));
	say("size: %d\n", size);
	show("ioctl 0x1234 (not ours)", ioctl(fd, 0x1234, 0));
	close(fd);
	return 0;
}

static int wait_for_data(void)
{
	struct pollfd pfd;
	char buf[128];
	ssize_t n;
	int fd = open(DEV, O_RDONLY);

	if (fd < 0) {
		say("reader: open " DEV ": %s\n", strerror(errno));
		return 1;
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	say("reader: poll says %s\n", poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN) ? "readable" : "nothing to read");
	say("reader: blocking in read()\n");
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0) {
		say("reader: read: %s\n", strerror(errno));
		return 1;
	}
	buf[n] = '\0';
	say("reader: woke up with %zd bytes: %.*s\n", n, line_len(buf), buf);
	close(fd);
	return 0;
}

static int write_text(const char *text)
{
	int fd = open(DEV, O_WRONLY);
	ssize_t n;

	if (fd < 0) {
		say("writer: open " DEV ": %s\n", strerror(errno));
		return 1;
	}
	n = write(fd, text, strlen(text));
	if (n < 0)
		say("writer: write: %s\n", strerror(errno));
	else
		say("writer: wrote %zd bytes\n", n);
	close(fd);
	return n < 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "wait"))
		return wait_for_data();
	if (argc >= 3 && !strcmp(argv[1], "write"))
		return write_text(argv[2]);
	return tour();
}
