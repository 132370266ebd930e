/**
 * String(n), the same text, written faster for the numbers data holds most: hundredths (prices,
 * rates, readings rounded to two decimals). A number within a trillion that is exactly the
 * double nearest some c/100 has "whole.ff" as its shortest round-trip text, which is what
 * String(n) writes: doubles there lie far closer than 0.01 apart, so no shorter text names it.
 * Anything else (integers, longer fractions, tiny or huge magnitudes) goes to String(n).
 */
export function numberText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const c = Math.round(n * 100);
  if (c / 100 !== n || c > 1e14 || c < -1e14) return String(n);
  const abs = c < 0 ? -c : c;
  const whole = Math.floor(abs / 100);
  const frac = abs - whole * 100;
  const fraction = frac % 10 === 0 ? `.${frac / 10}` : frac < 10 ? `.0${frac}` : `.${frac}`;
  return `${c < 0 ? '-' : ''}${whole}${fraction}`;
}
