/**
 * The only script an issue page loads up front: it watches the charts and, for each one that is
 * half in view or that a reader points at, focuses or touches, imports the interactive layer
 * (mount-chart.ts, with Vega's runtime; fetched once per page) and hands it that chart. Pages without
 * charts, and readers who never reach one, download nothing more. Without JavaScript the
 * static SVG, caption, sources and data table are the whole chart.
 */
const EVENTS = ['pointerover', 'focusin', 'touchstart'] as const;

export function watchCharts(root: ParentNode = document): void {
  const figures = [...root.querySelectorAll<HTMLElement>('figure.chart[data-chart-spec]')];
  if (figures.length === 0) return;
  const started = new WeakSet<HTMLElement>();
  const observer = 'IntersectionObserver' in window ? new IntersectionObserver(onSeen, { threshold: 0.5 }) : undefined;

  function start(figure: HTMLElement): void {
    if (started.has(figure)) return;
    started.add(figure);
    observer?.unobserve(figure);
    for (const type of EVENTS) figure.removeEventListener(type, onTouch);
    import('./mount-chart.ts')
      .then((m) => m.mountChart(figure))
      .catch((e: unknown) => console.warn('[tally] interactive charts unavailable; the static charts stay.', e));
  }
  function onSeen(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) if (e.isIntersecting) start(e.target as HTMLElement);
  }
  function onTouch(this: HTMLElement): void {
    start(this);
  }

  for (const figure of figures) {
    observer?.observe(figure);
    for (const type of EVENTS) figure.addEventListener(type, onTouch, { passive: true });
  }
}
