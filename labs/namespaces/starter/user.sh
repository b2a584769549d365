#!/bin/sh
# TODO: see the step "user" in the lab.
