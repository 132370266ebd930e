import * as vega from 'vega';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { quietLogger } from './quiet-logger.ts';
import { installTextWidths, type TextMetrics } from './text-widths.ts';

installTextWidths((vega as unknown as { textMetrics: TextMetrics }).textMetrics);


/**
 * The width in px a Vega-Lite spec (data inlined) is drawn at with `config`, padding included:
 * what its SVG's width attribute will say. Vega lays the chart out without drawing it. Undefined
 * when the spec does not compile or run: the render reports why.
 */
export function drawnWidth(spec: Record<string, unknown>, config: Config): number | undefined {
  let view: vega.View | undefined;
  try {
    view = new vega.View(vega.parse(compile(spec as unknown as TopLevelSpec, { config, logger: quietLogger as never }).spec), { renderer: 'none', logLevel: vega.None });
    view.run();
    const pad = view.padding() as { left?: number; right?: number };
    const width = (view as unknown as { _viewWidth: number })._viewWidth + (pad.left ?? 0) + (pad.right ?? 0);
    return Number.isFinite(width) ? width : undefined;
  } catch {
    return undefined;
  } finally {
    view?.finalize();
  }
}
