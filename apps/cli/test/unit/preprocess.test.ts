import { readFileSync } from 'node:fs';
import { loadMnistSample } from '@nabla/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { preprocessDigit } from '../../src/image/mnist-preprocess.js';
import { decodePng, encodeGrayPng } from '../../src/image/png.js';
import { resampleArea } from '../../src/image/resample.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

let digits: { x: Float32Array; y: Int32Array };
beforeAll(async () => {
  const { test } = await loadMnistSample();
  digits = { x: test.x.data as Float32Array, y: test.y.data as Int32Array };
});

/** The first MNIST test digit of a class, as the sample holds it. */
function mnistDigit(label: number): Float32Array {
  const i = digits.y.indexOf(label);
  return digits.x.slice(i * 784, (i + 1) * 784);
}

function meanAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}

describe('resampleArea', () => {
  it('averages blocks when shrinking and conserves the mean', () => {
    const src = Float32Array.from([1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1]);
    const out = resampleArea(src, 4, 4, 2, 2);
    expect(Array.from(out)).toEqual([0.75, 0, 0, 1]);
  });

  it('repeats pixels when enlarging by a whole factor', () => {
    const out = resampleArea(Float32Array.from([0, 1]), 2, 1, 4, 2);
    expect(Array.from(out)).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
  });

  it('splits pixels cut by a fractional edge', () => {
    const out = resampleArea(Float32Array.from([0, 1, 0]), 3, 1, 2, 1);
    expect(out[0]).toBeCloseTo(1 / 3);
    expect(out[1]).toBeCloseTo(1 / 3);
  });
});

describe('preprocessDigit', () => {
  it('leaves an MNIST digit (already 20×20 in 28×28, centred by mass) nearly as it is', () => {
    for (const label of [0, 3, 7, 8]) {
      const original = mnistDigit(label);
      const image = decodePng(new Uint8Array(encodeGrayPng(original, 28, 28)), 'digit.png');
      const out = preprocessDigit(image, 'digit.png');
      expect(meanAbsDifference(out, original)).toBeLessThan(0.03);
    }
  });

  it('inverts dark ink on paper, crops, scales and centres it like the original', () => {
    const out = preprocessDigit(decodePng(fixture('digit-2-paper.png'), 'paper'), 'paper');
    expect(meanAbsDifference(out, mnistDigit(2))).toBeLessThan(0.03);
  });

  it('composites transparent pixels over white', () => {
    const out = preprocessDigit(decodePng(fixture('digit-1-alpha.png'), 'alpha'), 'alpha');
    expect(meanAbsDifference(out, mnistDigit(1))).toBeLessThan(0.03);
  });

  it('puts the centre of mass at the centre of the field', () => {
    const out = preprocessDigit(decodePng(fixture('digit-2-paper.png'), 'paper'), 'paper');
    let m = 0;
    let cx = 0;
    let cy = 0;
    out.forEach((v, i) => {
      m += v;
      cx += v * (i % 28);
      cy += v * Math.floor(i / 28);
    });
    expect(Math.abs(cx / m - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy / m - 14)).toBeLessThanOrEqual(0.5);
  });

  it('refuses an image without a digit', () => {
    expect(() =>
      preprocessDigit(decodePng(fixture('blank.png'), 'blank.png'), 'blank.png'),
    ).toThrow(/blank.png: no digit found/);
  });
});

describe('decodePng', () => {
  it('names the file when it is not a PNG', () => {
    expect(() => decodePng(fixture('not-a-png.png'), 'not-a-png.png')).toThrow(CliError);
    expect(() => decodePng(fixture('not-a-png.png'), 'not-a-png.png')).toThrow(
      /not-a-png.png: not a valid PNG image/,
    );
  });
});
