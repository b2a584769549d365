/* errno.h for user programs: Linux's values. */
#ifndef _ERRNO_H
#define _ERRNO_H
#include <asm-generic/errno.h>
extern int errno;
#endif
