import { load, type CheerioAPI } from 'cheerio';

/**
 * What an email must never hold, checked on the finished document so that a change to the
 * page markup cannot slip one through: scripts, SVG, external or embedded stylesheets, CSS
 * variables, event handlers, and relative or script URLs. Returns the problems found. `$`: the
 * document already parsed from `html` (it is only read here), when the caller has it.
 */
export function checkEmailSafe(html: string, $: CheerioAPI = load(html)): string[] {
  const problems: string[] = [];
  const count = (selector: string, what: string) => {
    const n = $(selector).length;
    if (n) problems.push(`${n} ${what}`);
  };
  count('script', '<script> element(s)');
  count('svg', '<svg> element(s)');
  count('style', '<style> element(s)');
  count('link[rel~="stylesheet" i]', 'external stylesheet(s)');
  if (/var\(\s*--/.test(html)) problems.push('a CSS variable (var(--…))');
  $('*').each((_, el) => {
    if (el.type !== 'tag') return;
    for (const [name, value] of Object.entries(el.attribs)) {
      if (/^on/i.test(name)) problems.push(`an event handler attribute ${name} on <${el.name}>`);
      if ((name === 'href' || name === 'src') && !/^(https?:|mailto:)/i.test(value)) problems.push(`a URL that is not absolute: <${el.name} ${name}="${value}">`);
    }
  });
  $('img').each((_, el) => {
    const img = $(el);
    // A height is given wherever it is known (charts always); a prose image may lack one.
    if (!img.attr('width') || img.attr('alt') === undefined) problems.push(`an image without width or alt: ${img.attr('src') ?? ''}`);
  });
  return problems;
}
