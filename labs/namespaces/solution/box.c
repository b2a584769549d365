/* box: a container's first process from C — clone() a child into new UTS and PID namespaces and reap it. */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int child(void *arg)
{
	char host[65];

	sethostname((const char *)arg, 3);
	gethostname(host, sizeof(host));
	printf("child: pid=%d ppid=%d hostname=%s\n", getpid(), getppid(), host);
	fflush(stdout);
	return 3;
}

int main(void)
{
	static char stack[4096];
	char host[65];
	int status;
	pid_t pid;

	fflush(stdout);
	pid = clone(child, stack + sizeof(stack), CLONE_NEWUTS | CLONE_NEWPID | SIGCHLD, "box");
	if (pid < 0)
		return 1;
	if (waitpid(pid, &status, 0) != pid)
		return 1;
	printf("parent: child exited %d\n", WEXITSTATUS(status));
	gethostname(host, sizeof(host));
	printf("parent: hostname=%s\n", host);
	return 0;
}
