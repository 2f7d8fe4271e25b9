import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  layerSizes,
  nonNegativeInteger,
  openUnitInterval,
  point,
  positiveInteger,
  positiveNumber,
  unitInterval,
} from '../../src/args/values.js';

describe('option values', () => {
  it('accepts exactly the integers', () => {
    expect(positiveInteger('20')).toBe(20);
    for (const bad of ['1.5', '0', '-3', 'abc', '', '1e3', '2x']) {
      expect(() => positiveInteger(bad)).toThrow(InvalidArgumentError);
    }
    expect(nonNegativeInteger('0')).toBe(0);
  });

  it('accepts numbers in their range', () => {
    expect(positiveNumber('1e-3')).toBe(0.001);
    expect(positiveNumber('.5')).toBe(0.5);
    for (const bad of ['-1', '0', 'abc', 'Infinity', '1e-3x', '']) {
      expect(() => positiveNumber(bad)).toThrow(InvalidArgumentError);
    }
    expect(unitInterval('0')).toBe(0);
    expect(() => unitInterval('1')).toThrow(InvalidArgumentError);
    expect(() => openUnitInterval('0')).toThrow(InvalidArgumentError);
  });

  it('reads layer sizes', () => {
    expect(layerSizes('256,128')).toEqual([256, 128]);
    expect(layerSizes(' 64 ')).toEqual([64]);
    expect(layerSizes('none')).toEqual([]);
    for (const bad of ['0,abc', '256,', '1.5', '-4', '64,,32']) {
      expect(() => layerSizes(bad)).toThrow(InvalidArgumentError);
    }
  });

  it('reads points', () => {
    expect(point('0.5,-1.25')).toEqual([0.5, -1.25]);
    expect(() => point('1,a')).toThrow(InvalidArgumentError);
    expect(() => point('1,')).toThrow(InvalidArgumentError);
  });
});
