#!/bin/sh
# Put vdb on bfq, low_latency off, a 4 ms idle slice.
echo bfq > /sys/block/vdb/queue/scheduler
echo 0 > /sys/block/vdb/queue/iosched/low_latency
echo 4000 > /sys/block/vdb/queue/iosched/slice_idle_us
