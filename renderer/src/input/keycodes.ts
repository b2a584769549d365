// The host keyboard's KeyboardEvent.code to Linux KEY_* names (linux/input-event-codes.h), for typing into the simulated keyboard.
const NAMED: Readonly<Record<string, string>> = {
  Escape: 'KEY_ESC', Minus: 'KEY_MINUS', Equal: 'KEY_EQUAL', Backspace: 'KEY_BACKSPACE', Tab: 'KEY_TAB',
  BracketLeft: 'KEY_LEFTBRACE', BracketRight: 'KEY_RIGHTBRACE', Enter: 'KEY_ENTER', ControlLeft: 'KEY_LEFTCTRL',
  Semicolon: 'KEY_SEMICOLON', Quote: 'KEY_APOSTROPHE', Backquote: 'KEY_GRAVE', ShiftLeft: 'KEY_LEFTSHIFT', Backslash: 'KEY_BACKSLASH',
  Comma: 'KEY_COMMA', Period: 'KEY_DOT', Slash: 'KEY_SLASH', ShiftRight: 'KEY_RIGHTSHIFT', NumpadMultiply: 'KEY_KPASTERISK',
  AltLeft: 'KEY_LEFTALT', Space: 'KEY_SPACE', CapsLock: 'KEY_CAPSLOCK', NumLock: 'KEY_NUMLOCK', ScrollLock: 'KEY_SCROLLLOCK',
  NumpadSubtract: 'KEY_KPMINUS', NumpadAdd: 'KEY_KPPLUS', NumpadDecimal: 'KEY_KPDOT', IntlBackslash: 'KEY_102ND',
  NumpadEnter: 'KEY_KPENTER', ControlRight: 'KEY_RIGHTCTRL', NumpadDivide: 'KEY_KPSLASH', PrintScreen: 'KEY_SYSRQ',
  AltRight: 'KEY_RIGHTALT', Home: 'KEY_HOME', ArrowUp: 'KEY_UP', PageUp: 'KEY_PAGEUP', ArrowLeft: 'KEY_LEFT', ArrowRight: 'KEY_RIGHT',
  End: 'KEY_END', ArrowDown: 'KEY_DOWN', PageDown: 'KEY_PAGEDOWN', Insert: 'KEY_INSERT', Delete: 'KEY_DELETE',
  MetaLeft: 'KEY_LEFTMETA', MetaRight: 'KEY_RIGHTMETA', ContextMenu: 'KEY_COMPOSE', Pause: 'KEY_PAUSE',
};

/** The Linux key a physical key is (by its position: `code`, not the layout's character), or null for keys a PC keyboard lacks. */
export function linuxKeyOf(code: string): string | null {
  let m = /^Key([A-Z])$/.exec(code);
  if (m) return `KEY_${m[1]}`;
  m = /^Digit(\d)$/.exec(code);
  if (m) return `KEY_${m[1]}`;
  m = /^F(\d{1,2})$/.exec(code);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `KEY_F${m[1]}`;
  m = /^Numpad(\d)$/.exec(code);
  if (m) return `KEY_KP${m[1]}`;
  return NAMED[code] ?? null;
}
