import { describe, expect, it } from 'vitest';
import { CHARTS_PER_WORKER, chartWorkersFor } from '../../src/build/chart-renderer.ts';

describe('chart workers for the charts a build will draw', () => {
  it('starts one worker for a few charts, one more per CHARTS_PER_WORKER, never more than the cores', () => {
    expect(chartWorkersFor(0, 4)).toBe(1);
    expect(chartWorkersFor(1, 4)).toBe(1);
    expect(chartWorkersFor(CHARTS_PER_WORKER, 4)).toBe(1);
    expect(chartWorkersFor(CHARTS_PER_WORKER + 1, 4)).toBe(2);
    expect(chartWorkersFor(3 * CHARTS_PER_WORKER, 4)).toBe(3);
    expect(chartWorkersFor(100 * CHARTS_PER_WORKER, 4)).toBe(4);
    expect(chartWorkersFor(100 * CHARTS_PER_WORKER, 2)).toBe(2);
  });
});
