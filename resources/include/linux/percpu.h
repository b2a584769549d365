/* Models include/linux/percpu.h: one simulated CPU, so per-CPU variables are plain variables. */
#ifndef __LINUX_PERCPU_H
#define __LINUX_PERCPU_H
#include <linux/cpumask.h>
#define DEFINE_PER_CPU(type, name) __typeof__(type) name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name
#define per_cpu(var, cpu) (*((void)(cpu), &(var)))
#define this_cpu_ptr(ptr) (ptr)
#define get_cpu_var(var) (var)
#define put_cpu_var(var) do { (void)&(var); } while (0)
#define smp_processor_id() 0
#define raw_smp_processor_id() 0
#define get_cpu() 0
#define put_cpu() do { } while (0)
#define num_online_cpus() 1U
#define nr_cpu_ids 1U
#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < 1; (cpu)++)
#define for_each_online_cpu(cpu) for ((cpu) = 0; (cpu) < 1; (cpu)++)
#endif
