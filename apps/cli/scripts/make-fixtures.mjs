// Makes the PNG fixtures of the CLI tests from MNIST test digits (the test part of the MNIST
// sample in @nabla/datasets, drawn from the real t10k files), each stored the way a person
// might hand a digit to `nabla predict`:
//
//   digit-7-mnist.png   28×28 grayscale, white on black: an MNIST digit as it is
//   digit-2-paper.png   RGB, black ink on white paper, 4× larger, off-centre on a wider page
//   digit-1-alpha.png   RGBA, black ink on a transparent background, 3× larger
//   blank.png           one flat colour: no digit in it
//   not-a-png.png       text with a .png name
//
// Run from apps/cli after a build of the workspace: node scripts/make-fixtures.mjs
import { writeFileSync } from 'node:fs';
import { loadMnistSample } from '@nabla/datasets';
import { PNG } from 'pngjs';

const out = new URL('../test/fixtures/', import.meta.url);
const { test } = await loadMnistSample();
const x = test.x.data;
const y = test.y.data;

/** The first test digit of this class, as 28×28 bytes (0 black, 255 white ink). */
function digit(label) {
  const i = y.indexOf(label);
  return Uint8Array.from(x.subarray(i * 784, (i + 1) * 784), (v) => Math.round(v * 255));
}

function write(name, png) {
  writeFileSync(new URL(name, out), PNG.sync.write(png, png.writeOptions));
  console.log(`wrote test/fixtures/${name}`);
}

function image(width, height, colorType, fill) {
  const png = new PNG({ width, height });
  for (let p = 0; p < width * height; p++) {
    const [r, g, b, a] = fill(p % width, Math.floor(p / width));
    png.data[4 * p] = r;
    png.data[4 * p + 1] = g;
    png.data[4 * p + 2] = b;
    png.data[4 * p + 3] = a;
  }
  png.writeOptions = { colorType };
  return png;
}

// An MNIST digit as it is: grayscale.
const seven = digit(7);
write(
  'digit-7-mnist.png',
  image(28, 28, 0, (c, r) => {
    const v = seven[r * 28 + c];
    return [v, v, v, 255];
  }),
);

// Black on white, scaled 4× (nearest neighbour), placed left of centre on a 160×120 page.
const two = digit(2);
write(
  'digit-2-paper.png',
  image(160, 120, 2, (c, r) => {
    const dc = Math.floor((c - 10) / 4);
    const dr = Math.floor((r - 4) / 4);
    const v = dc >= 0 && dc < 28 && dr >= 0 && dr < 28 ? two[dr * 28 + dc] : 0;
    return [255 - v, 255 - v, 255 - v, 255];
  }),
);

// Black ink whose opacity is the digit's intensity, on transparency, scaled 3×.
const one = digit(1);
write(
  'digit-1-alpha.png',
  image(84, 84, 6, (c, r) => [0, 0, 0, one[Math.floor(r / 3) * 28 + Math.floor(c / 3)]]),
);

write(
  'blank.png',
  image(20, 20, 2, () => [255, 255, 255, 255]),
);

writeFileSync(new URL('not-a-png.png', out), 'This is a text file, not a PNG image.\n');
console.log('wrote test/fixtures/not-a-png.png');
