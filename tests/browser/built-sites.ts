import fs from 'node:fs';
import path from 'node:path';
import { buildSite, makeSite } from '../helpers/site.ts';

export interface BuiltSite {
  /** The site's folder under tests/.tmp (removed after the tests unless TALLY_KEEP_SITES=1). */
  root: string;
  /** The built output folder. */
  dist: string;
  /** The public origin the site was built for (absolute links in feeds and emails point there). */
  origin: string;
  /** Every HTML page of the build, as a route ("/", "/issues/alpha/", "/404.html"). */
  pages: string[];
}

/**
 * Builds a site for the browser tests in a temp folder under tests/.tmp from a fixture of
 * tests/fixtures/ by name ("flagship" for "The Great Rotation" and its sibling issue). Fails
 * with the build's output.
 */
export async function buildForBrowser(name: string): Promise<BuiltSite> {
  const site = makeSite(name);
  const origin = 'https://tally.example.com';
  const result = await buildSite(site, { TALLY_SITE: origin });
  if (!result.ok) throw new Error(`The ${name} site did not build:\n${result.output.slice(-4000)}`);
  const dist = path.join(site.root, 'dist');
  return { root: site.root, dist, origin, pages: htmlRoutes(dist) };
}

function htmlRoutes(dist: string): string[] {
  const routes: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.html')) {
        const rel = path.relative(dist, full).split(path.sep).join('/');
        routes.push(e.name === 'index.html' ? `/${rel.slice(0, -'index.html'.length)}` : `/${rel}`);
      }
    }
  };
  walk(dist);
  return routes.sort();
}
