import { describe, expect, it } from 'vitest';
import { checkEmailSafe } from '../../src/renditions/email/check-email-safe.ts';
import { checkEmailClients } from './email-checks.ts';

const doc = (body: string) => `<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`;

describe('checkEmailSafe', () => {
  it('passes a plain, absolute, sized email', () => {
    expect(checkEmailSafe(doc('<p style="margin: 0;"><a href="https://x.example/">x</a><img src="https://x.example/a.png" width="10" height="10" alt="a"></p>'))).toEqual([]);
  });

  it('names each thing an email must not hold', () => {
    const problems = checkEmailSafe(
      doc('<script>1</script><svg></svg><style>p{}</style><link rel="stylesheet" href="https://x.example/s.css"><p style="color: var(--fg)" onclick="x()"><a href="/rel">r</a><a href="javascript:x()">j</a><img src="https://x.example/a.png"></p>'),
    );
    expect(problems).toEqual([
      '1 <script> element(s)',
      '1 <svg> element(s)',
      '1 <style> element(s)',
      '1 external stylesheet(s)',
      'a CSS variable (var(--…))',
      'an event handler attribute onclick on <p>',
      'a URL that is not absolute: <a href="/rel">',
      'a URL that is not absolute: <a href="javascript:x()">',
      'an image without width or alt: https://x.example/a.png',
    ]);
  });
});

describe('the caniemail check', () => {
  it('fails on a feature the docs do not list as an exception', () => {
    expect(() => checkEmailClients(doc('<div style="display: flex; position: absolute;">x</div>'))).toThrow(/not documented/);
  });
});
