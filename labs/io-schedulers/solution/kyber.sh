#!/bin/sh
# Put vdb on kyber with a 1 ms read latency target.
modprobe kyber-iosched
echo kyber > /sys/block/vdb/queue/scheduler
echo 1000000 > /sys/block/vdb/queue/iosched/read_lat_nsec
