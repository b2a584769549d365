// The renderer's security policy: effective webPreferences, CSP, navigation/window.open denial, permission denial, CSP header.
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN, CONTENT_SECURITY_POLICY, createWillNavigateHandler, createWindowOpenHandler, denyPermissionCheck,
  denyPermissionRequest, hardenSession, hardenWebContents, isSafeExternalUrl, secureWebPreferences, withCspHeader,
} from '../../main/security.ts';

/** Parses a CSP into directive -> sources. */
export function parseCsp(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    expect(map.has(name!), `duplicate directive ${name}`).toBe(false);
    map.set(name!, sources);
  }
  return map;
}

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = secureWebPreferences('/app/dist/main/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    // Nothing that would loosen the policy sneaks in.
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });
});

describe('Content-Security-Policy', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);

  it('allows only the app origin for scripts and connections', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('shuts everything else', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('names no remote origin and never allows script eval or inline script', () => {
    for (const [name, sources] of csp) {
      for (const s of sources) {
        expect(s, `${name} ${s}`).not.toMatch(/^(https?|wss?):|\*|'unsafe-eval'|'wasm-unsafe-eval'/);
        if (name !== 'style-src') expect(s, `${name} ${s}`).not.toBe("'unsafe-inline'");
      }
    }
  });

  it('is set on responses, replacing any other CSP header', () => {
    const headers = withCspHeader({ 'content-security-policy': ["default-src *"], 'X-Other': ['1'] });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
  });
});

describe('external links', () => {
  it.each([
    ['https://www.kernel.org/doc/html/v6.1/', true],
    ['http://example.com/', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['app://workbench/index.html', false],
    ['smb://host/share', false],
    ['https://user:pw@example.com/', false],
    ['not a url', false],
  ])('%s safe=%s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe);
  });
});

describe('navigation and window.open', () => {
  it('window.open is always denied; only safe links reach the system browser', () => {
    const openExternal = vi.fn();
    const handler = createWindowOpenHandler(openExternal);
    expect(handler({ url: 'https://lwn.net/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/shadow' })).toEqual({ action: 'deny' });
    expect(handler({ url: `${APP_ORIGIN}/index.html` })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://lwn.net/']]);
  });

  it('will-navigate is always prevented, even to the app itself', () => {
    const openExternal = vi.fn();
    const handler = createWillNavigateHandler(openExternal);
    for (const url of ['https://evil.example/', `${APP_ORIGIN}/other.html`, 'file:///etc/passwd']) {
      const event = { preventDefault: vi.fn(), url };
      handler(event, url);
      expect(event.preventDefault).toHaveBeenCalledOnce();
    }
    expect(openExternal.mock.calls).toEqual([['https://evil.example/']]);
  });

  it('hardenWebContents wires all handlers onto a WebContents', () => {
    const listeners = new Map<string, (event: { preventDefault(): void; url?: string }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => unknown) | undefined;
    const contents = {
      on: (name: string, l: (event: { preventDefault(): void }, url?: string) => void) => { listeners.set(name, l); },
      setWindowOpenHandler: (h: (d: { url: string }) => unknown) => { openHandler = h; },
    };
    hardenWebContents(contents as never, vi.fn());
    expect([...listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    for (const name of listeners.keys()) {
      const event = { preventDefault: vi.fn(), url: 'https://x.example/' };
      listeners.get(name)!(event, 'https://x.example/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(openHandler!({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial']) {
      const callback = vi.fn();
      denyPermissionRequest({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(denyPermissionCheck()).toBe(false);
  });

  it('hardenSession installs the deny handlers and the CSP header', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    };
    hardenSession(session as never);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0];
    const cb = vi.fn();
    request({}, 'media', cb, {});
    expect(cb).toHaveBeenCalledWith(false);
    expect(session.setPermissionCheckHandler.mock.calls[0]![0]({}, 'media', 'app://workbench', {})).toBe(false);
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]({})).toBe(false);
    const onHeaders = session.webRequest.onHeadersReceived.mock.calls[0]![0];
    const done = vi.fn();
    onHeaders({ responseHeaders: { 'Content-Type': ['text/html'] } }, done);
    expect(done).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
});
