/* System call numbers (x86_64 Linux) and the one syscall import of user programs. */
#ifndef _BITS_SYSCALL_H
#define _BITS_SYSCALL_H
#define SYS_read		0
#define SYS_write		1
#define SYS_open		2
#define SYS_close		3
#define SYS_stat		4
#define SYS_fstat		5
#define SYS_poll		7
#define SYS_lseek		8
#define SYS_mmap		9
#define SYS_munmap		11
#define SYS_rt_sigaction	13
#define SYS_ioctl		16
#define SYS_pread64		17
#define SYS_pwrite64		18
#define SYS_pipe		22
#define SYS_sched_yield		24
#define SYS_dup			32
#define SYS_dup2		33
#define SYS_nanosleep		35
#define SYS_getpid		39
#define SYS_clone		56
#define SYS_fork		57
#define SYS_vfork		58
#define SYS_execve		59
#define SYS_exit		60
#define SYS_wait4		61
#define SYS_kill		62
#define SYS_uname		63
#define SYS_fcntl		72
#define SYS_getppid		110
#define SYS_sethostname		170
#define SYS_exit_group		231
#define SYS_openat		257
#define SYS_unshare		272
#define SYS_setns		308
long __syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6) __attribute__((__import_module__("env"), __import_name__("__syscall")));
int __kwb_argv(char *buf, int size) __attribute__((__import_module__("env"), __import_name__("__kwb_argv")));
long __syscall_ret(long r);
#define __sc0(n) __syscall_ret(__syscall((n), 0, 0, 0, 0, 0, 0))
#define __sc1(n, a) __syscall_ret(__syscall((n), (long)(a), 0, 0, 0, 0, 0))
#define __sc2(n, a, b) __syscall_ret(__syscall((n), (long)(a), (long)(b), 0, 0, 0, 0))
#define __sc3(n, a, b, c) __syscall_ret(__syscall((n), (long)(a), (long)(b), (long)(c), 0, 0, 0))
#define __sc6(n, a, b, c, d, e, f) __syscall_ret(__syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f)))
#endif
