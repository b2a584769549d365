#!/bin/sh
# Reboot the machine here.
