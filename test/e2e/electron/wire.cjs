// Messages between the harness's processes and its page as JSON text, with byte arrays kept (the structured clone's job in Electron).
'use strict';

function encode(value) {
  const b64 = (bytes) => { let s = ''; for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]); return btoa(s); };
  return JSON.stringify(value === undefined ? null : value, (_k, v) => {
    if (v instanceof Uint8Array) return { __kwbU8: b64(v) };
    if (v instanceof ArrayBuffer) return { __kwbAB: b64(new Uint8Array(v)) };
    return v;
  });
}

function decode(text) {
  const bytes = (s) => { const b = atob(s); const out = new Uint8Array(b.length); for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i); return out; };
  return JSON.parse(text, (_k, v) => {
    if (v && typeof v === 'object' && typeof v.__kwbU8 === 'string') return bytes(v.__kwbU8);
    if (v && typeof v === 'object' && typeof v.__kwbAB === 'string') return bytes(v.__kwbAB).buffer;
    return v;
  });
}

/** The same two functions as page script text. */
const source = `const encode = ${encode.toString()};\nconst decode = ${decode.toString()};\n`;

module.exports = { encode, decode, source };
