/* Models include/linux/stringify.h. */
#ifndef __LINUX_STRINGIFY_H
#define __LINUX_STRINGIFY_H
#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)
#define __PASTE(a,b) ___PASTE(a,b)
#define ___PASTE(a,b) a##b
#define FILE_LINE	__FILE__ ":" __stringify(__LINE__)
#endif
