/* Models include/linux/rtc.h: the user-level RTC API (uapi/linux/rtc.h) and the calendar helpers that need no RTC class; the class's struct rtc_device and its registration are not here (this kernel builds no RTC class drivers from C). */
#ifndef _LINUX_RTC_H_
#define _LINUX_RTC_H_

#include <linux/types.h>
#include <linux/interrupt.h>
#include <linux/nvmem-provider.h>
#include <uapi/linux/rtc.h>

#include <linux/device.h>
#include <linux/seq_file.h>
#include <linux/cdev.h>
#include <linux/poll.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

static inline bool is_leap_year(unsigned int year)
{
	return (!(year % 4) && (year % 100)) || !(year % 400);
}

#endif /* _LINUX_RTC_H_ */
