import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/** Every script the page fetches from now on, by path, with its gzipped size. */
export function gzippedScripts(page: Page) {
  const pending: Promise<[string, number]>[] = [];
  page.on('response', (res) => {
    if (!res.url().endsWith('.js')) return;
    pending.push(res.body().then((body) => [new URL(res.url()).pathname, gzipSync(body).length]));
  });
  return async () => new Map(await Promise.all(pending));
}

/**
 * Records (on the page's clock, as the resource timings) when the first figure
 * card appears. A string: the test runner's name helpers do not exist in the page.
 */
export const FIGURES_SEEN = `new MutationObserver((_, o) => {
  if (document.querySelector('[data-testid^="figure-"]')) {
    window.__figuresAt = performance.now();
    o.disconnect();
  }
}).observe(document, { childList: true, subtree: true });`;

/** When the figures appeared and when ECharts was asked for, on the page's clock. */
export const chartOrder = (page: Page) =>
  page.evaluate(() => ({
    figures: (window as unknown as { __figuresAt?: number }).__figuresAt ?? Number.NaN,
    chart:
      performance.getEntriesByType('resource').find((e) => /\/EChart-[^/]*\.js$/.test(e.name))?.startTime ?? Number.NaN,
  }));
