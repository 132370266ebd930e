/** Site-wide settings. */
export const SITE = {
  name: 'Tally',
  tagline: 'Markets, by the numbers',
  description: 'A data-driven newsletter: every number in the prose and every chart is computed from data at build time.',
};
