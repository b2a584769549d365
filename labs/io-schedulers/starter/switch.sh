#!/bin/sh
# Put vdb on mq-deadline and set its read deadline (see the step's text).
