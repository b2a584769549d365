// Models the register and data-structure layout of the xHCI 1.1 specification (QEMU hw/usb/hcd-xhci.h): TRB types, completion codes, PORTSC bits and context fields, shared by the controller model and the kernel's xhci driver.

/** Register blocks in BAR0 (QEMU's qemu-xhci: capability, operational at 0x40, ports at 0x440, runtime at 0x1000, doorbells at 0x2000). */
export const XHCI_CAPLENGTH = 0x40, XHCI_OPER = 0x40, XHCI_PORTS = 0x440, XHCI_RUNTIME = 0x1000, XHCI_DOORBELL = 0x2000;
export const XHCI_LEN_REGS = 0x4000;
export const XHCI_HCIVERSION = 0x0100;

/** Capability registers. */
export const CAP_CAPLENGTH = 0x00, CAP_HCSPARAMS1 = 0x04, CAP_HCSPARAMS2 = 0x08, CAP_HCSPARAMS3 = 0x0c, CAP_HCCPARAMS1 = 0x10;
export const CAP_DBOFF = 0x14, CAP_RTSOFF = 0x18, CAP_HCCPARAMS2 = 0x1c, XHCI_EXTCAP_START = 0x20;
/** Operational registers (offsets from XHCI_OPER). */
export const OP_USBCMD = 0x00, OP_USBSTS = 0x04, OP_PAGESIZE = 0x08, OP_DNCTRL = 0x14, OP_CRCR = 0x18, OP_DCBAAP = 0x30, OP_CONFIG = 0x38;
/** Port register set (offsets from a port's 0x10-byte block). */
export const PORT_SC = 0x0, PORT_PMSC = 0x4, PORT_LI = 0x8, PORT_HLPMC = 0xc;
/** Runtime registers: MFINDEX, then interrupter register sets of 0x20 bytes from 0x20. */
export const RT_MFINDEX = 0x00, RT_IR0 = 0x20, IR_IMAN = 0x00, IR_IMOD = 0x04, IR_ERSTSZ = 0x08, IR_ERSTBA = 0x10, IR_ERDP = 0x18;

export const CMD_RUN = 1 << 0, CMD_RESET = 1 << 1, CMD_EIE = 1 << 2, CMD_HSEIE = 1 << 3;
export const STS_HALT = 1 << 0, STS_FATAL = 1 << 2, STS_EINT = 1 << 3, STS_PORT = 1 << 4, STS_CNR = 1 << 11;
export const CMD_RING_RUNNING = 1 << 3, CMD_RING_ABORT = 1 << 2;
export const IMAN_IP = 1 << 0, IMAN_IE = 1 << 1;
export const ERDP_EHB = 1 << 3;

/** PORTSC bits. */
export const PORT_CONNECT = 1 << 0, PORT_PE = 1 << 1, PORT_OC = 1 << 3, PORT_RESET = 1 << 4, PORT_PLS_SHIFT = 5, PORT_PLS_MASK = 0xf << 5;
export const PORT_POWER = 1 << 9, PORT_SPEED_SHIFT = 10, PORT_SPEED_MASK = 0xf << 10, PORT_LINK_STROBE = 1 << 16;
export const PORT_CSC = 1 << 17, PORT_PEC = 1 << 18, PORT_WRC = 1 << 19, PORT_OCC = 1 << 20, PORT_RC = 1 << 21, PORT_PLC = 1 << 22, PORT_CEC = 1 << 23;
export const PORT_CAS = 1 << 24, PORT_WKCONN_E = 1 << 25, PORT_WKDISC_E = 1 << 26, PORT_WKOC_E = 1 << 27, PORT_DEV_REMOVE = 1 << 30, PORT_WR = 1 << 31;
export const PORT_CHANGE_MASK = PORT_CSC | PORT_PEC | PORT_WRC | PORT_OCC | PORT_RC | PORT_PLC | PORT_CEC;
/** Port link states. */
export const XDEV_U0 = 0, XDEV_U3 = 3, XDEV_RXDETECT = 5, XDEV_POLLING = 7;
/** Protocol speed IDs (the default PSI table). */
export const XDEV_FS = 1, XDEV_LS = 2, XDEV_HS = 3, XDEV_SS = 4;

/** TRB types. */
export const TRB_NORMAL = 1, TRB_SETUP = 2, TRB_DATA = 3, TRB_STATUS = 4, TRB_LINK = 6, TRB_EVENT_DATA = 7, TRB_TR_NOOP = 8;
export const TRB_ENABLE_SLOT = 9, TRB_DISABLE_SLOT = 10, TRB_ADDR_DEV = 11, TRB_CONFIG_EP = 12, TRB_EVAL_CONTEXT = 13;
export const TRB_RESET_EP = 14, TRB_STOP_RING = 15, TRB_SET_DEQ = 16, TRB_RESET_DEV = 17, TRB_CMD_NOOP = 23;
export const TRB_TRANSFER = 32, TRB_COMPLETION = 33, TRB_PORT_STATUS = 34, TRB_HC_EVENT = 37;
/** TRB control bits. */
export const TRB_CYCLE = 1 << 0, TRB_ENT = 1 << 1, LINK_TOGGLE = 1 << 1, TRB_ISP = 1 << 2, TRB_CHAIN = 1 << 4, TRB_IOC = 1 << 5, TRB_IDT = 1 << 6;
export const TRB_BSR = 1 << 9, TRB_DC = 1 << 9, TRB_DIR_IN = 1 << 16;
export const TRB_TX_TYPE_NO_DATA = 0, TRB_TX_TYPE_OUT = 2, TRB_TX_TYPE_IN = 3;
export const TRB_TYPE = (t: number): number => t << 10;
export const TRB_FIELD_TO_TYPE = (c: number): number => (c >>> 10) & 0x3f;
export const TRB_TO_SLOT_ID = (c: number): number => c >>> 24;
export const TRB_TO_EP_ID = (c: number): number => (c >>> 16) & 0x1f;
export const SLOT_ID_FOR_TRB = (s: number): number => (s & 0xff) << 24;
export const EP_ID_FOR_TRB = (dci: number): number => (dci & 0x1f) << 16;

/** Completion codes. */
export const COMP_SUCCESS = 1, COMP_DATA_BUFFER_ERROR = 2, COMP_BABBLE = 3, COMP_USB_TRANSACTION_ERROR = 4, COMP_TRB_ERROR = 5;
export const COMP_STALL_ERROR = 6, COMP_NO_SLOTS_AVAILABLE = 9, COMP_SLOT_NOT_ENABLED = 11, COMP_EP_NOT_ENABLED = 12, COMP_SHORT_PACKET = 13;
export const COMP_PARAMETER_ERROR = 17, COMP_CONTEXT_STATE_ERROR = 19, COMP_STOPPED = 26;
export const GET_COMP_CODE = (s: number): number => s >>> 24;
export const EVENT_TRB_LEN = (s: number): number => s & 0xffffff;

/** Context layout (CSZ = 0: 32-byte contexts). Slot and endpoint states. */
export const CTX_SIZE = 32;
export const SLOT_STATE_DISABLED = 0, SLOT_STATE_DEFAULT = 1, SLOT_STATE_ADDRESSED = 2, SLOT_STATE_CONFIGURED = 3;
export const EP_STATE_DISABLED = 0, EP_STATE_RUNNING = 1, EP_STATE_HALTED = 2, EP_STATE_STOPPED = 3, EP_STATE_ERROR = 4;
export const CTRL_EP = 4, BULK_OUT_EP = 2, BULK_IN_EP = 6, INT_OUT_EP = 3, INT_IN_EP = 7, ISOC_OUT_EP = 1, ISOC_IN_EP = 5;
export const LAST_CTX = (n: number): number => n << 27;
export const ROOT_HUB_PORT = (p: number): number => (p & 0xff) << 16;
export const DEV_SPEED_SHIFT = 20;

/** The device context index of endpoint `addr` (0x81 -> 3, 0x01 -> 2, ep0 -> 1). */
export function xhci_get_endpoint_index_dci(addr: number): number {
  const num = addr & 0x0f;
  return num === 0 ? 1 : num * 2 + (addr & 0x80 ? 1 : 0);
}

/** qemu-xhci's port layout: numports_2 USB 2.0 ports first, then numports_3 USB 3.0 ports. */
export const XHCI_NUMPORTS_2 = 4, XHCI_NUMPORTS_3 = 4, XHCI_MAXSLOTS = 64, XHCI_MAXINTRS = 16;
