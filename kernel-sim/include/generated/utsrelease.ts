// Models linux/include/generated/utsrelease.h and compile.h: the release and version strings the build stamps in (uname -r, uname -v).
export const UTS_RELEASE = '6.1.0-kwb';
export const UTS_VERSION = '#1 SMP PREEMPT_DYNAMIC Kernel Workbench 6.1.0-1 (2026-11-01)';
