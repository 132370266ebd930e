/**
 * Vega's runtime as the browser needs it to draw a dataflow parsed at build time: the View,
 * the transforms Vega-Lite's output uses, the SVG renderer and tooltips. Vega's parser, the
 * Vega-Lite compiler and the transforms Vega-Lite never emits (force, voronoi, word cloud, tree
 * layouts, cross-filter, labels) stay out: about 134 kB gzip instead of 296 kB for vega-embed.
 * Maps' transforms (vega-geo, with d3-geo) load only for a chart that has them.
 */
import { extend } from 'vega-util';
import { transforms } from 'vega-dataflow';
import * as encode from 'vega-encode';
import * as regression from 'vega-regression';
import * as tx from 'vega-transforms';
import * as viewTx from 'vega-view-transforms';

extend(transforms, tx, viewTx, encode, regression);

export { View } from 'vega-view';
export { textMetrics } from 'vega-scenegraph';
export { Handler } from 'vega-tooltip';

/** Operators of vega-geo, as a parsed dataflow names them (`"type":"geoshape"`). */
const GEO_OPERATOR = /"type":"(contour|geojson|geopath|geopoint|geoshape|graticule|heatmap|isocontour|kde2d|projection)"/;

/** Whether a dataflow (the chart file's view, as JSON) draws with vega-geo's transforms. */
export const needsGeo = (dataflowJson: string): boolean => GEO_OPERATOR.test(dataflowJson);

let geo: Promise<void> | undefined;

/** Loads and registers vega-geo's transforms, once. */
export function loadGeo(): Promise<void> {
  geo ??= import('vega-geo').then((m) => void extend(transforms, m));
  return geo;
}
