// Vega's packages below ship no types of their own; the few names the interactive layer uses.
declare module 'vega-dataflow' {
  export const transforms: Record<string, unknown>;
}
declare module 'vega-encode';
declare module 'vega-regression';
declare module 'vega-transforms';
declare module 'vega-view-transforms';
declare module 'vega-scenegraph' {
  export const textMetrics: { canvas(use: boolean): void };
}
declare module 'vega-view' {
  export interface ViewOptions {
    renderer?: 'svg' | 'canvas' | 'none';
    container?: Element;
    hover?: boolean;
  }
  export class View {
    constructor(dataflow: unknown, options?: ViewOptions);
    tooltip(handler: (...args: never[]) => void): this;
    runAsync(): Promise<this>;
    finalize(): this;
  }
}
declare module 'vega-geo';
