// A C file's preamble: the #include <...> and #define lines it starts with (between blank lines and comments), which clang can precompile once for every later build of the file.

/** A line that belongs to the preamble besides its includes: blank, a // comment, or a whole-line block comment. */
const QUIET = /^\s*(?:\/\/.*|\/\*.*\*\/\s*)?$/;
const ANGLE_INCLUDE = /^\s*#\s*include\s*<[^>\n]+>\s*(?:\/\/.*|\/\*.*\*\/\s*)?$/;
/** A one-line #define or #undef (drivers define pr_fmt before their includes); not one continued with a backslash. */
const DEFINE = /^\s*#\s*(?:define|undef)\s+\w.*[^\\\s]\s*$/;

/**
 * The file's leading lines up to its last #include <...> before anything else (a conditional, a quoted include, code),
 * or '' when it starts with none; one-line #defines may come between. Block comments may span lines. Included through
 * the include path only (no quoted headers from the file's folder), the preamble means the same in every build with
 * the same flags and include tree.
 */
export function preambleOf(text: string): string {
  const lines = text.split('\n');
  let end = 0, inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (inComment) {
      if (line.includes('*/')) {
        inComment = false;
        if (!QUIET.test(line.slice(line.indexOf('*/') + 2))) break;
      }
      continue;
    }
    if (ANGLE_INCLUDE.test(line)) { end = i + 1; continue; }
    if (QUIET.test(line) || DEFINE.test(line)) continue;
    if (/^\s*\/\*/.test(line) && !line.includes('*/')) { inComment = true; continue; }
    break;
  }
  return end ? `${lines.slice(0, end).join('\n')}\n` : '';
}
