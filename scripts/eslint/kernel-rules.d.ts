// Types of the local lint plugin, for tests that run its rules.
import type { Rule } from 'eslint';

declare const plugin: { rules: { 'no-boot-global': Rule.RuleModule; 'no-side-effect-import': Rule.RuleModule } };
export default plugin;
