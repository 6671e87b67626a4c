/** Types of eslint.config.js, for the TypeScript that imports it (the lint rules' spec). */
import type { Linter } from 'eslint';
declare const config: Linter.Config[];
export default config;
