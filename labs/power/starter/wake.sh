#!/bin/sh
# Suspend to RAM until the RTC alarm wakes the machine 5 seconds later.
