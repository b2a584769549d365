// The layout store: which activity and bottom tab are shown, pane sizes and visibility, and the theme; persisted in localStorage.
import { defineStore } from 'pinia';
import { reactive, toRefs, watch } from 'vue';

export type Activity = 'labs' | 'files' | 'devices' | 'trace';
/** 'terminal' or the id of a bottom view in the view registry (views.ts). */
export type BottomTab = string;
export type Theme = 'dark' | 'light';

export interface LayoutState {
  activity: Activity;
  sideVisible: boolean;
  sideWidth: number;
  bottomTab: BottomTab;
  bottomVisible: boolean;
  bottomHeight: number;
  rightVisible: boolean;
  rightWidth: number;
  /** The id of the right pane's view in the view registry (views.ts). */
  rightTab: string;
  theme: Theme;
}

export const LAYOUT_KEY = 'kwb.layout.v1';

export const LIMITS = {
  sideWidth: [160, 600],
  bottomHeight: [120, 900],
  rightWidth: [200, 800],
} as const;

export function defaultLayout(): LayoutState {
  return {
    activity: 'labs', sideVisible: true, sideWidth: 240,
    bottomTab: 'terminal', bottomVisible: true, bottomHeight: 340,
    rightVisible: true, rightWidth: 300, rightTab: 'graph',
    theme: 'dark',
  };
}

const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, Math.round(v)));

/** Reads a saved layout, keeping only known keys with values of the right type. */
export function loadLayout(storage: Pick<Storage, 'getItem'> | undefined): LayoutState {
  const state = defaultLayout();
  try {
    const saved = JSON.parse(storage?.getItem(LAYOUT_KEY) ?? '{}') as Partial<Record<keyof LayoutState, unknown>>;
    for (const key of Object.keys(state) as Array<keyof LayoutState>) {
      if (typeof saved[key] === typeof state[key]) (state as unknown as Record<string, unknown>)[key] = saved[key];
    }
  } catch { /* a corrupt entry gives the defaults */ }
  if (!['labs', 'files', 'devices', 'trace'].includes(state.activity)) state.activity = 'labs';
  if (state.theme !== 'dark' && state.theme !== 'light') state.theme = 'dark';
  state.sideWidth = clamp(state.sideWidth, LIMITS.sideWidth);
  state.bottomHeight = clamp(state.bottomHeight, LIMITS.bottomHeight);
  state.rightWidth = clamp(state.rightWidth, LIMITS.rightWidth);
  return state;
}

const storage = (): Storage | undefined => { try { return globalThis.localStorage; } catch { return undefined; } };

export const useLayoutStore = defineStore('layout', () => {
  const state = reactive(loadLayout(storage()));
  watch(state, (s) => { try { storage()?.setItem(LAYOUT_KEY, JSON.stringify(s)); } catch { /* storage full or denied */ } }, { deep: true });

  /** Clicking the shown activity hides the side pane; any other shows it. */
  function selectActivity(activity: Activity): void {
    if (state.activity === activity && state.sideVisible) state.sideVisible = false;
    else { state.activity = activity; state.sideVisible = true; }
  }
  function selectBottomTab(tab: BottomTab): void { state.bottomTab = tab; state.bottomVisible = true; }
  /** Shows a registered view: its tab selected and its pane visible. */
  function showView(area: 'right' | 'bottom', id: string): void {
    if (area === 'right') { state.rightTab = id; state.rightVisible = true; } else selectBottomTab(id);
  }
  function toggleTheme(): void { state.theme = state.theme === 'dark' ? 'light' : 'dark'; }
  function resize(pane: keyof typeof LIMITS, size: number): void { state[pane] = clamp(size, LIMITS[pane]); }

  return { ...toRefs(state), selectActivity, selectBottomTab, showView, toggleTheme, resize };
});
