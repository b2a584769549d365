// The toolchain's public API: build modules and programs, inspect .ko files, symbolize, asyncify, struct layouts.
export { Toolchain, modnameOf, type BuildRequest, type BuildResult, type SourceFile } from './build.ts';
export { yowaspBackend, type ClangBackend, type Tree, type ToolResult } from './clang.ts';
export { parseDiagnostics, hasErrors, type Diagnostic, type Severity } from './diagnostics.ts';
export { inspectKo, RUNTIME_IMPORTS, type KoInfo } from './ko.ts';
export { readModinfo, formatModinfo, modinfoParams, modinfoValue, VERMAGIC, type ModinfoField, type ModuleParamInfo } from './modinfo.ts';
export { Symbolizer, type SymbolizedFrame } from './symbolize.ts';
export { asyncify, ASYNCIFY_STATE, type AsyncifyOptions } from './asyncify.ts';
export { parseDylink, type DylinkInfo } from './wasm/dylink.ts';
export { readModuleInfo, exportedGlobalValue, type ModuleInfo } from './wasm/module-info.ts';
export { LAYOUTS, offsetOf, sizeOf, fieldOf, type LayoutName, type FieldName } from './layouts/access.ts';
export { INCLUDE_ROOT } from './flags.ts';
