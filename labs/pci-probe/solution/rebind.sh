#!/bin/sh
# Unbind 0000:00:02.0 from the edu driver, then bind it again.
echo 0000:00:02.0 > /sys/bus/pci/drivers/edu/unbind
echo 0000:00:02.0 > /sys/bus/pci/drivers/edu/bind
