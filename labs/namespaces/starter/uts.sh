#!/bin/sh
# TODO: see the step "uts" in the lab.
