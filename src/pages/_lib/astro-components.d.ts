/**
 * `tsc` alone cannot read .astro files (Astro's language server can); the feed imports <Fig>
 * and <Chart> from a .ts module to render issue bodies, so it types them as components.
 */
declare module '*.astro' {
  const Component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default Component;
}
