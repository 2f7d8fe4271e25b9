import { describe, expect, it } from 'vitest';
import {
  allocate,
  DTYPES,
  dtypeOf,
  floatTypeOf,
  isDType,
  isFloatDType,
  promoteTypes,
} from './index.js';

describe('dtypes', () => {
  it('promotion: the wider float wins, an integer meeting a float becomes that float', () => {
    const table: [string, string, string][] = [
      ['float32', 'float32', 'float32'],
      ['float32', 'float64', 'float64'],
      ['float32', 'int32', 'float32'],
      ['float64', 'int32', 'float64'],
      ['int32', 'int32', 'int32'],
    ];
    for (const [a, b, out] of table) {
      expect(promoteTypes(a as 'int32', b as 'int32')).toBe(out);
      expect(promoteTypes(b as 'int32', a as 'int32')).toBe(out);
    }
  });

  it('floatTypeOf, isDType, isFloatDType, allocate and dtypeOf agree', () => {
    expect(floatTypeOf('int32')).toBe('float32');
    expect(floatTypeOf('float64')).toBe('float64');
    expect(isDType('float16')).toBe(false);
    expect(isFloatDType('int32')).toBe(false);
    for (const d of DTYPES) {
      expect(isDType(d)).toBe(true);
      expect(dtypeOf(allocate(d, 2))).toBe(d);
      expect(allocate(d, 3)).toHaveLength(3);
    }
  });
});
