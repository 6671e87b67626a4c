/** Types of layers.js, for the TypeScript that imports it (the lint rules' spec). */
export declare const LAYERS: readonly (readonly string[])[];
export declare function layerOf(module: string): number | undefined;
