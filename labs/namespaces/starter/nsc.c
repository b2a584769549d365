/* nsc: a UTS namespace from C — see the step "cprog" in the lab. */
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	/* TODO: open /proc/self/ns/uts, unshare(), sethostname(), print, setns() back, print. */
	return 0;
}
