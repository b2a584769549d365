/* hog: maps anonymous memory a MiB at a time until the kernel says no (or kills it). */
#include <stdio.h>
#include <sys/mman.h>

int main(void)
{
	size_t total = 0;

	for (;;) {
		void *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			printf("hog: mmap failed after %zu MiB\n", total >> 20);
			return 1;
		}
		total += 1 << 20;
		printf("hog: %zu MiB\n", total >> 20);
	}
}
