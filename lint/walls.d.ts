/** Types of walls.js, for the TypeScript that imports it (the lint rules' spec). */
import type { ESLint } from 'eslint';
export declare const walls: ESLint.Plugin;
export declare function moduleOf(file: string, cwd: string): string | null;
export { LAYERS } from './layers.js';
