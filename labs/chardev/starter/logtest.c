/*
 * logtest: a user program that exercises /dev/logbuf0 through system calls.
 *
 *   logtest              open, write, ioctl, lseek, read, and the errors
 *   logtest wait         block in read() until another process writes
 *   logtest write TEXT   append TEXT to the log
 *
 * Build: kwb build --user logtest.c -o logtest (or gcc on Linux).
 * Each TODO names the step of the "Character devices" lab that fills it in.
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

/* Prints "what: result", or "what: -1 (ERRNO)" when the call failed. */
static void __attribute__((unused)) show(const char *what, long ret)
{
	if (ret < 0)
		say("%s: -1 (%s)\n", what, err_name(errno));
	else
		say("%s: %ld\n", what, ret);
}

static int tour(void)
{
	int fd = open(DEV, O_RDWR);

	if (fd < 0) {
		say("open " DEV ": %s\n", strerror(errno));
		return 1;
	}
	say("open " DEV ": ok\n");
	/*
	 * TODO(ioctl-llseek): with show() for each call, and in this order:
	 *   ioctl LOGBUF_IOC_CLEAR (not shown), write "hello, logbuf\n",
	 *   ioctl LOGBUF_IOC_GET_SIZE into an int (then say("size: %d\n", size)),
	 *   lseek(fd, 7, SEEK_SET), a read of the rest (say("read %zd bytes: \"%s\"\n", ...)
	 *   without the newline), lseek(fd, -14, SEEK_END), lseek(fd, 100, SEEK_SET),
	 *   ioctl LOGBUF_IOC_SET_LIMIT 16, write "0123456789" twice,
	 *   ioctl LOGBUF_IOC_CLEAR, LOGBUF_IOC_GET_SIZE again, and an ioctl
	 *   the driver does not know (0x1234). The lab text shows the labels.
	 */
	close(fd);
	return 0;
}

static int wait_for_data(void)
{
	/*
	 * TODO(blocking): open DEV read-only; poll() it with a timeout of 0 and say
	 * "reader: poll says readable" or "reader: poll says nothing to read";
	 * say "reader: blocking in read()"; read; then say
	 * "reader: woke up with N bytes: TEXT" (TEXT without its newline).
	 */
	return 1;
}

static int write_text(const char *text)
{
	/* TODO(blocking): open DEV write-only, write text, say "writer: wrote N bytes". */
	return 1;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "wait"))
		return wait_for_data();
	if (argc >= 3 && !strcmp(argv[1], "write"))
		return write_text(argv[2]);
	return tour();
}
