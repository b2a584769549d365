/* libc: a first-fit heap over memory.grow, exit, number parsing, program start (_start). */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <bits/syscall.h>

extern unsigned char __heap_base;
struct block { size_t size; struct block *next; };
static struct block *free_list;
static uintptr_t heap_top;

static void *sbrk_pages(size_t bytes)
{
	uintptr_t end;

	if (!heap_top)
		heap_top = ((uintptr_t)&__heap_base + 15) & ~(uintptr_t)15;
	end = heap_top + bytes;
	while (end > __builtin_wasm_memory_size(0) * 65536u)
		if (__builtin_wasm_memory_grow(0, 1) == (size_t)-1)
			return NULL;
	void *p = (void *)heap_top;
	heap_top = end;
	return p;
}

void *malloc(size_t size)
{
	struct block **pp, *b;

	size = (size + 15) & ~(size_t)15;
	for (pp = &free_list; (b = *pp); pp = &b->next) {
		if (b->size >= size) {
			*pp = b->next;
			return b + 1;
		}
	}
	b = sbrk_pages(sizeof(struct block) + size);
	if (!b)
		return NULL;
	b->size = size;
	return b + 1;
}

void free(void *p)
{
	struct block *b;

	if (!p)
		return;
	b = (struct block *)p - 1;
	b->next = free_list;
	free_list = b;
}

void *calloc(size_t n, size_t size)
{
	void *p = malloc(n * size);

	return p ? memset(p, 0, n * size) : NULL;
}

void *realloc(void *p, size_t size)
{
	void *q;

	if (!p)
		return malloc(size);
	if (((struct block *)p - 1)->size >= size)
		return p;
	q = malloc(size);
	if (q) {
		memcpy(q, p, ((struct block *)p - 1)->size);
		free(p);
	}
	return q;
}

int fflush(void *f);
void exit(int status)
{
	_exit(status);
}

void abort(void)
{
	__syscall(SYS_kill, getpid(), 6, 0, 0, 0, 0);
	_exit(134);
}

int abs(int x) { return x < 0 ? -x : x; }

unsigned long long strtoull(const char *s, char **end, int base)
{
	unsigned long long v = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s == '+')
		s++;
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	for (;; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'z' ? *s - 'a' + 10 : *s >= 'A' && *s <= 'Z' ? *s - 'A' + 10 : 99;
		if (d >= base)
			break;
		v = v * base + d;
	}
	if (end)
		*end = (char *)s;
	return v;
}

long long strtoll(const char *s, char **end, int base)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s == '-')
		return -(long long)strtoull(s + 1, end, base);
	return (long long)strtoull(s, end, base);
}

long strtol(const char *s, char **end, int base) { return (long)strtoll(s, end, base); }
unsigned long strtoul(const char *s, char **end, int base) { return (unsigned long)strtoull(s, end, base); }
int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }

int main(int argc, char **argv);

void _start(void)
{
	static char buf[4096];
	static char *argv[64];
	int argc = __kwb_argv(buf, sizeof(buf));
	int i;
	char *p = buf;

	if (argc < 0)
		argc = 0;
	if (argc > 63)
		argc = 63;
	for (i = 0; i < argc; i++) {
		argv[i] = p;
		p += strlen(p) + 1;
	}
	argv[argc] = NULL;
	exit(main(argc, argv));
}
