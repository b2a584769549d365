#!/bin/sh
# Unbind 0000:00:02.0 from the edu driver, then bind it again (rebind).
