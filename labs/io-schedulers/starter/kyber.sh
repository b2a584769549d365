#!/bin/sh
# Put vdb on kyber with a 1 ms read latency target.
