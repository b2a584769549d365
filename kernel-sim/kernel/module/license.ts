// Models linux/include/linux/license.h: the MODULE_LICENSE strings that count as GPL-compatible (license_is_gpl_compatible).
// Its own file so modpost's check (module builds, no kernel loaded) can read it without the loader.

export const GPL_COMPAT: readonly string[] = ['GPL', 'GPL v2', 'GPL and additional rights', 'Dual BSD/GPL', 'Dual MIT/GPL', 'Dual MPL/GPL'];
