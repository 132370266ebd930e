import type { IssuePageDigest } from './page-digests.ts';

/** What an issue's social card shows of its page, read off the page while the email has it parsed. */
export interface CardFacts {
  /** `issues/<slug>/index.html`, for messages. */
  file: string;
  title: string;
  summary: string;
  /** The issue's date as the page prints it. */
  date: string;
  /** The article's data-headline-text: the front matter's `headline:` as readers see it. */
  headlineText: string | undefined;
  /** Each named figure of the prose, by name (its first use): its text, its note and whether it is illustrative. */
  figures: Map<string, { text: string; note: string; illustrative: boolean }>;
}

const kept = new Map<string, CardFacts>();
const keyOf = (outDir: string, page: IssuePageDigest) => `${outDir}\0${page.file}\0${page.digest}`;

/**
 * Keeps the facts of a page the email just parsed, for its card to take: the card would read
 * and parse the same page again. Keyed by the page's digest, so a card only ever takes the
 * facts of the very bytes it is drawn for.
 */
export function keepCardFacts(outDir: string, page: IssuePageDigest, facts: CardFacts): void {
  kept.set(keyOf(outDir, page), facts);
}

/** The facts kept for this page, once (they are forgotten as they are taken), or undefined. */
export function takeCardFacts(outDir: string, page: IssuePageDigest): CardFacts | undefined {
  const key = keyOf(outDir, page);
  const facts = kept.get(key);
  kept.delete(key);
  return facts;
}

/** Forgets every kept fact (the cards are done; a page whose card was cached left its facts here). */
export function forgetCardFacts(): void {
  kept.clear();
}
