#!/bin/sh
# Put vdb on bfq, low_latency off, a 4 ms idle slice.
