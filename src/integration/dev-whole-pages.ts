/**
 * Astro middleware for `astro dev` only: each HTML page is rendered whole before its response
 * starts, as `astro build` renders it.
 *
 * Astro's dev server always streams pages (vite-plugin-app creates its app with streaming on,
 * and no option turns it off): a page's frontmatter runs before the status line is sent, its
 * components after. An issue's `<Fig>` or `<Chart>` that fails therefore failed after
 * "200 OK" had gone out, and the reader, curl or a link checker got a cut-off page with status
 * 200 (the overlay still showed the error). Reading the body here moves the failure before the
 * response: the error leaves this middleware, and Astro answers 500 with its error page and
 * overlay, as for an error in the frontmatter.
 */
import type { MiddlewareHandler } from 'astro';

export const onRequest: MiddlewareHandler = async (_context, next) => {
  const response = await next();
  if (!response.body || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  const body = await response.arrayBuffer();
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
};
