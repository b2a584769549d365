/* Models include/linux/hrtimer.h: high-resolution timers on the virtual nanosecond clock. */
#ifndef _LINUX_HRTIMER_H
#define _LINUX_HRTIMER_H
#include <linux/rbtree_types.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/timer.h>

struct hrtimer_clock_base;
struct hrtimer_cpu_base;
enum hrtimer_mode {
	HRTIMER_MODE_ABS	= 0x00,
	HRTIMER_MODE_REL	= 0x01,
	HRTIMER_MODE_PINNED	= 0x02,
	HRTIMER_MODE_SOFT	= 0x04,
	HRTIMER_MODE_HARD	= 0x08,
	HRTIMER_MODE_ABS_PINNED = HRTIMER_MODE_ABS | HRTIMER_MODE_PINNED,
	HRTIMER_MODE_REL_PINNED = HRTIMER_MODE_REL | HRTIMER_MODE_PINNED,
	HRTIMER_MODE_ABS_SOFT	= HRTIMER_MODE_ABS | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_REL_SOFT	= HRTIMER_MODE_REL | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_ABS_PINNED_SOFT = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_REL_PINNED_SOFT = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_ABS_HARD	= HRTIMER_MODE_ABS | HRTIMER_MODE_HARD,
	HRTIMER_MODE_REL_HARD	= HRTIMER_MODE_REL | HRTIMER_MODE_HARD,
	HRTIMER_MODE_ABS_PINNED_HARD = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_HARD,
	HRTIMER_MODE_REL_PINNED_HARD = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_HARD,
};
enum hrtimer_restart {
	HRTIMER_NORESTART,
	HRTIMER_RESTART,
};
#define HRTIMER_STATE_INACTIVE	0x00
#define HRTIMER_STATE_ENQUEUED	0x01

/* <kwb-layout timerqueue_node>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct timerqueue_node {
	struct rb_node node;
	ktime_t expires;
};
/* </kwb-layout timerqueue_node> */

/* <kwb-layout hrtimer>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct hrtimer {
	struct timerqueue_node node;
	ktime_t _softexpires;
	enum hrtimer_restart (*function)(struct hrtimer *);
	struct hrtimer_clock_base *base;
	u8 state;
	u8 is_rel;
	u8 is_soft;
	u8 is_hard;
};
/* </kwb-layout hrtimer> */

extern void hrtimer_init(struct hrtimer *timer, clockid_t which_clock, enum hrtimer_mode mode);
extern void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim, u64 range_ns, const enum hrtimer_mode mode);
static inline void hrtimer_start(struct hrtimer *timer, ktime_t tim, const enum hrtimer_mode mode) { hrtimer_start_range_ns(timer, tim, 0, mode); }
extern int hrtimer_cancel(struct hrtimer *timer);
extern int hrtimer_try_to_cancel(struct hrtimer *timer);
extern u64 hrtimer_forward(struct hrtimer *timer, ktime_t now, ktime_t interval);
extern u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval);
extern bool hrtimer_active(const struct hrtimer *timer);
extern ktime_t hrtimer_cb_get_time(struct hrtimer *timer);
extern ktime_t __hrtimer_get_remaining(const struct hrtimer *timer, bool adjust);
static inline ktime_t hrtimer_get_remaining(const struct hrtimer *timer) { return __hrtimer_get_remaining(timer, false); }
static inline bool hrtimer_is_queued(struct hrtimer *timer) { return !!(READ_ONCE(timer->state) & HRTIMER_STATE_ENQUEUED); }
static inline void hrtimer_set_expires(struct hrtimer *timer, ktime_t time) { timer->node.expires = time; timer->_softexpires = time; }
static inline ktime_t hrtimer_get_expires(const struct hrtimer *timer) { return timer->node.expires; }
static inline void hrtimer_restart(struct hrtimer *timer) { hrtimer_start(timer, hrtimer_get_expires(timer), HRTIMER_MODE_ABS); }
#endif
