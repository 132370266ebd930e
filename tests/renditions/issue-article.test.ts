import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { PAGE_SELECTOR } from '../../src/core/page-markup.ts';
import { issueArticleHtml } from '../../src/renditions/lean-page.ts';

const head = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>One · Tally</title></head>';
const header = '<header class="site-header"><a href="/">Tally</a><nav><ul><li><a href="/archive/">Archive</a></li></ul></nav></header><main id="main">';
const article =
  '<article class="issue" data-pagefind-body><h1>One</h1><p class="issue-meta">By desk · <time datetime="2026-01-02">January 2, 2026</time></p>' +
  '<div class="prose"><p>Rates <span class="fig" data-figure="level">4.1%</span>.</p><article class="aside"><p>Nested</p></article>' +
  '<aside class="notice"><section class="corrections-notice"><p>Corrected.</p></section></aside></div></article>';
const corrections = '<section class="corrections" id="corrections" aria-labelledby="corrections-title"><h2 id="corrections-title">Corrections</h2><ol><li id="correction-1"><section><p>Fixed.</p></section></li></ol></section>';
const sources = '<section class="sources-method" id="sources-and-method" data-pagefind-ignore><h2>Sources and method</h2><p>Digest.</p></section></main><footer><p>Footer</p></footer><script type="module">1</script></body></html>';

describe('issueArticleHtml', () => {
  it('keeps the head, the article and the corrections after it, nested elements of their names included', () => {
    expect(issueArticleHtml(`${head}<body>${header}${article}${corrections}${sources}`)).toBe(`${head}<body>${article}${corrections}</body></html>`);
    expect(issueArticleHtml(`${head}<body>${header}${article}${sources}`)).toBe(`${head}<body>${article}</body></html>`);
  });

  it('parses to the same article and corrections as the whole page', () => {
    const whole = `${head}<body>${header}${article}\n${corrections}${sources}`;
    const [a, b] = [load(whole), load(issueArticleHtml(whole))];
    for (const sel of [PAGE_SELECTOR.article, '#corrections']) expect(b.html(b(sel))).toBe(a.html(a(sel)));
  });

  it('hands the page whole when a corrections section would be cut away, or an article is not found once or not closed', () => {
    for (const page of [
      `${head}<body>${header}${article}${sources.replace('</main>', `${corrections}</main>`)}`,
      `${head}<body>${corrections}${header}${article}${sources}`,
      `${head}<body>${header}${article}${article}${sources}`,
      `${head}<body>${header}${article.replace(/<\/article>$/, '')}${sources}`,
      `${head}<body>${header}${sources}`,
    ])
      expect(issueArticleHtml(page)).toBe(page);
  });
});
