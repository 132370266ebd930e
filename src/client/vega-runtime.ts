/**
 * Vega's runtime as the browser needs it to draw a dataflow parsed at build time: the View,
 * the transforms Vega-Lite's output uses, the SVG renderer and tooltips. Vega's parser, the
 * Vega-Lite compiler and the transforms Vega-Lite never emits (force, voronoi, word cloud, tree
 * layouts, cross-filter, labels, geo) stay out: 130 kB gzip instead of 296 kB for vega-embed.
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
