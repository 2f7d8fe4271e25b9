// Prototype pollution, checked after every fuzz input: the shared prototypes must keep their
// own keys, and the objects a parser hands back must not inherit anything an input named.

const SHARED = [Object.prototype, Array.prototype, Function.prototype, String.prototype];

/** The own keys of every shared prototype, to compare against after each input. */
export function prototypeSnapshot() {
  return SHARED.map((p) => Reflect.ownKeys(p).map(String).sort().join('\u0000'));
}

/**
 * '' when the shared prototypes are as they were, else which one changed.
 * @param {string[]} snapshot
 */
export function prototypesChanged(snapshot) {
  const now = prototypeSnapshot();
  const names = ['Object.prototype', 'Array.prototype', 'Function.prototype', 'String.prototype'];
  for (let i = 0; i < now.length; i++) {
    if (now[i] !== snapshot[i]) return `${names[i]} gained or lost a key`;
  }
  return '';
}

/**
 * '' when every plain object reachable from `value` (up to 10,000 of them) has the prototype a
 * plain object should have: null, Object.prototype, Array.prototype, or a class's prototype
 * (one whose own `constructor` points back at it). An object whose prototype was set from
 * input (`target[key] = …` with key "__proto__") has none of these.
 * @param {unknown} value
 */
export function inheritedKey(value) {
  const seen = new Set();
  const stack = [value];
  while (stack.length > 0 && seen.size < 10_000) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v) || ArrayBuffer.isView(v)) continue;
    seen.add(v);
    const proto = Object.getPrototypeOf(v);
    const classy =
      proto === null ||
      proto === Object.prototype ||
      proto === Array.prototype ||
      (Object.hasOwn(proto, 'constructor') && proto.constructor?.prototype === proto);
    if (!classy) {
      return `an object has a prototype made from input (keys ${Object.keys(proto).join(', ')})`;
    }
    for (const key of Object.keys(v)) stack.push(/** @type {Record<string, unknown>} */ (v)[key]);
  }
  return '';
}
