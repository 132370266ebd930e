import { describe, expect, it } from 'vitest';
import { toFeedHtml } from '../../src/renditions/feed/feed-html.ts';
import { tagSlug } from '../../src/core/site.ts';

describe('tagSlug', () => {
  it('folds accents, case and punctuation into hyphens', () => {
    expect(tagSlug('Small Caps & Co.')).toBe('small-caps-co');
    expect(tagSlug('Zürich')).toBe('zurich');
    expect(tagSlug('  labour   market ')).toBe('labour-market');
    expect(tagSlug('S&P 500')).toBe('s-p-500');
  });

  it('never leaves its folder or comes out empty', () => {
    expect(tagSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(tagSlug('a/b\\c')).toBe('a-b-c');
    expect(tagSlug('日本 株')).toBe('日本-株');
    const odd = tagSlug('!!!');
    expect(odd).toMatch(/^tag-[0-9a-f]{8}$/);
    expect(tagSlug('???')).not.toBe(odd);
    expect(tagSlug('!!!')).toBe(odd);
  });
});

describe('toFeedHtml', () => {
  const page = new URL('https://x.example/issues/one/');
  const chart =
    '<figure class="chart" id="chart-abc" data-astro-cid-1><figcaption><span class="chart-title">T &amp; U</span>' +
    '<span class="chart-desc">Rates &quot;fell&quot; &lt;fast&gt;</span></figcaption><div class="chart-frame"><svg><title>x</title></svg></div>' +
    '<p class="chart-source">Source: S</p><details><table><tr><td>1</td></tr></table></details></figure>';

  it('turns a chart figure into an absolute PNG with its description, escaped once, as alt', () => {
    const { html } = toFeedHtml(`<p>a</p>${chart}<p>b</p>`, page);
    expect(html).toBe('<p>a</p><figure><img src="https://x.example/email/charts/chart-abc.png" alt="Rates &quot;fell&quot; &lt;fast&gt;" /><figcaption>T &amp; U. Source: S</figcaption></figure><p>b</p>');
  });

  it('unwraps figures to text, starring illustrative ones, and drops scripts and inline SVG', () => {
    const out = toFeedHtml('<span class="fig" data-figure="a" data-note="n" tabindex="0">1%</span> <span class="fig" data-figure="b" data-illustrative tabindex="0">2</span><script>x()</script><svg><g/></svg>', page);
    expect(out).toEqual({ html: '1% 2<sup>*</sup>', illustrative: true });
    expect(toFeedHtml('<span class="fig" data-figure="a">3</span>', page)).toEqual({ html: '3', illustrative: false });
  });

  it('makes links and sources absolute against the page', () => {
    const { html } = toFeedHtml('<a href="/about/">a</a><a href="../two/">b</a><a href="#s">c</a><img src="x.png" alt="">', page);
    expect(html).toBe('<a href="https://x.example/about/">a</a><a href="https://x.example/issues/two/">b</a><a href="https://x.example/issues/one/#s">c</a><img src="https://x.example/issues/one/x.png" alt="">');
  });
});
