/* box: a container's first process from C — see the step "cclone" in the lab. */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	/* TODO: clone() a child into new UTS and PID namespaces, let it set and print its hostname, wait for it. */
	return 0;
}
