/* stddef.h for user programs (wasm32). */
#ifndef _STDDEF_H
#define _STDDEF_H
#define NULL ((void *)0)
typedef unsigned long size_t;
typedef long ptrdiff_t;
typedef int wchar_t;
#define offsetof(t, m) __builtin_offsetof(t, m)
#endif
