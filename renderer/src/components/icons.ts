// The workbench's line icons as SVG path data (24×24 grid, drawn for stroke rendering).
export const ICON_PATHS = {
  labs: 'M9 3h6M10 3v6.5L4.6 18.6A1.6 1.6 0 0 0 6 21h12a1.6 1.6 0 0 0 1.4-2.4L14 9.5V3M7 15h10',
  files: 'M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5M9 13h6M9 17h4',
  devices: 'M7 7h10v10H7zM10 10h4v4h-4zM9 3v4M15 3v4M9 17v4M15 17v4M3 9h4M3 15h4M17 9h4M17 15h4',
  trace: 'M3 12h4l3-8 4 16 3-8h4',
  terminal: 'M4 17l6-5-6-5M12 19h8',
  graph: 'M6 6.5a2.5 2.5 0 1 0 0-.01zM18 6.5a2.5 2.5 0 1 0 0-.01zM12 18.5a2.5 2.5 0 1 0 0-.01zM8.5 6.5h7M7.3 8.7l3.4 7.6M16.7 8.7l-3.4 7.6',
  chart: 'M3 3v18h18M7 15l4-5 3 3 5-7',
  sun: 'M16 12a4 4 0 1 1-8 0a4 4 0 1 1 8 0M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4',
  moon: 'M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z',
  sidebar: 'M4 4h16v16H4zM9 4v16',
  panel: 'M4 4h16v16H4zM4 15h16',
  rightbar: 'M4 4h16v16H4zM15 4v16',
  book: 'M4 5a2 2 0 0 1 2-2h13v15H6a2 2 0 0 0-2 2zM4 20a2 2 0 0 0 2 2h13v-4',
  alert: 'M12 3l9.5 17h-19zM12 10v4M12 17v.5',
  log: 'M4 6h16M4 10h16M4 14h10M4 18h13',
  play: 'M7 4l13 8-13 8z',
  clock: 'M21 12a9 9 0 1 1-18 0a9 9 0 1 1 18 0M12 7v5l3 2',
  cpu: 'M7 7h10v10H7zM9 3v4M15 3v4M9 17v4M15 17v4',
  bulb: 'M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z',
  next: 'M5 12h14M13 6l6 6-6 6',
} as const;

export type IconName = keyof typeof ICON_PATHS;
