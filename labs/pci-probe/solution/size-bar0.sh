#!/bin/sh
# Size edu's BAR0 by hand, as __pci_read_base() does: save, write all ones, read the mask back, restore.
saved=$(setpci -s 00:02.0 BASE_ADDRESS_0)
setpci -s 00:02.0 BASE_ADDRESS_0=ffffffff
mask=$(setpci -s 00:02.0 BASE_ADDRESS_0)
setpci -s 00:02.0 BASE_ADDRESS_0=$saved
echo "BAR0 was $saved, read back $mask after writing ffffffff"
