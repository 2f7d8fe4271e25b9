// Backpropagation: an iterative topological walk from the outputs, one vector-Jacobian product
// per node in reverse order, gradients summed where paths meet, the graph freed behind it.
import {
  allocate,
  DTypeError,
  formatShape,
  NablaError,
  release,
  type Shape,
  ShapeError,
  Tensor,
} from '@nabla/tensor';
import { enableGrad } from './grad-mode.js';
import { addInto } from './kernels.js';
import { freeNode, type Grads, type Node } from './node.js';
import { type Ops, tensorOps, variableOps } from './ops/ops.js';
import { Variable } from './variable.js';

export interface BackwardOptions {
  /** Keep the graph so another backward can run through it (default false: it is freed). */
  retainGraph?: boolean;
  /**
   * Record the backward pass itself, so gradients can be differentiated again (Hessians,
   * gradient penalties). Implies `retainGraph` unless that is given.
   */
  createGraph?: boolean;
}

export interface GradientsOptions extends BackwardOptions {
  /**
   * The gradient to start from for each output (same shape); may be omitted for one-element
   * outputs (1 is used).
   */
  gradOutputs?: Tensor | Variable | readonly (Tensor | Variable | null | undefined)[];
}

/** Visit stamps: a walk marks what it has seen with a fresh number instead of keeping a Set. */
let stamp = 0;

/** `root.backward(grad, options)`: accumulates into the `.grad` of every leaf it reaches. */
export function backward(
  root: Variable,
  grad: Tensor | Variable | number | undefined,
  options: BackwardOptions,
): void {
  if (!(root instanceof Variable)) {
    throw new NablaError('backward', 'can only be called on a Variable');
  }
  if (!root.requiresGrad) {
    throw new NablaError(
      'backward',
      `the output of '${root.op}' does not require a gradient: none of its inputs has requiresGrad: true, or it was computed inside noGrad()`,
    );
  }
  const createGraph = options.createGraph ?? false;
  const retain = options.retainGraph ?? createGraph;
  if (createGraph) {
    const seed = seedFor(root, grad, 'backward');
    enableGrad(() => run(variableOps, true, [root], [liftSeed(seed)], false, retain, null, null));
  } else {
    const seed = seedFor(root, grad, 'backward');
    const value = seed.value instanceof Variable ? seed.value.data : seed.value;
    run(tensorOps, false, [root], [value], seed.fresh, retain, null, null);
  }
}

/**
 * The gradients of `outputs` with respect to `inputs` (PyTorch's `torch.autograd.grad`), returned
 * instead of accumulated into `.grad`: one Variable per input, zeros where an input does not
 * influence the outputs. With `createGraph` they are in the graph and can be differentiated again.
 */
export function gradients(
  outputs: Variable | readonly Variable[],
  inputs: Variable | readonly Variable[],
  options: GradientsOptions = {},
): Variable[] {
  const outs = Array.isArray(outputs) ? (outputs as readonly Variable[]) : [outputs as Variable];
  const ins = Array.isArray(inputs) ? (inputs as readonly Variable[]) : [inputs as Variable];
  for (const [i, v] of [...outs, ...ins].entries()) {
    if (!(v instanceof Variable)) {
      throw new NablaError('gradients', `argument ${i} is not a Variable`);
    }
  }
  const given = options.gradOutputs;
  const seedsGiven: readonly (Tensor | Variable | null | undefined)[] =
    given === undefined ? [] : Array.isArray(given) ? given : [given as Tensor | Variable];
  if (given !== undefined && seedsGiven.length !== outs.length) {
    throw new NablaError(
      'gradients',
      `got ${seedsGiven.length} gradOutputs for ${outs.length} outputs; give one per output`,
    );
  }
  const createGraph = options.createGraph ?? false;
  const retain = options.retainGraph ?? createGraph;
  // Outputs that need no gradient contribute nothing.
  const roots: Variable[] = [];
  const seeds: Seed[] = [];
  for (const [i, out] of outs.entries()) {
    if (!out.requiresGrad) continue;
    roots.push(out);
    seeds.push(seedFor(out, seedsGiven[i] ?? undefined, 'gradients'));
  }
  const zero = (v: Variable) =>
    new Variable(new Tensor(allocate(v.dtype, v.size), v.shape), false, 'constant');
  if (roots.length === 0) return ins.map(zero);
  if (createGraph) {
    const found = enableGrad(() =>
      run(variableOps, true, roots, seeds.map(liftSeed), false, retain, ins, null),
    );
    return ins.map((v, i) => found[i] ?? zero(v));
  }
  const owned: boolean[] = [];
  const found = run(
    tensorOps,
    false,
    roots,
    seeds.map((s) => (s.value instanceof Variable ? s.value.data : s.value)),
    seeds.every((s) => s.fresh),
    retain,
    ins,
    owned,
  );
  return ins.map((v, i) => {
    const g = found[i];
    if (g === null || g === undefined) return zero(v);
    // A gradient shared with another result (or the caller's seed) is copied, so results are
    // independent tensors.
    return new Variable(owned[i] ? g : g.clone(), false, 'constant');
  });
}

interface Seed {
  value: Tensor | Variable;
  fresh: boolean;
}

/** The starting gradient of `root`, checked: ones for a one-element output, else the given one. */
function seedFor(root: Variable, grad: Tensor | Variable | number | undefined, op: string): Seed {
  const shape = root.shape;
  if (grad === undefined) {
    if (root.size !== 1) {
      throw new ShapeError(
        op,
        `the output of '${root.op}' has shape ${formatShape(shape)}; a gradient can be implied only for a one-element output (a loss). Pass one of shape ${formatShape(shape)}, e.g. backward(ones(${formatShape(shape)}))`,
      );
    }
    const data = allocate(root.dtype, 1);
    data[0] = 1;
    return { value: new Tensor(data, shape), fresh: true };
  }
  if (typeof grad === 'number') {
    const data = allocate(root.dtype, root.size);
    data.fill(grad);
    return { value: new Tensor(data, shape), fresh: true };
  }
  const t = grad instanceof Variable ? grad.data : grad;
  if (!(t instanceof Tensor)) {
    throw new NablaError(op, 'the gradient must be a Tensor, a Variable or a number');
  }
  if (!sameShape(t.shape, shape)) {
    throw new ShapeError(
      op,
      `the gradient has shape ${formatShape(t.shape)} but the output of '${root.op}' has shape ${formatShape(shape)}; they must be equal`,
    );
  }
  if (t.dtype !== root.dtype) {
    throw new DTypeError(
      op,
      `the gradient is ${t.dtype} but the output of '${root.op}' is ${root.dtype}; convert it with astype`,
    );
  }
  return { value: grad instanceof Variable ? grad : t, fresh: false };
}

function liftSeed(seed: Seed): Variable {
  return seed.value instanceof Variable ? seed.value : new Variable(seed.value, false, 'constant');
}

/**
 * The nodes reachable from `roots` through Variables that require gradients, inputs before the
 * outputs that use them. Iterative (an explicit stack), so a chain of any depth is fine.
 */
function topologicalOrder(roots: readonly Variable[]): Variable[] {
  const mark = ++stamp;
  const order: Variable[] = [];
  // The walk's stacks are empty whenever it is not running, so one pair serves every walk (a
  // step's backward then allocates only its order); a walk that threw left them as they were.
  const stack = walkStack;
  const next = walkNext;
  stack.length = 0;
  next.length = 0;
  for (const root of roots) {
    if (root.node === null || root._mark === mark) continue;
    checkAlive(root.node);
    root._mark = mark;
    stack.push(root);
    next.push(0);
    while (stack.length > 0) {
      const top = stack.length - 1;
      const v = stack[top]!;
      const inputs = v.node!.inputs;
      const i = next[top]!;
      if (i < inputs.length) {
        next[top] = i + 1;
        const input = inputs[i]!;
        const node = input.node;
        if (node !== null && input._mark !== mark) {
          checkAlive(node);
          input._mark = mark;
          stack.push(input);
          next.push(0);
        }
      } else {
        stack.pop();
        next.pop();
        order.push(v);
      }
    }
  }
  return order;
}

const walkStack: Variable[] = [];
const walkNext: number[] = [];

function checkAlive(node: Node): void {
  if (node.freed) {
    throw new NablaError(
      'backward',
      `the graph through '${node.def.name}' was freed by an earlier backward(); pass { retainGraph: true } to the first backward() to go through the graph twice, or recompute the forward`,
    );
  }
}

/**
 * Marks (in `_need`) the nodes on a path to one of `targets`, so a `gradients` call computes only
 * what it returns and leaves the rest of the graph untouched. `order` lists inputs first.
 */
function markNeeded(order: readonly Variable[], targets: readonly Variable[]): number {
  const mark = ++stamp;
  for (const t of targets) t._need = mark;
  for (const v of order) {
    if (v._need === mark) continue;
    for (const input of v.node!.inputs) {
      if (input._need === mark) {
        v._need = mark;
        break;
      }
    }
  }
  return mark;
}

/**
 * The engine. `o` is the backward vocabulary (raw tensors, or Variables when `graph`). Without
 * `targets`, gradients reaching leaves are accumulated into their `.grad`; with `targets`, the
 * gradients of those Variables are returned and `.grad` is not touched (`owned[i]` then says
 * whether result i is a buffer nobody else holds).
 */
function run<T extends Tensor | Variable>(
  o: Ops<T>,
  graph: boolean,
  roots: readonly Variable[],
  seeds: readonly T[],
  seedsFresh: boolean,
  retain: boolean,
  targets: readonly Variable[] | null,
  owned: boolean[] | null,
): (T | null)[] {
  const order = topologicalOrder(roots);
  const need = targets === null ? 0 : markNeeded(order, targets);
  const collect = targets !== null;
  const touched: Variable[] = [];
  try {
    for (let i = 0; i < roots.length; i++) {
      deliver(o, graph, roots[i]!, seeds[i]!, seedsFresh, collect, touched);
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i]!;
      const node = v.node!;
      if (collect && v._need !== need) continue;
      const g = v._pending as T | null;
      if (g !== null && (!collect || feedsTarget(node, need))) {
        const gOwned = v._pendingOwned;
        if (!collect) v._pending = null;
        const fast = node.def.fast;
        const grads =
          !graph && fast !== undefined
            ? (fast(g as Tensor, node) as Grads<T>)
            : node.def.backward(o, g, node);
        const inputs = node.inputs;
        for (let j = 0; j < inputs.length; j++) {
          const input = inputs[j]!;
          const raw = grads[j];
          if (raw === null || raw === undefined || !input.requiresGrad) continue;
          if (collect && input._need !== need) continue;
          const rawFresh = !graph && isFresh(raw as Tensor, g as Tensor, grads as Grads<Tensor>, j);
          const r = unbroadcast(o, raw, input, node);
          let fresh = rawFresh;
          if (!graph && (r as Tensor).data !== (raw as Tensor).data) {
            // Summed back to its input's shape: a new buffer, and the raw one is left unused.
            fresh = true;
            if (rawFresh) release(raw as Tensor);
          }
          deliver(o, graph, input, r, fresh, collect, touched);
        }
        // The incoming gradient is consumed: hand its buffer back unless it is passed on (add
        // and reshape forward it) or was never ours (a seed the caller gave).
        if (!graph && !collect && gOwned && !returned(g as Tensor, grads as Grads<Tensor>)) {
          release(g as Tensor);
        }
      }
      if (!retain) {
        if (!graph && node.def.free !== undefined) node.def.free(node.saved);
        freeNode(node);
        // Every consumer of v ran before its producer: a value nothing else holds is done with.
        if (!graph && v._intermediate) release(v.data);
      }
    }
    if (targets === null) return [];
    return targets.map((t, i) => {
      if (owned !== null) owned[i] = t._pendingOwned;
      return t._pending as T | null;
    });
  } finally {
    for (const v of order) v._pending = null;
    for (const v of touched) v._pending = null;
  }
}

/** Whether `g`'s buffer is among the gradients a backward returned. */
function returned(g: Tensor, grads: Grads<Tensor>): boolean {
  for (let k = 0; k < grads.length; k++) if (grads[k]?.data === g.data) return true;
  return false;
}

/** Whether some input of `node` is on a path to a target (else its backward would be wasted). */
function feedsTarget(node: Node, need: number): boolean {
  for (const input of node.inputs) if (input._need === need) return true;
  return false;
}

/**
 * Whether a gradient returned by a backward is a buffer nobody else holds: not the incoming
 * gradient or a view of it (add, reshape pass `g` through), and not shared with another input's.
 */
function isFresh(r: Tensor, g: Tensor, grads: Grads<Tensor>, j: number): boolean {
  const d = r.data;
  if (d === g.data) return false;
  for (let k = 0; k < grads.length; k++) {
    if (k !== j && grads[k]?.data === d) return false;
  }
  return true;
}

/**
 * Adds gradient `r` for `v`: into `.grad` for a leaf (unless collecting), else into the pending
 * sum. The first gradient is adopted without a copy when it is fresh; a second is added out of
 * place into a new buffer, which later ones are then added into in place.
 */
function deliver<T extends Tensor | Variable>(
  o: Ops<T>,
  graph: boolean,
  v: Variable,
  r: T,
  fresh: boolean,
  collect: boolean,
  touched: Variable[],
): void {
  if (v.node === null && !collect) {
    if (graph) {
      const gv = r as Variable;
      const previous = v._gradVariable ?? (v._grad === null ? null : liftConstant(v._grad));
      const total = previous === null ? gv : (o.add(previous as T, r) as Variable);
      v._gradVariable = total;
      v._grad = total.data;
      v._gradOwned = false;
      return;
    }
    const t = r as Tensor;
    if (v._grad === null) {
      v._grad = fresh ? t : t.clone();
      v._gradOwned = true;
      v._gradExposed = false;
    } else if (v._gradOwned) {
      addInto(v._grad, t);
      if (fresh) release(t);
    } else {
      v._grad = tensorOps.add(v._grad, t);
      v._gradOwned = true;
      v._gradExposed = false;
      if (fresh) release(t);
    }
    v._gradVariable = null;
    return;
  }
  const pending = v._pending as T | null;
  if (pending === null) {
    v._pending = r;
    v._pendingOwned = fresh;
    if (v.node === null) touched.push(v);
  } else if (!graph && v._pendingOwned) {
    addInto(pending as Tensor, r as Tensor);
    if (fresh) release(r as Tensor);
  } else {
    v._pending = o.add(pending, r);
    v._pendingOwned = !graph;
    if (!graph && fresh) release(r as Tensor);
  }
}

function liftConstant(t: Tensor): Variable {
  return new Variable(t, false, 'constant');
}

/**
 * Sums a gradient over the axes its input was broadcast along, back to the input's shape: the one
 * place broadcasting is undone. Also checks what a backward returned (a bug if wrong).
 */
function unbroadcast<T extends Tensor | Variable>(o: Ops<T>, r: T, input: Variable, node: Node): T {
  const target = input.data.shape;
  const shape = o.shape(r);
  if (o.dtype(r) !== input.dtype) {
    throw new NablaError(
      node.def.name,
      `internal error: backward returned a ${o.dtype(r)} gradient for a ${input.dtype} input`,
    );
  }
  if (sameShape(shape, target)) return r;
  const lead = shape.length - target.length;
  const axes: number[] = [];
  let ok = lead >= 0;
  for (let i = 0; i < shape.length && ok; i++) {
    if (i < lead) axes.push(i);
    else if (target[i - lead] === 1 && shape[i] !== 1) axes.push(i);
    else if (target[i - lead] !== shape[i]) ok = false;
  }
  if (!ok) {
    throw new ShapeError(
      node.def.name,
      `internal error: backward returned a gradient of shape ${formatShape(shape)} for an input of shape ${formatShape(target)}`,
    );
  }
  const summed = axes.length > 0 ? o.sum(r, { axis: axes }) : r;
  return sameShape(o.shape(summed), target) ? summed : o.reshape(summed, target);
}

function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
