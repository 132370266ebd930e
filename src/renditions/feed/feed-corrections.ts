import { escapeHtml } from '../../core/escape.ts';
import { PAGE_ID } from '../../core/page-markup.ts';
import { correctionText, type IssueCorrection } from '../../lock/corrections.ts';

/** The namespace of the item's `<dcterms:modified>`: RSS 2.0 has no element for an update of its own. */
export const FEED_XMLNS = { dcterms: 'http://purl.org/dc/terms/' } as const;

/** What a corrected issue's feed item adds: a note before the body, the list after it, and the date of the latest. */
export interface FeedCorrections {
  before: string;
  after: string;
  /** `<dcterms:modified>` with the day of the latest correction, for the item's customData. */
  customData: string;
}

/**
 * The corrections of an issue as its feed item carries them, or undefined for an issue never
 * corrected. `label` names a figure for readers (its description). Every value and reason is
 * escaped: they come from data and from the editor.
 */
export function feedCorrections(corrections: readonly IssueCorrection[], pageUrl: URL, label: (figure: string) => string | undefined): FeedCorrections | undefined {
  const latest = corrections.at(-1);
  if (!latest) return undefined;
  const link = escapeHtml(new URL(`#${PAGE_ID.corrections}`, pageUrl).href);
  const items = corrections.map((c) => `<li>${escapeHtml(correctionText(c, label(c.figure)))}</li>`).join('');
  return {
    before: `<p><em>Corrected on ${escapeHtml(latest.date)}: <a href="${link}">${corrections.length === 1 ? 'one number changed' : `${corrections.length} corrections`} since publication</a>.</em></p>`,
    after: `<h2>Corrections</h2><ul>${items}</ul>`,
    customData: `<dcterms:modified>${escapeHtml(latest.date)}T00:00:00Z</dcterms:modified>`,
  };
}
