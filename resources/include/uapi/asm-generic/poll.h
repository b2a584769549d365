/* Models include/uapi/asm-generic/poll.h and uapi/linux/eventpoll.h: poll event bits. */
#ifndef __ASM_GENERIC_POLL_H
#define __ASM_GENERIC_POLL_H
#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLMSG		0x0400
#define POLLREMOVE	0x1000
#define POLLRDHUP       0x2000
#ifdef __KERNEL__
#define EPOLLIN		((__force __poll_t)0x00000001)
#define EPOLLPRI	((__force __poll_t)0x00000002)
#define EPOLLOUT	((__force __poll_t)0x00000004)
#define EPOLLERR	((__force __poll_t)0x00000008)
#define EPOLLHUP	((__force __poll_t)0x00000010)
#define EPOLLNVAL	((__force __poll_t)0x00000020)
#define EPOLLRDNORM	((__force __poll_t)0x00000040)
#define EPOLLRDBAND	((__force __poll_t)0x00000080)
#define EPOLLWRNORM	((__force __poll_t)0x00000100)
#define EPOLLWRBAND	((__force __poll_t)0x00000200)
#define EPOLLMSG	((__force __poll_t)0x00000400)
#define EPOLLRDHUP	((__force __poll_t)0x00002000)
#endif
#endif
