import { describe, expect, it } from 'vitest';
import { SIDE, toMnist } from './preprocess';

function blank(size: number): Float32Array {
  return new Float32Array(size * size);
}

function centreOfMass(img: Float32Array): [number, number] {
  let m = 0;
  let r = 0;
  let c = 0;
  for (let i = 0; i < img.length; i++) {
    m += img[i]!;
    r += img[i]! * (Math.floor(i / SIDE) + 0.5);
    c += img[i]! * ((i % SIDE) + 0.5);
  }
  return [r / m, c / m];
}

describe('drawing → MNIST input', () => {
  it('is null for an empty drawing', () => {
    expect(toMnist(blank(280), 280, 280)).toBeNull();
  });

  it('scales a small off-centre stroke to a 20-pixel box centred by mass', () => {
    const size = 280;
    const ink = blank(size);
    // A vertical bar 100 tall and 10 wide, in the top-left corner.
    for (let r = 10; r < 110; r++) for (let c = 20; c < 30; c++) ink[r * size + c] = 1;
    const out = toMnist(ink, size, size)!;
    expect(out).toHaveLength(784);
    const rows = new Set<number>();
    for (let i = 0; i < out.length; i++) if (out[i]! > 0) rows.add(Math.floor(i / SIDE));
    expect(rows.size).toBe(20);
    const [r, c] = centreOfMass(out);
    expect(Math.abs(r - 14)).toBeLessThanOrEqual(1);
    expect(Math.abs(c - 14)).toBeLessThanOrEqual(1);
    for (const v of out) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('enlarges a tiny drawing too', () => {
    const ink = blank(50);
    ink[25 * 50 + 25] = 1;
    ink[26 * 50 + 25] = 1;
    const out = toMnist(ink, 50, 50)!;
    expect(out.reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
  });
});
