#!/bin/sh
# Put vdb on mq-deadline and set its read deadline (see the step's text).
echo mq-deadline > /sys/block/vdb/queue/scheduler
echo 100 > /sys/block/vdb/queue/iosched/read_expire
