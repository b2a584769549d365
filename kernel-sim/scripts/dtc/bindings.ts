// Models Linux Documentation/devicetree/bindings (the dt-schema YAML files) as data: what each `compatible` requires and allows.

export type PropType = 'empty' | 'u32' | 'u64' | 'cells' | 'string' | 'string-list' | 'phandle-array' | 'bytes';

export interface PropSchema {
  type: PropType;
  /** Allowed values (strings, or numbers for u32). */
  enum?: ReadonlyArray<string | number>;
  min?: number;
  max?: number;
  /** For 'cells': exact number of cells. */
  cells?: number;
  desc: string;
}

export interface ChildSchema {
  desc: string;
  required: string[];
  properties: Record<string, PropSchema>;
}

export interface BindingSchema {
  compatible: string;
  desc: string;
  /** Where the node must sit: under a PCI bus node, an ISA bridge, or anywhere with MMIO (root/simple-bus). */
  bus?: 'pci' | 'isa' | 'mmio';
  required: string[];
  properties: Record<string, PropSchema>;
  /** Every child node must follow this (e.g. the LEDs of gpio-leds). */
  children?: ChildSchema;
  /** The node describes a bus: its children use these cell counts. */
  child_cells?: { address: number; size: number };
}

const BUS_PCI: Record<string, PropSchema> = {
  '#address-cells': { type: 'u32', enum: [3], desc: 'PCI addresses take 3 cells (phys.hi, phys.mid, phys.lo)' },
  '#size-cells': { type: 'u32', enum: [2], desc: 'PCI sizes take 2 cells' },
  device_type: { type: 'string', enum: ['pci'], desc: 'marks a PCI bus node' },
};

const PCI_BRIDGE_KNOBS: Record<string, PropSchema> = {
  ...BUS_PCI,
  'kwb,chassis': { type: 'u32', min: 0, max: 255, desc: 'chassis number (QEMU chassis=)' },
  'kwb,slot': { type: 'u32', min: 0, max: 8191, desc: 'physical slot number (QEMU slot=)' },
};

const pci_fn = (compatible: string, desc: string, extra: Record<string, PropSchema> = {}, more: Partial<BindingSchema> = {}): BindingSchema => ({
  compatible,
  desc,
  bus: 'pci',
  required: ['reg'],
  properties: extra,
  ...more,
});

/** What every GPIO controller node of this machine's bindings declares (the gpio-controller binding). */
const GPIO_CONTROLLER_PROPERTIES = {
  'gpio-controller': { type: 'empty', desc: 'marks a GPIO controller' },
  '#gpio-cells': { type: 'u32', enum: [2], desc: '<line flags>' },
  ngpios: { type: 'u32', min: 1, max: 32, desc: 'number of lines' },
} as const;

/** The bindings the workbench knows. Unknown `kwb,` knobs on these nodes are errors (typos); other unknown properties are allowed. */
export const BINDINGS: readonly BindingSchema[] = [
  pci_fn('qemu,edu', "QEMU's educational PCI device", {
    'kwb,dma-mask': { type: 'u64', desc: 'RAM address mask for DMA (QEMU dma_mask), default 0x0fffffff' },
    'kwb,fact-delay-ns': { type: 'u32', min: 1, desc: 'virtual time a factorial takes (default 10000)' },
    'kwb,dma-delay-ns': { type: 'u32', min: 1, desc: 'virtual time a DMA transfer takes (default 100000000)' },
  }),
  pci_fn('qemu,virtio-blk-pci', 'virtio block device (PCI function)', {
    'kwb,num-queues': { type: 'u32', min: 1, max: 16, desc: 'request queues (MSI-X vectors = queues + 1)' },
    'kwb,capacity-sectors': { type: 'u64', desc: 'disk size in 512-byte sectors' },
    'kwb,disk-model': { type: 'string', enum: ['virtio', 'hdd', 'sata-ssd', 'nvme'], desc: 'what the disk behaves like in virtual time (default virtio)' },
    'kwb,image': { type: 'string', enum: ['rootfs'], desc: 'contents on first boot: "rootfs" is an MBR with one ext2 partition of the root tree (kept across reboots)' },
  }),
  pci_fn('qemu,virtio-net-pci', 'virtio network device (PCI function) with the user-mode network (slirp) behind it', {
    'local-mac-address': { type: 'bytes', desc: 'the MAC address (default 52:54:00:12:34:56, as QEMU gives its first NIC)' },
  }),
  pci_fn('qemu,qemu-xhci', 'QEMU XHCI host controller (qemu-xhci); USB devices are plugged into its ports at run time'),
  pci_fn('qemu,pcie-root-port', 'PCI Express root port', { ...PCI_BRIDGE_KNOBS, 'kwb,port': { type: 'u32', min: 0, max: 255, desc: 'port number in Link Capabilities' } }, { required: ['reg', '#address-cells', '#size-cells'], child_cells: { address: 3, size: 2 } }),
  pci_fn('qemu,pcie-pci-bridge', 'PCI Express to PCI bridge', PCI_BRIDGE_KNOBS, { required: ['reg', '#address-cells', '#size-cells'], child_cells: { address: 3, size: 2 } }),
  pci_fn('qemu,pci-bridge', 'PCI-PCI bridge', PCI_BRIDGE_KNOBS, { required: ['reg', '#address-cells', '#size-cells'], child_cells: { address: 3, size: 2 } }),
  pci_fn('intel,q35-mch', 'Q35 memory controller hub (host bridge function 00:00.0)'),
  pci_fn(
    'intel,ich9-lpc',
    'ICH9 LPC/ISA bridge; ISA devices (UARTs) are its children',
    {
      '#address-cells': { type: 'u32', enum: [2], desc: 'ISA addresses: <space address> (space 1 = I/O ports)' },
      '#size-cells': { type: 'u32', enum: [1], desc: 'ISA sizes take 1 cell' },
    },
    { child_cells: { address: 2, size: 1 } },
  ),
  pci_fn('intel,ich9-ahci', 'ICH9 SATA controller (identity only)'),
  pci_fn('intel,ich9-smbus', 'ICH9 SMBus controller (identity only)'),
  pci_fn('qemu,std-vga', 'QEMU standard VGA (identity only)'),
  {
    compatible: 'pci-host-ecam-generic',
    desc: 'PCI Express host bridge with ECAM config space',
    bus: 'mmio',
    required: ['reg', 'device_type', '#address-cells', '#size-cells'],
    properties: {
      ...BUS_PCI,
      'bus-range': { type: 'cells', cells: 2, desc: 'first and last bus number' },
      'linux,pci-domain': { type: 'u32', desc: 'PCI segment (domain) number' },
      ranges: { type: 'cells', desc: 'I/O and memory windows' },
    },
    child_cells: { address: 3, size: 2 },
  },
  {
    compatible: 'ns16550a',
    desc: '16550A UART',
    bus: 'isa',
    required: ['reg', 'clock-frequency'],
    properties: {
      'clock-frequency': { type: 'u32', min: 1, desc: 'input clock in Hz (1843200 on a PC)' },
      'current-speed': { type: 'u32', enum: [300, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200], desc: 'baud rate' },
      interrupts: { type: 'cells', desc: 'ISA IRQ and trigger type' },
      'reg-shift': { type: 'u32', enum: [0], desc: 'registers are 1 byte apart' },
      'kwb,paced': { type: 'empty', desc: 'transmit takes 10 bit times per byte at the programmed baud rate' },
    },
  },
  {
    compatible: 'intel,8042',
    desc: 'i8042 PS/2 keyboard controller (keyboard port and aux port)',
    bus: 'isa',
    required: ['reg'],
    properties: {
      interrupts: { type: 'cells', cells: 4, desc: 'the keyboard port\'s and the aux port\'s ISA IRQs with their trigger types' },
    },
  },
  {
    compatible: 'intel,ce4100-ioapic',
    desc: 'I/O APIC',
    bus: 'mmio',
    required: ['reg', 'interrupt-controller', '#interrupt-cells'],
    properties: {
      'interrupt-controller': { type: 'empty', desc: 'marks an interrupt controller' },
      '#interrupt-cells': { type: 'u32', enum: [2], desc: '<irq type>' },
    },
  },
  {
    compatible: 'fixed-clock',
    desc: 'fixed-rate clock',
    required: ['#clock-cells', 'clock-frequency'],
    properties: {
      '#clock-cells': { type: 'u32', enum: [0], desc: 'a fixed clock has one output' },
      'clock-frequency': { type: 'u32', min: 1, desc: 'rate in Hz' },
      'clock-accuracy': { type: 'u32', desc: 'accuracy in ppb' },
      'clock-output-names': { type: 'string-list', desc: 'name of the output' },
    },
  },
  {
    compatible: 'kwb,simple-gpio',
    desc: 'simple MMIO GPIO controller (DAT/SET/CLR/DIROUT registers)',
    bus: 'mmio',
    required: ['reg', 'gpio-controller', '#gpio-cells'],
    properties: {
      ...GPIO_CONTROLLER_PROPERTIES,
      clocks: { type: 'phandle-array', desc: 'input clock' },
    },
  },
  {
    compatible: 'kwb,gpio-bank',
    desc: 'MMIO GPIO bank with edge interrupts (DAT/SET/CLR/DIROUT, IRQ_EN/RISE/FALL/STAT), driven by gpiolib',
    bus: 'mmio',
    required: ['reg', 'gpio-controller', '#gpio-cells'],
    properties: {
      ...GPIO_CONTROLLER_PROPERTIES,
      'gpio-line-names': { type: 'string-list', desc: 'a name per line ("" for none)' },
      'interrupt-controller': { type: 'empty', desc: 'its lines are interrupt sources' },
      '#interrupt-cells': { type: 'u32', enum: [2], desc: '<line type>' },
    },
  },
  {
    compatible: 'gpio-keys',
    desc: 'buttons on GPIO lines (an input device)',
    required: [],
    properties: {
      autorepeat: { type: 'empty', desc: 'key repeat' },
      label: { type: 'string', desc: 'input device name' },
    },
    children: {
      desc: 'one button',
      required: ['linux,code'],
      properties: {
        gpios: { type: 'phandle-array', desc: '<&controller line flags>' },
        label: { type: 'string', desc: 'button name' },
        'linux,code': { type: 'u32', desc: 'key or button code (input-event-codes.h)' },
        'debounce-interval': { type: 'u32', desc: 'ms' },
        'wakeup-source': { type: 'empty', desc: 'the button can wake the system' },
      },
    },
  },
  {
    compatible: 'kwb,gpio-demo',
    desc: 'an LED and a push button on GPIO lines, for a learner\'s driver (test/fixtures/drivers/gpio-demo)',
    required: ['led-gpios', 'button-gpios'],
    properties: {
      'led-gpios': { type: 'phandle-array', desc: '<&controller line flags> of the LED' },
      'button-gpios': { type: 'phandle-array', desc: '<&controller line flags> of the button' },
    },
  },
  {
    compatible: 'gpio-leds',
    desc: 'LEDs on GPIO lines',
    required: [],
    properties: {},
    children: {
      desc: 'one LED',
      required: ['gpios'],
      properties: {
        gpios: { type: 'phandle-array', desc: '<&controller line flags>' },
        label: { type: 'string', desc: 'LED name in /sys/class/leds' },
        'linux,default-trigger': { type: 'string', desc: 'trigger, e.g. "heartbeat"' },
        'default-state': { type: 'string', enum: ['on', 'off', 'keep'], desc: 'state at boot' },
      },
    },
  },
  // i2c: slaves on an I2C/SMBus controller; reg is the 7-bit address.
  { compatible: 'national,lm75', desc: 'LM75 temperature sensor (I2C)', required: ['reg'], properties: {
    'kwb,temperature-millicelsius': { type: 'u32', desc: 'temperature at power-on, millidegrees Celsius (default 25000)' },
    'interrupts-extended': { type: 'phandle-array', desc: 'the GPIO line the OS (alert) pin drives' },
  } },
  { compatible: 'atmel,24c02', desc: 'AT24C02 EEPROM, 256 bytes (I2C)', required: ['reg'], properties: { pagesize: { type: 'u32', enum: [8], desc: 'page size in bytes' } } },
  { compatible: 'atmel,24c01', desc: 'AT24C01 EEPROM, 128 bytes (I2C)', required: ['reg'], properties: { pagesize: { type: 'u32', enum: [8], desc: 'page size in bytes' } } },
  // spi: a DesignWare SSI controller and the devices on its chip selects (reg is the chip select).
  { compatible: 'snps,dw-apb-ssi', desc: 'DesignWare APB SSI (SPI) controller', bus: 'mmio', required: ['reg', '#address-cells', '#size-cells', 'clocks'], child_cells: { address: 1, size: 0 }, properties: {
    'num-cs': { type: 'u32', min: 1, max: 16, desc: 'number of chip selects (default 4)' },
    clocks: { type: 'phandle-array', desc: 'ssi_clk, the reference clock' },
    'reg-io-width': { type: 'u32', enum: [2, 4], desc: 'register access width in bytes' },
    'kwb,fifo-depth': { type: 'u32', enum: [2, 4, 8, 16, 32, 64, 128], desc: 'TX/RX FIFO depth in words (default 16)' },
  } },
  { compatible: 'jedec,spi-nor', desc: 'SPI NOR flash (modelled: Winbond W25Q32, 4 MiB)', required: ['reg', 'spi-max-frequency'], properties: {
    'spi-max-frequency': { type: 'u32', min: 1, desc: 'fastest SCK the part takes, Hz' },
  } },
  { compatible: 'lineartechnology,ltc2488', desc: 'LTC2488 16-bit 4-channel ADC (SPI mode 0)', required: ['reg', 'spi-max-frequency'], properties: {
    'spi-max-frequency': { type: 'u32', min: 1, desc: 'fastest SCK the part takes, Hz' },
    'kwb,vref-microvolt': { type: 'u32', min: 1, desc: 'reference voltage (default 5000000); full scale is Vref/2' },
    'kwb,channel-microvolt': { type: 'cells', cells: 4, desc: 'CH0..CH3 above COM, microvolts' },
  } },
];

export const BINDINGS_BY_COMPATIBLE: ReadonlyMap<string, BindingSchema> = new Map(BINDINGS.map((b) => [b.compatible, b]));

/** Properties every node may carry (Devicetree Specification, chapter 2.3). */
export const STANDARD_PROPERTIES: Record<string, PropSchema> = {
  compatible: { type: 'string-list', desc: 'programming model' },
  model: { type: 'string', desc: 'model name' },
  status: { type: 'string', enum: ['okay', 'ok', 'disabled', 'reserved', 'fail'], desc: 'whether the device is usable' },
  reg: { type: 'cells', desc: 'addresses' },
  '#address-cells': { type: 'u32', desc: 'cells of a child address' },
  '#size-cells': { type: 'u32', desc: 'cells of a child size' },
  device_type: { type: 'string', desc: 'legacy device type' },
  phandle: { type: 'u32', desc: 'node handle' },
  'interrupt-parent': { type: 'phandle-array', desc: 'interrupt controller' },
  interrupts: { type: 'cells', desc: 'interrupt specifiers' },
};
