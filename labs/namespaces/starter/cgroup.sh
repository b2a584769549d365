#!/bin/sh
# TODO: see the step "cgroup" in the lab.
