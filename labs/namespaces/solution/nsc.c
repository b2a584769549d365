/* nsc: a UTS namespace from C — unshare() into a new one, set its hostname, and setns() back out. */
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	char host[65];
	int outer = open("/proc/self/ns/uts", O_RDONLY);

	if (outer < 0 || unshare(CLONE_NEWUTS) < 0)
		return 1;
	sethostname("cprog", 5);
	gethostname(host, sizeof(host));
	printf("inside: %s\n", host);
	if (setns(outer, CLONE_NEWUTS) < 0)
		return 1;
	gethostname(host, sizeof(host));
	printf("outside: %s\n", host);
	return 0;
}
