// The renderer's security policy, free of Electron so it is unit-testable: webPreferences, CSP, navigation, window and permission handlers.
import type { Session, WebContents, WebPreferences } from 'electron';

/** The origin the renderer is served from (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The effective webPreferences of every workbench window. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/**
 * The Content-Security-Policy of the renderer. Everything comes from the app's
 * own origin; nothing remote. Monaco starts its workers from blob: URLs;
 * Monaco and xterm.js inject <style> elements, hence style-src 'unsafe-inline'
 * (styles only, never scripts). Electron needs no connect-src beyond 'self':
 * kernel-sim is reached over a MessagePort, not the network.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** An external link the system browser may open: http(s), a host, no credentials. */
export function isSafeExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > 2048) return false;
  let url: URL;
  try { url = new URL(raw); } catch { return false; }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
}

export type OpenExternal = (url: string) => Promise<void> | void;

/** setWindowOpenHandler: no new windows ever; safe http(s) links go to the system browser. */
export function createWindowOpenHandler(openExternal: OpenExternal) {
  return ({ url }: { url: string }): { action: 'deny' } => {
    if (isSafeExternalUrl(url)) void Promise.resolve(openExternal(url)).catch(() => {});
    return { action: 'deny' };
  };
}

/** will-navigate: the window never leaves the app; safe http(s) links go to the system browser. */
export function createWillNavigateHandler(openExternal: OpenExternal) {
  return (event: { preventDefault(): void; url?: string }, url?: string): void => {
    event.preventDefault();
    const target = event.url ?? url ?? '';
    if (isSafeExternalUrl(target)) void Promise.resolve(openExternal(target)).catch(() => {});
  };
}

/** Denies every permission request (camera, notifications, clipboard-read, ...). */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** Denies every permission check. */
export function denyPermissionCheck(): boolean {
  return false;
}

type HeaderMap = Record<string, string | string[]>;

/** Response headers with the workbench CSP, replacing any Content-Security-Policy already present. */
export function withCspHeader(headers: HeaderMap | undefined, csp = CONTENT_SECURITY_POLICY): HeaderMap {
  const out: HeaderMap = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** The parts of a Session this module configures. */
export type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/** Applies the permission policy and the CSP header to a session. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders) });
  });
}

/** The parts of a WebContents this module configures. */
export type WebContentsLike = Pick<WebContents, 'setWindowOpenHandler'> & {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (event: { preventDefault(): void; url?: string }, url?: string) => void): unknown;
};

/** Denies navigation, redirects, webviews and new windows in a WebContents. */
export function hardenWebContents(contents: WebContentsLike, openExternal: OpenExternal): void {
  const navigate = createWillNavigateHandler(openExternal);
  contents.on('will-navigate', navigate);
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(createWindowOpenHandler(openExternal));
}
