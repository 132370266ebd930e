import type { FileFormat } from '../data/file-format.ts';

/** A map's data as Vega-Lite reads it inline: the document, how to reach its features, and their properties as rows. */
export interface GeoData {
  format: Record<string, unknown>;
  rows: Record<string, unknown>[];
}

/**
 * A GeoJSON or TopoJSON document named by a spec's `data.url`, as inline data: a TopoJSON
 * needs the spec's `format.feature` (or `mesh`), a GeoJSON FeatureCollection is read through its
 * features. Undefined when the document is neither.
 */
export function geoData(document: unknown, data: Record<string, unknown>, format: FileFormat | undefined): GeoData | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  const doc = document as { type?: unknown; objects?: Record<string, { geometries?: { id?: unknown; properties?: Record<string, unknown> }[] }>; features?: { id?: unknown; properties?: Record<string, unknown> }[] };
  const declared = (typeof data.format === 'object' && data.format !== null ? data.format : {}) as Record<string, unknown>;
  if (doc.type === 'Topology' || format === 'topojson') {
    const feature = typeof declared.feature === 'string' ? declared.feature : undefined;
    const mesh = typeof declared.mesh === 'string' ? declared.mesh : undefined;
    const object = doc.objects?.[feature ?? mesh ?? Object.keys(doc.objects ?? {})[0] ?? ''];
    const rows = (object?.geometries ?? []).map((g) => ({ ...(g.id !== undefined ? { id: g.id } : {}), ...(g.properties ?? {}) }));
    return { format: { type: 'topojson', ...(mesh ? { mesh } : { feature: feature ?? Object.keys(doc.objects ?? {})[0] }) }, rows };
  }
  if (doc.type === 'FeatureCollection' || format === 'geojson') {
    const rows = (doc.features ?? []).map((f) => ({ ...(f.id !== undefined ? { id: f.id } : {}), ...(f.properties ?? {}) }));
    return { format: { type: 'json', property: 'features' }, rows };
  }
  return undefined;
}
