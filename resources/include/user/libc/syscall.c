/* libc: system call wrappers over the single __syscall import; negative results become errno. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <bits/syscall.h>

int errno;

long __syscall_ret(long r)
{
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

ssize_t read(int fd, void *buf, size_t count) { return __sc3(SYS_read, fd, buf, count); }
ssize_t write(int fd, const void *buf, size_t count) { return __sc3(SYS_write, fd, buf, count); }
ssize_t pread(int fd, void *buf, size_t count, off_t off) { return __sc6(SYS_pread64, fd, buf, count, (long)off, 0, 0); }
ssize_t pwrite(int fd, const void *buf, size_t count, off_t off) { return __sc6(SYS_pwrite64, fd, buf, count, (long)off, 0, 0); }
int close(int fd) { return (int)__sc1(SYS_close, fd); }
off_t lseek(int fd, off_t off, int whence) { return __sc3(SYS_lseek, fd, (long)off, whence); }
int dup(int fd) { return (int)__sc1(SYS_dup, fd); }
int dup2(int a, int b) { return (int)__sc2(SYS_dup2, a, b); }
pid_t getpid(void) { return (pid_t)__sc0(SYS_getpid); }
pid_t getppid(void) { return (pid_t)__sc0(SYS_getppid); }
pid_t fork(void) { return (pid_t)__sc0(SYS_fork); }
int kill(pid_t pid, int sig) { return (int)__sc2(SYS_kill, pid, sig); }
int raise(int sig) { return kill(getpid(), sig); }
int poll(struct pollfd *fds, nfds_t n, int timeout) { return (int)__sc3(SYS_poll, fds, n, timeout); }
int munmap(void *addr, size_t len) { return (int)__sc2(SYS_munmap, addr, len); }
int nanosleep(const struct timespec *req, struct timespec *rem) { return (int)__sc2(SYS_nanosleep, req, rem); }
void _exit(int status)
{
	for (;;)
		__syscall(SYS_exit_group, status, 0, 0, 0, 0, 0);
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	int mode = 0;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return (int)__sc3(SYS_open, path, flags, mode);
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return (int)__sc3(SYS_fcntl, fd, cmd, arg);
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	long arg;

	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	return (int)__sc3(SYS_ioctl, fd, request, arg);
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	long r = __syscall(SYS_mmap, (long)addr, (long)len, prot, flags, fd, (long)off);

	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return MAP_FAILED;
	}
	return (void *)r;
}

unsigned int sleep(unsigned int s)
{
	struct timespec ts = { s, 0 };

	return nanosleep(&ts, &ts) ? (unsigned int)ts.tv_sec : 0;
}

int usleep(useconds_t us)
{
	struct timespec ts = { (time_t)(us / 1000000), (long)(us % 1000000) * 1000 };

	return nanosleep(&ts, NULL);
}

/* The kernel's struct sigaction on x86_64 (what rt_sigaction reads): every field 8 bytes wide. */
struct k_sigaction {
	unsigned long long handler;
	unsigned long long flags;
	unsigned long long restorer;
	unsigned long long mask;
};

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct k_sigaction k, ko = { 0, 0, 0, 0 };

	if (act) {
		k.handler = (unsigned long)act->sa_handler;
		k.flags = (unsigned int)act->sa_flags;
		k.restorer = (unsigned long)act->sa_restorer;
		k.mask = act->sa_mask;
	}
	if (__sc6(SYS_rt_sigaction, sig, act ? &k : 0, &ko, sizeof(sigset_t), 0, 0) < 0)
		return -1;
	if (old) {
		old->sa_handler = (sighandler_t)(unsigned long)ko.handler;
		old->sa_flags = (int)ko.flags;
		old->sa_restorer = (void (*)(void))(unsigned long)ko.restorer;
		old->sa_mask = ko.mask;
	}
	return 0;
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { handler, 0, SA_RESTART, 0 }, old;

	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigemptyset(sigset_t *set) { *set = 0; return 0; }

int sigaddset(sigset_t *set, int sig)
{
	if (sig < 1 || sig > 64) {
		errno = EINVAL;
		return -1;
	}
	*set |= 1ULL << (sig - 1);
	return 0;
}

int pipe(int fds[2]) { return (int)__sc1(SYS_pipe, fds); }

#include <sched.h>
#include <string.h>

int unshare(int flags) { return (int)__sc1(SYS_unshare, flags); }
int setns(int fd, int nstype) { return (int)__sc2(SYS_setns, fd, nstype); }
pid_t wait(int *status) { return (pid_t)__sc6(SYS_wait4, -1, status, 0, 0, 0, 0); }
pid_t waitpid(pid_t pid, int *status, int options) { return (pid_t)__sc6(SYS_wait4, pid, status, options, 0, 0, 0); }

/* The child is a copy that returns 0 from the clone system call: it runs fn there and exits with its result. */
int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
	long r = __sc6(SYS_clone, flags, 0, 0, 0, 0, 0);

	(void)stack;
	if (r == 0)
		_exit(fn(arg));
	return (int)r;
}

int sethostname(const char *name, size_t len) { return (int)__sc2(SYS_sethostname, name, len); }

/* struct utsname: six fields of 65 bytes; the node name is the second. */
int gethostname(char *name, size_t len)
{
	char uts[6 * 65];
	size_t n;

	if (__sc1(SYS_uname, uts) < 0)
		return -1;
	n = strlen(uts + 65);
	if (n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, uts + 65, n + 1);
	return 0;
}
