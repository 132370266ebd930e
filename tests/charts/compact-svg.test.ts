import { describe, expect, it } from 'vitest';
import { compactSvg, hoistShared } from '../../src/charts/compact-svg.ts';
import { svgToPng } from '../../src/renditions/png/svg-to-png.ts';

const grid = [0, 40, 80].map((y) => `<line transform="translate(0,${y})" x2="200" y2="0" stroke="#e4e6ea" stroke-width="1"/>`).join('');
const labels = ['0', '10', '20'].map((t, i) => `<text text-anchor="end" transform="translate(-7,${i * 40 + 3})" font-size="12px" fill="#4a4f57"${i === 1 ? ' opacity="0"' : ''}>${t}</text>`).join('');
const marks = `<path d="M0,80L100,40L200,0" stroke="#1f6f8b" stroke-width="2"/><path d="M0,60L200,20" stroke="#c8660f" stroke-width="2"/>`;
const body = `<g transform="translate(30,10)"><g class="mark-rule role-axis-grid">${grid}</g><g class="mark-text role-axis-label">${labels}</g><g class="mark-line role-mark">${marks}</g></g>`;
const svg = (b: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="100" viewBox="0 0 240 100" font-family="Inter">${b}</svg>`;

describe('compactSvg', () => {
  it('sets an attribute every child of a mark group repeats once on the group, and keeps the ones that differ', () => {
    const out = hoistShared(body);
    expect(out).toContain('<g class="mark-rule role-axis-grid" stroke-width="1" stroke="#e4e6ea"><line transform="translate(0,0)" x2="200" y2="0"/>');
    expect(out).toContain('<g class="mark-text role-axis-label" font-size="12px" text-anchor="end" fill="#4a4f57">');
    // Opacity is not inherited (and one label is hidden): it stays on each label.
    expect(out).toContain('opacity="0">10</text>');
    // Two lines of other colours: only their shared width moves.
    expect(out).toContain('<g class="mark-line role-mark" stroke-width="2"><path d="M0,80L100,40L200,0" stroke="#1f6f8b"/>');
  });

  it('draws the same picture', async () => {
    const [before, after] = await Promise.all([svgToPng(svg(body), 1), svgToPng(svg(hoistShared(body)), 1)]);
    expect(after.png.equals(before.png)).toBe(true);
  });

  it('names the theme font once, rounds coordinates, drops what draws nothing', () => {
    const vega = `<svg width="10" height="10"><g><path class="background" aria-hidden="true" d="M0,0h0v0h0Z" pointer-events="none"/><text transform="translate(1.23456,2)" font-family="Inter, &quot;Helvetica Neue&quot;, Arial, sans-serif" opacity="1">a</text></g></svg>`;
    expect(compactSvg(vega)).toBe('<svg width="10" height="10" font-family="Inter, &quot;Helvetica Neue&quot;, Arial, sans-serif"><g><text transform="translate(1.23,2)">a</text></g></svg>');
  });
});
