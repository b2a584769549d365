// Layouts of scheduling objects: wait queues, completions, timers, work items, tasklets, task_struct (include/linux/wait.h etc).
import type { StructSpec } from './spec.ts';

export const SCHED_LAYOUTS: StructSpec[] = [
  { tag: 'wait_queue_entry', header: 'linux/wait.h', members: [
    { name: 'flags', type: 'unsigned int' },
    { name: 'private', type: 'void *' },
    { name: 'func', type: 'wait_queue_func_t' },
    { name: 'entry', type: 'struct list_head' },
  ] },
  { tag: 'wait_queue_head', header: 'linux/wait.h', members: [
    { name: 'lock', type: 'spinlock_t' },
    { name: 'head', type: 'struct list_head' },
  ] },
  { tag: 'swait_queue_head', header: 'linux/swait.h', members: [
    { name: 'lock', type: 'raw_spinlock_t' },
    { name: 'task_list', type: 'struct list_head' },
  ] },
  { tag: 'completion', header: 'linux/completion.h', members: [
    { name: 'done', type: 'unsigned int' },
    { name: 'wait', type: 'struct swait_queue_head' },
  ] },
  { tag: 'timer_list', header: 'linux/timer.h', members: [
    { name: 'entry', type: 'struct hlist_node' },
    { name: 'expires', type: 'unsigned long' },
    { name: 'function', type: 'void (*%s)(struct timer_list *)' },
    { name: 'flags', type: 'u32' },
  ] },
  { tag: 'rb_node', header: 'linux/rbtree_types.h', members: [
    { name: '__rb_parent_color', type: 'unsigned long' },
    { name: 'rb_right', type: 'struct rb_node *' },
    { name: 'rb_left', type: 'struct rb_node *' },
  ] },
  { tag: 'timerqueue_node', header: 'linux/hrtimer.h', members: [
    { name: 'node', type: 'struct rb_node' },
    { name: 'expires', type: 'ktime_t' },
  ] },
  { tag: 'hrtimer', header: 'linux/hrtimer.h', members: [
    { name: 'node', type: 'struct timerqueue_node' },
    { name: '_softexpires', type: 'ktime_t' },
    { name: 'function', type: 'enum hrtimer_restart (*%s)(struct hrtimer *)' },
    { name: 'base', type: 'struct hrtimer_clock_base *' },
    { name: 'state', type: 'u8' },
    { name: 'is_rel', type: 'u8' },
    { name: 'is_soft', type: 'u8' },
    { name: 'is_hard', type: 'u8' },
  ] },
  { tag: 'work_struct', header: 'linux/workqueue.h', members: [
    { name: 'data', type: 'atomic_long_t' },
    { name: 'entry', type: 'struct list_head' },
    { name: 'func', type: 'work_func_t' },
  ] },
  { tag: 'delayed_work', header: 'linux/workqueue.h', members: [
    { name: 'work', type: 'struct work_struct' },
    { name: 'timer', type: 'struct timer_list' },
    { name: 'wq', type: 'struct workqueue_struct *' },
    { name: 'cpu', type: 'int' },
  ] },
  { tag: 'tasklet_struct', header: 'linux/interrupt.h', members: [
    { name: 'next', type: 'struct tasklet_struct *' },
    { name: 'state', type: 'unsigned long' },
    { name: 'count', type: 'atomic_t' },
    { name: 'use_callback', type: 'bool' },
    { union: [
      { name: 'func', type: 'void (*%s)(unsigned long data)' },
      { name: 'callback', type: 'void (*%s)(struct tasklet_struct *t)' },
    ] },
    { name: 'data', type: 'unsigned long' },
  ] },
  { tag: '', typedef: 'sigset_t', header: 'linux/signal_types.h', members: [{ name: 'sig', type: 'unsigned long', count: '_NSIG_WORDS' }] },
  { tag: 'sigpending', header: 'linux/signal_types.h', members: [
    { name: 'list', type: 'struct list_head' },
    { name: 'signal', type: 'sigset_t' },
  ] },
  { tag: 'task_struct', header: 'linux/sched.h', members: [
    { name: '__state', type: 'unsigned int' },
    { name: 'stack', type: 'void *' },
    { name: 'usage', type: 'refcount_t' },
    { name: 'flags', type: 'unsigned int' },
    { name: 'prio', type: 'int' },
    { name: 'static_prio', type: 'int' },
    { name: 'normal_prio', type: 'int' },
    { name: 'tasks', type: 'struct list_head' },
    { name: 'exit_state', type: 'int' },
    { name: 'exit_code', type: 'int' },
    { name: 'exit_signal', type: 'int' },
    { name: 'pid', type: 'pid_t' },
    { name: 'tgid', type: 'pid_t' },
    { name: 'real_parent', type: 'struct task_struct *' },
    { name: 'parent', type: 'struct task_struct *' },
    { name: 'children', type: 'struct list_head' },
    { name: 'sibling', type: 'struct list_head' },
    { name: 'group_leader', type: 'struct task_struct *' },
    { name: 'comm', type: 'char', count: 'TASK_COMM_LEN' },
    // The task's private pending signals and its blocked mask, as modules test them (LKMPG's sleep.c).
    { name: 'pending', type: 'struct sigpending' },
    { name: 'blocked', type: 'sigset_t' },
  ] },
];
