#!/bin/sh
reboot -f
