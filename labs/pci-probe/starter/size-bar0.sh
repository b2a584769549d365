#!/bin/sh
# Size edu's BAR0 by hand (bar-sizing):
#   1. save the current value of BASE_ADDRESS_0 of 00:02.0
#   2. write ffffffff to it
#   3. print what you read back
#   4. write the saved value back
