// TextEncoder/TextDecoder: part of every JavaScript host kernel-sim runs in (Node, browsers, workers), but of no ES lib.
declare global {
  interface TextDecodeOptions { stream?: boolean }
  interface TextDecoderOptions { fatal?: boolean; ignoreBOM?: boolean }
  class TextDecoder {
    constructor(label?: string, options?: TextDecoderOptions);
    readonly encoding: string;
    decode(input?: ArrayBufferView | ArrayBuffer, options?: TextDecodeOptions): string;
  }
  class TextEncoder {
    readonly encoding: string;
    encode(input?: string): Uint8Array;
    encodeInto(src: string, dest: Uint8Array): { read: number; written: number };
  }
  function atob(data: string): string;
  function btoa(data: string): string;
}
export {};
