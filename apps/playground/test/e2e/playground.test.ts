// The playground in a real Chromium against the built site: every view loads cleanly, trains
// and draws. Screenshots of each view land in test-artifacts/ (not committed) for people to look at.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, CHROMIUM, launch, watchErrors } from './browser';
import { ensureBuilt, root, type Site, serve } from './site';

const artifacts = join(root, 'test-artifacts');

let site: Site;
let browser: Browser;

async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.url}?${query}`);
  return { page, errors };
}

/** Form controls without an accessible name: a label, aria-label, or a button's text. */
function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, button, textarea')]
      .filter((el) => {
        const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
        const text = el.tagName === 'BUTTON' ? (el.textContent ?? '') : '';
        return `${el.getAttribute('aria-label') ?? ''}${label}${text}`.trim() === '';
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

async function finish(page: Page, errors: string[], name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  expect(await unlabelled(page)).toEqual([]);
  expect(await page.locator('[role=alert]').allTextContents()).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
}

/** A cheap fingerprint of a canvas's pixels. */
function canvasPixels(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png'));
}

const number = async (page: Page, testId: string) =>
  Number(await page.getByTestId(testId).textContent());

describe('playground in Chromium', () => {
  beforeAll(async () => {
    // A missing browser is a failure, not a skip: .ci/run installs Debian's chromium.
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}; install it with apt-get install -y chromium`);
    }
    ensureBuilt();
    mkdirSync(artifacts, { recursive: true });
    site = await serve();
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('classify: play lowers the test loss on circles and redraws the boundary', async () => {
    const { page, errors } = await open('view=classify&c.data=circles');
    // The URL carries the state: a changed control shows up in it.
    await page.getByLabel('L2 rate').selectOption({ label: '0.001' });
    await expect.poll(() => page.url()).toContain('c.l2=0.001');
    await expect.poll(() => page.getByTestId('test-loss').textContent()).not.toBe('—');
    const before = await number(page, 'test-loss');
    const boundaryBefore = await canvasPixels(page, 'boundary');
    // From the keyboard, as anyone without a mouse would.
    await page.getByRole('button', { name: /Play/ }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => number(page, 'test-loss'), { timeout: 20_000, interval: 250 })
      .toBeLessThan(before * 0.6);
    await page.getByRole('button', { name: /Pause/ }).click();
    expect(await number(page, 'epoch')).toBeGreaterThan(0);
    expect(await canvasPixels(page, 'boundary')).not.toBe(boundaryBefore);
    await finish(page, errors, 'classify');
  }, 120_000);

  it('classify: regression on the multi-Gaussian set, and the tabs follow the arrow keys', async () => {
    const { page, errors } = await open(
      'view=classify&c.problem=regression&c.data=multiGaussian&c.layers=8-6-2&c.space=3&c.lr=0.01',
    );
    await expect.poll(() => page.getByTestId('test-loss').textContent()).not.toBe('—');
    const before = await number(page, 'test-loss');
    await page.getByRole('button', { name: /Play/ }).click();
    await expect
      .poll(() => number(page, 'test-loss'), { timeout: 20_000, interval: 250 })
      .toBeLessThan(before * 0.8);
    await page.getByRole('button', { name: /Pause/ }).click();
    await page.screenshot({ path: join(artifacts, 'classify-regression.png'), fullPage: true });
    await page.getByRole('tab', { name: 'Classify' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.url()).toContain('view=perceptron');
    await finish(page, errors, 'tabs');
  }, 120_000);

  it('classify works on a phone-sized screen', async () => {
    const { page, errors } = await open(
      'view=classify&c.data=spiral&c.features=x1-x2-sinX1-sinX2&c.layers=8-8-4',
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.getByTestId('test-loss').textContent()).not.toBe('—');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await finish(page, errors, 'classify-phone');
  }, 120_000);

  it('perceptron: converges on linear data and fails on XOR until a hidden layer is added', async () => {
    const { page, errors } = await open('view=perceptron&p.speed=30');
    await expect
      .poll(() => page.getByTestId('perceptron-status').textContent(), { timeout: 20_000 })
      .toMatch(/^Converged/);
    await page.screenshot({ path: join(artifacts, 'perceptron-linear.png'), fullPage: true });
    await page.getByLabel('Data set').selectOption({ label: 'XOR' });
    await page.getByRole('button', { name: 'To the end' }).click();
    await expect
      .poll(() => page.getByTestId('perceptron-status').textContent())
      .toMatch(/^Not converged/);
    await page.getByRole('button', { name: 'Add a hidden layer' }).click();
    await expect(
      page.getByTestId('hidden-result').textContent({ timeout: 20_000 }),
    ).resolves.toMatch(/classifies (9\d|100)%/);
    await finish(page, errors, 'perceptron');
  }, 120_000);

  it('optimizers: the race draws paths and Adam ends lower than it started', async () => {
    const { page, errors } = await open('view=optimizers&o.surface=rosenbrock');
    const adam = page.locator('tr[data-racer=adam]');
    await adam.waitFor({ timeout: 20_000 });
    const start = Number(await adam.getAttribute('data-start'));
    const final = Number(await adam.getAttribute('data-final'));
    expect(final).toBeLessThan(start);
    await expect.poll(() => number(page, 'race-step'), { timeout: 15_000 }).toBe(300);
    // Each racer's colour appears on the map: its path was drawn.
    const colours = await page.getByTestId('race').evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const wanted: Record<string, [number, number, number]> = {
        adam: [0x1f, 0x77, 0xb4],
        sgd: [0xd6, 0x27, 0x28],
        newton: [0xe3, 0x77, 0xc2],
      };
      const counts: Record<string, number> = { adam: 0, sgd: 0, newton: 0 };
      for (let i = 0; i < data.length; i += 4) {
        for (const [name, [r, g, b]] of Object.entries(wanted)) {
          if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) < 30)
            counts[name]!++;
        }
      }
      return counts;
    });
    for (const [name, count] of Object.entries(colours)) expect(count, name).toBeGreaterThan(20);
    await page.screenshot({ path: join(artifacts, 'optimizers.png'), fullPage: true });
    // A click on the map starts a new race from there, and the link records it.
    const map = await page.getByTestId('race').boundingBox();
    if (map === null) throw new Error('no race map');
    await page.mouse.click(map.x + map.width * 0.75, map.y + map.height * 0.25);
    const distanceToClick = () => {
      const [x, y] = (new URL(page.url()).searchParams.get('o.start') ?? 'NaN_NaN').split('_');
      return Math.hypot(Number(x) - 1, Number(y) - 2); // the map spans [−2, 2] × [−1, 3]
    };
    await expect.poll(distanceToClick).toBeLessThan(0.05);
    await expect.poll(() => number(page, 'race-step'), { timeout: 15_000 }).toBe(300);
    await finish(page, errors, 'optimizers-restarted');
  }, 120_000);

  it('digits: trains a few batches, and a drawn digit gets probabilities summing to 1', async () => {
    const { page, errors } = await open('view=digits');
    const train = page.getByTestId('train');
    await expect.poll(() => train.isEnabled(), { timeout: 30_000 }).toBe(true);
    await train.click();
    await expect
      .poll(
        async () => Number(await page.getByTestId('digits-progress').getAttribute('data-steps')),
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThanOrEqual(5);

    // Draw a 7 with the mouse: a bar across the top and a stroke down to the lower left.
    const pad = await page.getByTestId('pad').boundingBox();
    if (pad === null) throw new Error('no drawing pad');
    const at = (x: number, y: number) => [pad.x + x * pad.width, pad.y + y * pad.height] as const;
    await page.mouse.move(...at(0.25, 0.22));
    await page.mouse.down();
    for (const [x, y] of [
      [0.5, 0.22],
      [0.75, 0.22],
      [0.62, 0.5],
      [0.5, 0.8],
    ] as const) {
      await page.mouse.move(...at(x, y), { steps: 8 });
    }
    await page.mouse.up();
    const sum = async () => {
      const ps = await page
        .locator('[data-testid=probabilities] [data-p]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-p') ?? ''));
      return ps.some((p) => p === '') ? Number.NaN : ps.reduce((a, p) => a + Number(p), 0);
    };
    await expect.poll(sum, { timeout: 15_000 }).toBeCloseTo(1, 4);

    // A few epochs, for the curves, the accuracy and the gallery of mistakes in the screenshot.
    await expect
      .poll(
        async () => Number(await page.getByTestId('early-stopping').getAttribute('data-epochs')),
        {
          timeout: 90_000,
          interval: 500,
        },
      )
      .toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByTestId('mistakes').waitFor();
    await finish(page, errors, 'digits');
  }, 240_000);
});
