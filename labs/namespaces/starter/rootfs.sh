#!/bin/sh
# TODO: see the step "rootfs" in the lab.
