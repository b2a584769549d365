// Models linux/drivers/usb/host/xhci-hub.c: the root hub of each half of the controller — hub descriptors, PORTSC translated to wPortStatus/wPortChange, port features set and cleared, and the status-change bitmap.
import {
  type usb_hcd, HCD_USB3, GetHubDescriptor, GetHubStatus, GetPortStatus, SetPortFeature, ClearPortFeature, SetHubFeature, ClearHubFeature,
  USB_DT_HUB, USB_DT_SS_HUB, USB_PORT_FEAT_POWER, USB_PORT_FEAT_RESET, USB_PORT_FEAT_BH_PORT_RESET, USB_PORT_FEAT_ENABLE, USB_PORT_FEAT_C_CONNECTION,
  USB_PORT_FEAT_C_ENABLE, USB_PORT_FEAT_C_RESET, USB_PORT_FEAT_C_BH_PORT_RESET, USB_PORT_FEAT_C_PORT_LINK_STATE, USB_PORT_STAT_CONNECTION,
  USB_PORT_STAT_ENABLE, USB_PORT_STAT_RESET, USB_PORT_STAT_POWER, USB_SS_PORT_STAT_POWER, USB_PORT_STAT_HIGH_SPEED, USB_PORT_STAT_LOW_SPEED,
  USB_PORT_STAT_C_CONNECTION, USB_PORT_STAT_C_ENABLE, USB_PORT_STAT_C_RESET, USB_PORT_STAT_C_BH_RESET,
} from '../../../include/linux/usb.ts';
import { ioread32, iowrite32 } from '../../../arch/x86/io.ts';
import { EPIPE } from '../../../include/uapi/asm-generic/errno.ts';
import * as X from '../../../hw/usb/xhci-regs.ts';
import { hcd_to_xhci, type xhci_hcd } from './xhci-mem.ts';

const ports_of = (hcd: usb_hcd): number[] => { const x = hcd_to_xhci(hcd); return hcd.speed === HCD_USB3 ? x.usb3_ports : x.usb2_ports; };
const portsc_addr = (xhci: xhci_hcd, hw_port: number): number => xhci.op + (X.XHCI_PORTS - X.XHCI_OPER) + 0x10 * (hw_port - 1);

/** xhci_port_state_to_neutral: what to write back so that no change bit is cleared and the port is not disabled by accident. */
const to_neutral = (sc: number): number => sc & ~(X.PORT_PE | X.PORT_RESET | X.PORT_CHANGE_MASK | X.PORT_LINK_STROBE | X.PORT_WR) >>> 0;

/** The hub descriptor of the root hub (xhci_usb2_hub_descriptor / xhci_usb3_hub_descriptor). */
function hub_descriptor(usb3: boolean, nports: number): number[] {
  // wHubCharacteristics: per-port power switching, per-port overcurrent (HUB_CHAR_INDV_PORT_LPSM | HUB_CHAR_INDV_PORT_OCPM).
  return usb3 ? [12, USB_DT_SS_HUB, nports, 0x09, 0x00, 10, 0, 0, 0, 0, 0, 0] : [9, USB_DT_HUB, nports, 0x09, 0x00, 10, 0, 0, 0xff];
}

/** xhci_get_port_status: wPortStatus and wPortChange from PORTSC. */
function port_status(sc: number, usb3: boolean): [number, number] {
  let status = 0, change = 0;
  if (sc & X.PORT_CONNECT) status |= USB_PORT_STAT_CONNECTION;
  if (sc & X.PORT_PE) status |= USB_PORT_STAT_ENABLE;
  if (sc & X.PORT_RESET) status |= USB_PORT_STAT_RESET;
  if (sc & X.PORT_POWER) status |= usb3 ? USB_SS_PORT_STAT_POWER : USB_PORT_STAT_POWER;
  const speed = (sc & X.PORT_SPEED_MASK) >> X.PORT_SPEED_SHIFT;
  if (!usb3 && sc & X.PORT_CONNECT) status |= speed === X.XDEV_HS ? USB_PORT_STAT_HIGH_SPEED : speed === X.XDEV_LS ? USB_PORT_STAT_LOW_SPEED : 0;
  if (usb3) status |= ((sc & X.PORT_PLS_MASK) >> X.PORT_PLS_SHIFT) << 5;
  if (sc & X.PORT_CSC) change |= USB_PORT_STAT_C_CONNECTION;
  if (sc & X.PORT_PEC) change |= USB_PORT_STAT_C_ENABLE;
  if (sc & X.PORT_RC) change |= USB_PORT_STAT_C_RESET;
  if (usb3 && sc & X.PORT_WRC) change |= USB_PORT_STAT_C_BH_RESET;
  return [status, change];
}

/** The PORTSC bit a ClearPortFeature(C_*) writes (1 to clear). */
const clear_bits: Readonly<Record<number, number>> = {
  [USB_PORT_FEAT_C_CONNECTION]: X.PORT_CSC, [USB_PORT_FEAT_C_ENABLE]: X.PORT_PEC, [USB_PORT_FEAT_C_RESET]: X.PORT_RC,
  [USB_PORT_FEAT_C_BH_PORT_RESET]: X.PORT_WRC, [USB_PORT_FEAT_C_PORT_LINK_STATE]: X.PORT_PLC, [USB_PORT_FEAT_ENABLE]: X.PORT_PE,
};

/** xhci_hub_control: the hub class requests of a root hub; returns the bytes of `buf` filled, or -EPIPE (a STALL). */
export function xhci_hub_control(hcd: usb_hcd, typeReq: number, wValue: number, wIndex: number, buf: Uint8Array, _wLength: number): number {
  const xhci = hcd_to_xhci(hcd), ports = ports_of(hcd), usb3 = hcd.speed === HCD_USB3;
  const hw = ports[(wIndex & 0xff) - 1];
  switch (typeReq) {
    case GetHubStatus: buf.fill(0, 0, 4); return 4;
    case GetHubDescriptor: {
      if ((wValue >> 8) !== (usb3 ? USB_DT_SS_HUB : USB_DT_HUB)) return -EPIPE;
      const d = hub_descriptor(usb3, ports.length);
      buf.set(d.slice(0, buf.length));
      return Math.min(d.length, buf.length);
    }
    case SetHubFeature: case ClearHubFeature: return 0;
    case GetPortStatus: {
      if (!hw) return -EPIPE;
      const [status, change] = port_status(ioread32(portsc_addr(xhci, hw)), usb3);
      buf.set([status & 0xff, status >> 8, change & 0xff, change >> 8]);
      return 4;
    }
    case SetPortFeature: {
      if (!hw) return -EPIPE;
      const a = portsc_addr(xhci, hw), sc = ioread32(a);
      if (wValue === USB_PORT_FEAT_POWER) iowrite32(to_neutral(sc) | X.PORT_POWER, a);
      else if (wValue === USB_PORT_FEAT_RESET) iowrite32(to_neutral(sc) | X.PORT_RESET, a);
      else if (wValue === USB_PORT_FEAT_BH_PORT_RESET) iowrite32(to_neutral(sc) | X.PORT_WR, a);
      return 0;
    }
    case ClearPortFeature: {
      if (!hw) return -EPIPE;
      const bit = clear_bits[wValue];
      if (bit !== undefined) { const a = portsc_addr(xhci, hw); iowrite32(to_neutral(ioread32(a)) | bit, a); }
      return 0;
    }
    default: return -EPIPE;
  }
}

/** xhci_hub_status_data: bit N set for each port of this half with a change bit. */
export function xhci_hub_status_data(hcd: usb_hcd): number {
  const xhci = hcd_to_xhci(hcd);
  let bits = 0;
  ports_of(hcd).forEach((hw, i) => { if (ioread32(portsc_addr(xhci, hw)) & X.PORT_CHANGE_MASK) bits |= 1 << (i + 1); });
  return bits;
}
