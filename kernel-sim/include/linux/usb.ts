// Models linux/include/linux/usb.h, usb/hcd.h and uapi/linux/usb/ch9.h: USB devices, interfaces, endpoints, URBs, drivers and host controllers as usbcore sees them.
import type { KGen } from './sched.ts';
import type { device, device_driver } from '../../drivers/base/base.ts';
import type { wait_queue_head } from '../../kernel/sched/wait.ts';

// ---- ch9.h ---------------------------------------------------------------------
export const USB_DIR_OUT = 0, USB_DIR_IN = 0x80;
export const USB_TYPE_STANDARD = 0x00, USB_TYPE_CLASS = 0x20, USB_TYPE_VENDOR = 0x40;
export const USB_RECIP_DEVICE = 0, USB_RECIP_INTERFACE = 1, USB_RECIP_ENDPOINT = 2, USB_RECIP_OTHER = 3;
export const USB_REQ_GET_STATUS = 0, USB_REQ_CLEAR_FEATURE = 1, USB_REQ_SET_FEATURE = 3, USB_REQ_SET_ADDRESS = 5, USB_REQ_GET_DESCRIPTOR = 6;
export const USB_REQ_GET_CONFIGURATION = 8, USB_REQ_SET_CONFIGURATION = 9, USB_REQ_SET_INTERFACE = 11;
export const USB_DT_DEVICE = 1, USB_DT_CONFIG = 2, USB_DT_STRING = 3, USB_DT_INTERFACE = 4, USB_DT_ENDPOINT = 5, USB_DT_HUB = 0x29, USB_DT_SS_HUB = 0x2a;
export const USB_DT_DEVICE_SIZE = 18, USB_DT_CONFIG_SIZE = 9;
export const USB_ENDPOINT_NUMBER_MASK = 0x0f, USB_ENDPOINT_DIR_MASK = 0x80, USB_ENDPOINT_XFERTYPE_MASK = 3;
export const USB_ENDPOINT_XFER_CONTROL = 0, USB_ENDPOINT_XFER_ISOC = 1, USB_ENDPOINT_XFER_BULK = 2, USB_ENDPOINT_XFER_INT = 3;
export const USB_CLASS_PER_INTERFACE = 0, USB_CLASS_HID = 3, USB_CLASS_MASS_STORAGE = 8, USB_CLASS_HUB = 9, USB_CLASS_VENDOR_SPEC = 0xff;
export const USB_ENDPOINT_HALT = 0;

/** enum usb_device_speed. */
export const USB_SPEED_UNKNOWN = 0, USB_SPEED_LOW = 1, USB_SPEED_FULL = 2, USB_SPEED_HIGH = 3, USB_SPEED_WIRELESS = 4, USB_SPEED_SUPER = 5, USB_SPEED_SUPER_PLUS = 6;
/** usb_speed_string (drivers/usb/common/common.c). */
export const usb_speed_string = (s: number): string => ['UNKNOWN', 'low-speed', 'full-speed', 'high-speed', 'wireless', 'super-speed', 'super-speed-plus'][s] ?? 'UNKNOWN';
/** enum usb_device_state. */
export const USB_STATE_NOTATTACHED = 0, USB_STATE_ATTACHED = 1, USB_STATE_POWERED = 2, USB_STATE_DEFAULT = 4, USB_STATE_ADDRESS = 5, USB_STATE_CONFIGURED = 6;

export interface usb_device_descriptor {
  bLength: number; bDescriptorType: number; bcdUSB: number; bDeviceClass: number; bDeviceSubClass: number; bDeviceProtocol: number;
  bMaxPacketSize0: number; idVendor: number; idProduct: number; bcdDevice: number; iManufacturer: number; iProduct: number;
  iSerialNumber: number; bNumConfigurations: number;
}
export interface usb_endpoint_descriptor { bLength: number; bDescriptorType: number; bEndpointAddress: number; bmAttributes: number; wMaxPacketSize: number; bInterval: number }
export interface usb_interface_descriptor {
  bLength: number; bDescriptorType: number; bInterfaceNumber: number; bAlternateSetting: number; bNumEndpoints: number;
  bInterfaceClass: number; bInterfaceSubClass: number; bInterfaceProtocol: number; iInterface: number;
}
export interface usb_config_descriptor {
  bLength: number; bDescriptorType: number; wTotalLength: number; bNumInterfaces: number; bConfigurationValue: number;
  iConfiguration: number; bmAttributes: number; bMaxPower: number;
}

// ---- usb.h ---------------------------------------------------------------------
export interface usb_host_endpoint {
  desc: usb_endpoint_descriptor;
  urb_list: urb[];
  /** The host controller's per-endpoint state (xhci: the ring). */
  hcpriv: unknown;
  enabled: boolean;
}
export interface usb_host_interface { desc: usb_interface_descriptor; endpoint: usb_host_endpoint[]; string: string | null; extra: Uint8Array }
export interface usb_interface {
  altsetting: usb_host_interface[];
  cur_altsetting: usb_host_interface;
  minor: number;
  condition: 'unbound' | 'binding' | 'bound' | 'unbinding';
  dev: device;
  usb_dev: device | null;
  /** The class device usb_register_dev made (/dev/NAME). */
  class_dev: device | null;
}
export interface usb_host_config { desc: usb_config_descriptor; string: string | null; interface: usb_interface[]; intf_cache: usb_host_interface[][]; raw: Uint8Array }

export interface usb_bus {
  busnum: number;
  bus_name: string;
  controller: device;
  root_hub: usb_device | null;
  /** Addresses in use (devnum 1..127). */
  devmap: Set<number>;
  devnum_next: number;
  hcd: usb_hcd;
}

export interface usb_device {
  devnum: number;
  devpath: string;
  route: number;
  state: number;
  speed: number;
  parent: usb_device | null;
  bus: usb_bus;
  ep0: usb_host_endpoint;
  dev: device;
  descriptor: usb_device_descriptor;
  config: usb_host_config[];
  actconfig: usb_host_config | null;
  ep_in: (usb_host_endpoint | null)[];
  ep_out: (usb_host_endpoint | null)[];
  rawdescriptors: Uint8Array[];
  portnum: number;
  level: number;
  product: string | null;
  manufacturer: string | null;
  serial: string | null;
  /** The root port's number on the controller (xhci slot context). */
  rh_port: number;
  /** The host controller's handle for the device (xhci slot id). */
  slot_id: number;
  /** The hub state when a hub driver is bound (usb_hub_to_struct_hub). */
  hub: unknown;
  maxchild: number;
  children: (usb_device | null)[];
  /** Set once disconnect started: URB submissions fail with -ENODEV. */
  gone: boolean;
  authorized: boolean;
}

export interface usb_device_id {
  match_flags: number;
  idVendor?: number; idProduct?: number; bcdDevice_lo?: number; bcdDevice_hi?: number;
  bDeviceClass?: number; bDeviceSubClass?: number; bDeviceProtocol?: number;
  bInterfaceClass?: number; bInterfaceSubClass?: number; bInterfaceProtocol?: number; bInterfaceNumber?: number;
  driver_info?: number;
  /** Where a C driver's table entry lives (what its probe gets). */
  c_addr?: number;
}
export const USB_DEVICE_ID_MATCH_VENDOR = 0x0001, USB_DEVICE_ID_MATCH_PRODUCT = 0x0002, USB_DEVICE_ID_MATCH_DEV_LO = 0x0004, USB_DEVICE_ID_MATCH_DEV_HI = 0x0008;
export const USB_DEVICE_ID_MATCH_DEV_CLASS = 0x0010, USB_DEVICE_ID_MATCH_DEV_SUBCLASS = 0x0020, USB_DEVICE_ID_MATCH_DEV_PROTOCOL = 0x0040;
export const USB_DEVICE_ID_MATCH_INT_CLASS = 0x0080, USB_DEVICE_ID_MATCH_INT_SUBCLASS = 0x0100, USB_DEVICE_ID_MATCH_INT_PROTOCOL = 0x0200, USB_DEVICE_ID_MATCH_INT_NUMBER = 0x0400;
export const USB_DEVICE_ID_MATCH_DEVICE = USB_DEVICE_ID_MATCH_VENDOR | USB_DEVICE_ID_MATCH_PRODUCT;
export const USB_DEVICE_ID_MATCH_INT_INFO = USB_DEVICE_ID_MATCH_INT_CLASS | USB_DEVICE_ID_MATCH_INT_SUBCLASS | USB_DEVICE_ID_MATCH_INT_PROTOCOL;
export const USB_DEVICE = (idVendor: number, idProduct: number): usb_device_id => ({ match_flags: USB_DEVICE_ID_MATCH_DEVICE, idVendor, idProduct });
export const USB_INTERFACE_INFO = (cl: number, sc: number, pr: number): usb_device_id => ({ match_flags: USB_DEVICE_ID_MATCH_INT_INFO, bInterfaceClass: cl, bInterfaceSubClass: sc, bInterfaceProtocol: pr });
export const USB_DEVICE_INFO = (cl: number, sc: number, pr: number): usb_device_id => ({
  match_flags: USB_DEVICE_ID_MATCH_DEV_CLASS | USB_DEVICE_ID_MATCH_DEV_SUBCLASS | USB_DEVICE_ID_MATCH_DEV_PROTOCOL, bDeviceClass: cl, bDeviceSubClass: sc, bDeviceProtocol: pr,
});

export interface usb_driver {
  name: string;
  probe(intf: usb_interface, id: usb_device_id): KGen<number>;
  disconnect(intf: usb_interface): KGen<void>;
  id_table: usb_device_id[];
  /** The driver model's half (filled by usb_register_driver). */
  drvwrap: device_driver;
  owner?: string | null;
  no_dynamic_id?: boolean;
  soft_unbind?: boolean;
}
/** struct usb_device_driver: drivers of whole devices (usb_generic_driver). */
export interface usb_device_driver {
  name: string;
  probe(udev: usb_device): KGen<number>;
  disconnect(udev: usb_device): KGen<void>;
  drvwrap: device_driver;
}

// ---- URBs --------------------------------------------------------------------------
export const PIPE_ISOCHRONOUS = 0, PIPE_INTERRUPT = 1, PIPE_CONTROL = 2, PIPE_BULK = 3;
export const URB_SHORT_NOT_OK = 0x0001, URB_ZERO_PACKET = 0x0040, URB_NO_TRANSFER_DMA_MAP = 0x0004, URB_FREE_BUFFER = 0x0100;
export const __create_pipe = (dev: usb_device, endpoint: number): number => (dev.devnum << 8) | (endpoint << 15);
export const usb_sndctrlpipe = (d: usb_device, ep: number): number => (PIPE_CONTROL << 30) | __create_pipe(d, ep);
export const usb_rcvctrlpipe = (d: usb_device, ep: number): number => (PIPE_CONTROL << 30) | __create_pipe(d, ep) | USB_DIR_IN;
export const usb_sndbulkpipe = (d: usb_device, ep: number): number => (PIPE_BULK << 30) | __create_pipe(d, ep);
export const usb_rcvbulkpipe = (d: usb_device, ep: number): number => (PIPE_BULK << 30) | __create_pipe(d, ep) | USB_DIR_IN;
export const usb_sndintpipe = (d: usb_device, ep: number): number => (PIPE_INTERRUPT << 30) | __create_pipe(d, ep);
export const usb_rcvintpipe = (d: usb_device, ep: number): number => (PIPE_INTERRUPT << 30) | __create_pipe(d, ep) | USB_DIR_IN;
export const usb_pipein = (p: number): boolean => (p & USB_DIR_IN) !== 0;
export const usb_pipeendpoint = (p: number): number => (p >>> 15) & 0xf;
export const usb_pipetype = (p: number): number => (p >>> 30) & 3;
export const usb_pipedevice = (p: number): number => (p >>> 8) & 0x7f;

export interface urb {
  dev: usb_device | null;
  ep: usb_host_endpoint | null;
  pipe: number;
  transfer_flags: number;
  /** The data stage's bytes: a view of the submitter's buffer (a C driver's kernel memory, or a TS array). */
  transfer_buffer: Uint8Array;
  transfer_buffer_length: number;
  actual_length: number;
  setup_packet: Uint8Array | null;
  status: number;
  interval: number;
  complete: ((u: urb) => void) | null;
  context: unknown;
  /** The HCD's state while the URB is queued (xhci: the TD). */
  hcpriv: unknown;
  /** Submitted and not yet given back. */
  use_count: number;
  /** > 0 while usb_kill_urb/usb_poison_urb refuse new submissions. */
  reject: number;
  unlinked: number;
  refcount: number;
  /** A C driver's struct urb, whose fields mirror these (kapi/usb.ts). */
  c_addr: number;
  /** The DMA mapping of transfer_buffer while queued (usb_hcd_map_urb_for_dma). */
  transfer_dma: number;
  setup_dma: number;
}

// ---- hcd.h ---------------------------------------------------------------------------
export const HCD_DMA = 0x0002, HCD_USB2 = 0x0020, HCD_USB3 = 0x0040, HCD_USB31 = 0x0050, HCD_SHARED = 0x0004, HCD_BH = 0x0100, HCD_MEMORY = 0x0001;
/** Hub class requests as hub_control's typeReq (bmRequestType << 8 | bRequest). */
export const ClearHubFeature = 0x2001, ClearPortFeature = 0x2301, GetHubDescriptor = 0xa006, GetHubStatus = 0xa000, GetPortStatus = 0xa300;
export const SetHubFeature = 0x2003, SetPortFeature = 0x2303;
/** Port features and status bits (ch11.h). */
export const USB_PORT_FEAT_CONNECTION = 0, USB_PORT_FEAT_ENABLE = 1, USB_PORT_FEAT_SUSPEND = 2, USB_PORT_FEAT_RESET = 4, USB_PORT_FEAT_POWER = 8;
export const USB_PORT_FEAT_C_CONNECTION = 16, USB_PORT_FEAT_C_ENABLE = 17, USB_PORT_FEAT_C_SUSPEND = 18, USB_PORT_FEAT_C_RESET = 20;
export const USB_PORT_FEAT_BH_PORT_RESET = 28, USB_PORT_FEAT_C_BH_PORT_RESET = 29, USB_PORT_FEAT_C_PORT_LINK_STATE = 25;
export const USB_PORT_STAT_CONNECTION = 0x0001, USB_PORT_STAT_ENABLE = 0x0002, USB_PORT_STAT_RESET = 0x0010, USB_PORT_STAT_POWER = 0x0100;
export const USB_PORT_STAT_LOW_SPEED = 0x0200, USB_PORT_STAT_HIGH_SPEED = 0x0400, USB_SS_PORT_STAT_POWER = 0x0200;
export const USB_PORT_STAT_C_CONNECTION = 0x0001, USB_PORT_STAT_C_ENABLE = 0x0002, USB_PORT_STAT_C_RESET = 0x0010, USB_PORT_STAT_C_BH_RESET = 0x0020;

export interface hc_driver {
  description: string;
  product_desc: string;
  flags: number;
  /** Early setup before the root hub exists (xhci_gen_setup). */
  reset?(hcd: usb_hcd): KGen<number>;
  start(hcd: usb_hcd): KGen<number>;
  stop(hcd: usb_hcd): KGen<void>;
  urb_enqueue(hcd: usb_hcd, u: urb): number;
  urb_dequeue(hcd: usb_hcd, u: urb, status: number): number;
  endpoint_disable?(hcd: usb_hcd, ep: usb_host_endpoint): KGen<void>;
  hub_status_data(hcd: usb_hcd): number;
  hub_control(hcd: usb_hcd, typeReq: number, wValue: number, wIndex: number, buf: Uint8Array, wLength: number): number;
  alloc_dev?(hcd: usb_hcd, udev: usb_device): KGen<number>;
  free_dev?(hcd: usb_hcd, udev: usb_device): KGen<void>;
  enable_device?(hcd: usb_hcd, udev: usb_device): KGen<number>;
  address_device?(hcd: usb_hcd, udev: usb_device): KGen<number>;
  update_device?(hcd: usb_hcd, udev: usb_device): KGen<number>;
  /** Bandwidth for a new configuration: the endpoints of `config` (null: drop all) — xhci's add/drop endpoint + check_bandwidth. */
  check_bandwidth?(hcd: usb_hcd, udev: usb_device, config: usb_host_config | null): KGen<number>;
  reset_device?(hcd: usb_hcd, udev: usb_device): KGen<number>;
}

export interface usb_hcd {
  self: usb_bus;
  driver: hc_driver;
  product_desc: string;
  irq: number;
  speed: number;
  /** The USB 2.0 and the USB 3.0 halves of one xHCI share a controller (primary_hcd / shared_hcd). */
  primary_hcd: usb_hcd | null;
  shared_hcd: usb_hcd | null;
  status_urb: urb | null;
  poll_pending: boolean;
  rh_registered: boolean;
  hcd_priv: unknown;
  /** Wakes usb_kill_urb sleepers (usb_kill_urb_queue). */
  wq: wait_queue_head;
}
