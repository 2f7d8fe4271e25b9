// Shape ops: views (reshape, squeeze, unsqueeze), copies (permute, slice, concat, gather,
// indexSelect, broadcastTo) and casts. Gradients move values back where they came from; the
// adjoints of slice, gather and indexSelect (padSlice, scatterAdd, indexAdd) are ops too, so
// that second derivatives flow through them.
import * as raw from '@nabla/tensor';
import {
  ArgumentError,
  type AxisOptions,
  type DType,
  normalizeAxis,
  type Shape,
  ShapeError,
  type SliceOptions,
  type Tensor,
} from '@nabla/tensor';
import { indexAddTensor, padSliceTensor, scatterAddTensor } from '../kernels.js';
import { checkFloatMix, type OpDef, operand, recording, recordingAny, result } from '../node.js';
import { Variable } from '../variable.js';
import type { PadSliceOptions } from './ops.js';

const NONE: readonly Variable[] = [];

function view(def: OpDef, v: Variable, out: Tensor): Variable {
  const record = recording(v);
  return result(def, out, record, record ? [v] : NONE, undefined);
}

/** reshape, squeeze and unsqueeze only relabel the shape: the gradient is reshaped back. */
function viewDef(name: string): OpDef {
  return { name, backward: (o, g, n) => [o.reshape(g, n.input(0).shape)] };
}

const RESHAPE = viewDef('reshape');
/** The same values with a new shape (one dimension may be -1); shares data with `x`. */
export function reshape(x: Variable | Tensor, shape: Shape): Variable {
  const v = operand('reshape', x);
  return view(RESHAPE, v, raw.reshape(v.data, shape));
}

const SQUEEZE = viewDef('squeeze');
/** Removes size-1 axes (all, or the one given). */
export function squeeze(x: Variable | Tensor, options?: number | AxisOptions): Variable {
  const v = operand('squeeze', x);
  return view(SQUEEZE, v, raw.squeeze(v.data, options));
}

const UNSQUEEZE = viewDef('unsqueeze');
/** Inserts a size-1 axis at `axis`. */
export function unsqueeze(x: Variable | Tensor, options: number | AxisOptions): Variable {
  const v = operand('unsqueeze', x);
  return view(UNSQUEEZE, v, raw.unsqueeze(v.data, options));
}

const PERMUTE: OpDef<number[]> = {
  name: 'permute',
  backward: (o, g, n) => [o.permute(g, n.saved)],
};
/** Reorders axes: output axis i is input axis `dims[i]`. */
export function permute(x: Variable | Tensor, dims: readonly number[]): Variable {
  const v = operand('permute', x);
  const out = raw.permute(v.data, dims);
  const record = recording(v);
  let inverse: number[] = [];
  if (record) {
    inverse = new Array<number>(dims.length);
    dims.forEach((d, i) => {
      inverse[normalizeAxis('permute', d, v.rank)] = i;
    });
  }
  return result(PERMUTE, out, record, record ? [v] : NONE, inverse);
}

/** Reverses the axes (or permutes them by `dims`). A composite: `permute`. */
export function transpose(x: Variable | Tensor, dims?: readonly number[]): Variable {
  const v = operand('transpose', x);
  return permute(v, dims ?? v.shape.map((_, i) => v.rank - 1 - i));
}

const BROADCAST_TO: OpDef = {
  name: 'broadcastTo',
  // The engine sums a gradient back to its input's shape, which is exactly this backward.
  backward: (_o, g) => [g],
};
/** Materialises `x` broadcast to `shape`. */
export function broadcastTo(x: Variable | Tensor, shape: Shape): Variable {
  const v = operand('broadcastTo', x);
  return view(BROADCAST_TO, v, raw.broadcastTo(v.data, shape));
}

const ASTYPE: OpDef = {
  name: 'astype',
  backward: (o, g, n) => [o.astype(g, n.input(0).dtype)],
};
/** Converts to another dtype; between floats the gradient is converted back. */
export function astype(x: Variable | Tensor, dtype: DType): Variable {
  const v = operand('astype', x);
  const out = raw.astype(v.data, dtype);
  // Casting to int32 ends the graph: integers carry no gradient.
  const record = recording(v) && out.dtype !== 'int32';
  return result(ASTYPE, out, record, record ? [v] : NONE, undefined);
}

// ---------------------------------------------------------------------------------------------
// Slicing and its adjoint

/** `x[start:end:step]` along `axis`, with start and step normalised as @nabla/tensor does. */
function sliceBounds(x: Variable, options: SliceOptions): PadSliceOptions {
  const axis = normalizeAxis('slice', options.axis ?? 0, x.rank);
  const len = x.shape[axis]!;
  const start = options.start ?? 0;
  const clipped = Math.min(len, Math.max(0, start < 0 ? start + len : start));
  return { axis, start: clipped, step: options.step ?? 1 };
}

const SLICE: OpDef<PadSliceOptions> = {
  name: 'slice',
  backward: (o, g, n) => [o.padSlice(g, n.input(0).shape, n.saved)],
};
/** A range along one axis, `x[start:end:step]` in Python (see @nabla/tensor's `slice`). */
export function slice(x: Variable | Tensor, options: SliceOptions): Variable {
  const v = operand('slice', x);
  const out = raw.slice(v.data, options);
  const record = recording(v);
  return result(SLICE, out, record, record ? [v] : NONE, record ? sliceBounds(v, options) : NO_PAD);
}

const NO_PAD: PadSliceOptions = { axis: 0, start: 0, step: 1 };

const PAD_SLICE: OpDef<PadSliceOptions> = {
  name: 'padSlice',
  backward: (o, g, n) => {
    const { axis, start, step } = n.saved;
    const count = n.input(0).shape[axis]!;
    const end = count === 0 ? start : start + (count - 1) * step + 1;
    return [o.slice(g, { axis, start, end, step })];
  },
};
/** @internal The adjoint of `slice`: `x` written into zeros of `shape`. */
export function padSlice(x: Variable, shape: Shape, options: PadSliceOptions): Variable {
  const out = padSliceTensor(x.data, shape, options.axis, options.start, options.step);
  const record = recording(x);
  return result(PAD_SLICE, out, record, record ? [x] : NONE, options);
}

// ---------------------------------------------------------------------------------------------
// Joining

interface Joined {
  axis: number;
  offsets: number[];
}

const CONCAT: OpDef<Joined> = {
  name: 'concat',
  backward: (o, g, n) => {
    const { axis, offsets } = n.saved;
    return n.inputs.map((input, i) =>
      input.requiresGrad ? o.slice(g, { axis, start: offsets[i]!, end: offsets[i + 1]! }) : null,
    );
  },
};
/** Joins Variables along an existing axis. */
export function concat(xs: readonly (Variable | Tensor)[], options: AxisOptions = {}): Variable {
  if (!Array.isArray(xs) || xs.length === 0) {
    throw new ArgumentError('concat', 'needs a non-empty array of Variables');
  }
  const vs = xs.map((x) => operand('concat', x));
  for (const v of vs) checkFloatMix('concat', vs[0]!, v);
  const out = raw.concat(
    vs.map((v) => v.data),
    options,
  );
  const record = recordingAny(vs);
  let saved: Joined = { axis: 0, offsets: [] };
  if (record) {
    const axis = normalizeAxis('concat', options.axis ?? 0, vs[0]!.rank);
    const offsets = [0];
    for (const v of vs) offsets.push(offsets[offsets.length - 1]! + v.shape[axis]!);
    saved = { axis, offsets };
  }
  return result(CONCAT, out, record, vs, saved);
}

/** Joins Variables of one shape along a new axis. A composite: unsqueeze each, then concat. */
export function stack(xs: readonly (Variable | Tensor)[], options: AxisOptions = {}): Variable {
  if (!Array.isArray(xs) || xs.length === 0) {
    throw new ArgumentError('stack', 'needs a non-empty array of Variables');
  }
  const vs = xs.map((x) => operand('stack', x));
  const first = vs[0]!;
  for (const [i, v] of vs.entries()) {
    if (v.rank !== first.rank || v.shape.some((d, j) => d !== first.shape[j])) {
      throw new ShapeError(
        'stack',
        `input ${i} has shape [${v.shape.join(',')}] but input 0 has [${first.shape.join(',')}]; stack needs equal shapes`,
      );
    }
  }
  const axis = normalizeAxis('stack', options.axis ?? 0, first.rank + 1);
  return concat(
    vs.map((v) => unsqueeze(v, axis)),
    { axis },
  );
}

// ---------------------------------------------------------------------------------------------
// Indexing and its adjoints

interface Indexed {
  index: Tensor;
  axis: number;
}

function indexTensor(index: Variable | Tensor): Tensor {
  return index instanceof Variable ? index.data : index;
}

const GATHER: OpDef<Indexed> = {
  name: 'gather',
  backward: (o, g, n) => [o.scatterAdd(g, n.saved.index, n.input(0).shape, { axis: n.saved.axis })],
};
/** PyTorch's `gather`: `out[i][j] = x[index[i][j]][j]` for axis 0, likewise for any axis. */
export function gather(x: Variable | Tensor, index: Variable | Tensor, options: AxisOptions = {}) {
  const v = operand('gather', x);
  const idx = indexTensor(index);
  const out = raw.gather(v.data, idx, options);
  const record = recording(v);
  const axis = record ? normalizeAxis('gather', options.axis ?? 0, v.rank) : 0;
  return result(GATHER, out, record, record ? [v] : NONE, { index: idx, axis });
}

const SCATTER_ADD: OpDef<Indexed> = {
  name: 'scatterAdd',
  backward: (o, g, n) => [o.gather(g, n.saved.index, { axis: n.saved.axis })],
};
/** @internal The adjoint of `gather`: `x` added into zeros of `shape` where gather read. */
export function scatterAdd(x: Variable, index: Tensor, shape: Shape, options: AxisOptions) {
  const axis = options.axis ?? 0;
  const out = scatterAddTensor(x.data, index, shape, axis);
  const record = recording(x);
  return result(SCATTER_ADD, out, record, record ? [x] : NONE, { index, axis });
}

const INDEX_SELECT: OpDef<Indexed> = {
  name: 'indexSelect',
  backward: (o, g, n) => [o.indexAdd(g, n.saved.index, n.input(0).shape, { axis: n.saved.axis })],
};
/** Whole slices along `axis` picked by 1-D int32 `indices` (PyTorch's `index_select`). */
export function indexSelect(
  x: Variable | Tensor,
  indices: Variable | Tensor,
  options: AxisOptions = {},
): Variable {
  const v = operand('indexSelect', x);
  const idx = indexTensor(indices);
  const out = raw.indexSelect(v.data, idx, options);
  const record = recording(v);
  const axis = record ? normalizeAxis('indexSelect', options.axis ?? 0, v.rank) : 0;
  return result(INDEX_SELECT, out, record, record ? [v] : NONE, { index: idx, axis });
}

const INDEX_ADD: OpDef<Indexed> = {
  name: 'indexAdd',
  backward: (o, g, n) => [o.indexSelect(g, n.saved.index, { axis: n.saved.axis })],
};
/** @internal The adjoint of `indexSelect`: slices of `x` added into zeros of `shape`. */
export function indexAdd(x: Variable, indices: Tensor, shape: Shape, options: AxisOptions) {
  const axis = options.axis ?? 0;
  const out = indexAddTensor(x.data, indices, shape, axis);
  const record = recording(x);
  return result(INDEX_ADD, out, record, record ? [x] : NONE, { index: indices, axis });
}
