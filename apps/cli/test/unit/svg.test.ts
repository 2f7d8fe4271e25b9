import { describe, expect, it } from 'vitest';
import { confusionMatrixSvg } from '../../src/report/svg/confusion-matrix.js';
import { decisionMapSvg } from '../../src/report/svg/decision-map.js';
import { escapeXml } from '../../src/report/svg/escape.js';
import { lineChart } from '../../src/report/svg/line-chart.js';
import { linearScale, niceStep } from '../../src/report/svg/scale.js';

describe('scale', () => {
  it('picks 1-2-5 steps', () => {
    expect(niceStep(0, 1, 5)).toBe(0.2);
    expect(niceStep(0, 100, 5)).toBe(20);
    expect(niceStep(0, 0.03, 5)).toBe(0.005);
  });

  it('maps the domain onto the range and extends it to whole ticks', () => {
    const s = linearScale(0.13, 0.97, 0, 100);
    expect(s.domain).toEqual([0, 1]);
    expect(s.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(s(0.5)).toBeCloseTo(50);
  });

  it('gives a constant series room around it', () => {
    const s = linearScale(0.01, 0.01, 0, 100);
    expect(s.domain[0]).toBeLessThan(0.01);
    expect(s.domain[1]).toBeGreaterThan(0.01);
    expect(s(0.01)).toBeGreaterThan(0);
  });
});

describe('lineChart', () => {
  const svg = lineChart({
    title: 'Loss <train>',
    xLabel: 'epoch',
    yLabel: 'loss',
    series: [
      {
        name: 'train',
        points: [
          [1, 0.9],
          [2, 0.5],
          [3, 0.3],
        ],
        color: '#00f',
      },
      {
        name: 'val',
        points: [
          [1, 1],
          [2, Number.NaN],
          [3, 0.4],
        ],
        color: '#f00',
        dashed: true,
      },
    ],
    markers: [{ x: 2, label: 'best epoch 2', color: '#0a0' }],
  });

  it('is one SVG element with a polyline per unbroken run of points', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    // The NaN splits the validation series into two single points.
    expect(svg.match(/<circle/g)).toHaveLength(2);
  });

  it('draws markers, a legend and escapes text', () => {
    expect(svg).toContain('best epoch 2');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('Loss &lt;train&gt;');
    expect(svg).not.toContain('<train>');
  });
});

describe('confusionMatrixSvg', () => {
  it('draws one cell per pair with its count and the class names', () => {
    const svg = confusionMatrixSvg(
      [
        [5, 1],
        [0, 4],
      ],
      ['cat', 'dog'],
    );
    expect(svg.match(/<rect class="cell/g)).toHaveLength(4);
    expect(svg.match(/class="cell hit"/g)).toHaveLength(2);
    expect(svg).toContain('>5</text>');
    expect(svg).not.toContain('>0</text>'); // empty cells stay blank
    expect(svg).toContain('true cat, predicted dog: 1');
  });
});

describe('decisionMapSvg', () => {
  it('draws the regions as one embedded PNG and rings the mistakes', () => {
    const n = 4;
    const probabilities = new Float32Array(n * n * 2).map((_, i) => (i % 2 === 0 ? 0.7 : 0.3));
    const svg = decisionMapSvg(
      { xRange: [-1, 1], yRange: [-1, 1], resolution: n, probabilities, classes: ['0', '1'] },
      [
        { x: 0, y: 0, label: 0, predicted: 0 },
        { x: 0.5, y: 0.5, label: 1, predicted: 0 },
      ],
    );
    expect(svg.match(/<image [^>]*href="data:image\/png;base64,/g)).toHaveLength(1);
    expect(svg.match(/class="point"/g)).toHaveLength(1);
    expect(svg.match(/class="point wrong"/g)).toHaveLength(1);
  });
});

describe('escapeXml', () => {
  it('escapes the five special characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});
