// The view registry: every panel view, where it shows (a tab of the right pane or of the bottom pane) and its title; App, the panes and the command palette read it. A new view is one line here.
import { defineAsyncComponent, type Component } from 'vue';
import type { IconName } from './components/icons.ts';
import { afterShell } from './startup.ts';

// Every view loads on first show, none with the page: the first paint needs the terminal, and Cytoscape and Chart.js
// (a third of the renderer's code) would otherwise be parsed before the shell's prompt can show.
// The device graph, shown at start-up in the right pane, waits for the shell's prompt (startup.ts).
const DeviceGraph = defineAsyncComponent(() => afterShell().then(() => import('./components/DeviceGraph.vue')));
const InterruptChart = defineAsyncComponent(() => import('./components/InterruptChart.vue'));
const DmesgView = defineAsyncComponent(() => import('./components/DmesgView.vue'));
const ProblemsView = defineAsyncComponent(() => import('./components/ProblemsView.vue'));
const TraceView = defineAsyncComponent(() => import('./components/TraceView.vue'));
const BootTimeline = defineAsyncComponent(() => import('./components/BootTimeline.vue'));
const NamespacesView = defineAsyncComponent(() => import('./components/NamespacesView.vue'));
const IoView = defineAsyncComponent(() => import('./components/IoView.vue'));
const PowerView = defineAsyncComponent(() => import('./components/PowerView.vue'));
const UsbView = defineAsyncComponent(() => import('./components/usb/UsbView.vue'));
const GpioBreadboard = defineAsyncComponent(() => import('./components/gpio/GpioBreadboard.vue'));

/** Where a view shows: a tab of the graphs pane on the right, or of the bottom panel beside the terminals. */
export type ViewArea = 'right' | 'bottom';

export interface ViewDef {
  /** Stable id: the tab's data-testid is `right-<id>` or `tab-<id>`, the palette command `view.show.<id>`. */
  id: string;
  title: string;
  area: ViewArea;
  icon?: IconName;
  /** The component (a `defineAsyncComponent(() => import(...))` for a large one). */
  component: Component;
}

/**
 * The views, in tab order per area. To add one: `{ id: 'io', title: 'IO queues', area: 'right', icon: 'chart', component: IoView },`
 * (the terminal tab is not here: terminals stay alive while other tabs show).
 */
export const VIEWS: ViewDef[] = [
  { id: 'graph', title: 'Device graph', area: 'right', icon: 'graph', component: DeviceGraph },
  { id: 'irq', title: 'Interrupts', area: 'right', icon: 'chart', component: InterruptChart },
  { id: 'namespaces', title: 'Namespaces', area: 'right', icon: 'graph', component: NamespacesView },
  { id: 'usb', title: 'USB', area: 'right', icon: 'graph', component: UsbView },
  { id: 'gpio', title: 'GPIO', area: 'right', icon: 'graph', component: GpioBreadboard },
  { id: 'dmesg', title: 'dmesg', area: 'bottom', icon: 'log', component: DmesgView },
  { id: 'problems', title: 'Problems', area: 'bottom', icon: 'alert', component: ProblemsView },
  { id: 'trace', title: 'Trace', area: 'bottom', icon: 'trace', component: TraceView },
  { id: 'timeline', title: 'Boot timeline', area: 'bottom', icon: 'clock', component: BootTimeline },
  { id: 'io', title: 'IO schedulers', area: 'bottom', icon: 'chart', component: IoView },
  { id: 'power', title: 'Power', area: 'bottom', icon: 'chart', component: PowerView },
];

export const viewsIn = (area: ViewArea): ViewDef[] => VIEWS.filter((v) => v.area === area);
export const viewById = (id: string): ViewDef | undefined => VIEWS.find((v) => v.id === id);
