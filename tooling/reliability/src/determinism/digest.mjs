// What "bit-identical" is measured on, shared by the tests and the child processes: a model's
// weights as their raw bytes, and a History as every number it holds (time fields aside) in
// float64 bytes plus how it stopped. Plain JavaScript so child processes can run it as is.
import { createHash } from 'node:crypto';

/** The raw bytes of every parameter, in state-dict order, with the names between them. */
export function weightBytes(model) {
  const parts = [];
  for (const [name, tensor] of Object.entries(model.stateDict())) {
    const data = tensor.data;
    parts.push(Buffer.from(name), Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  return Buffer.concat(parts);
}

/** Every number of every epoch log except the wall-clock ones, in a fixed order, as float64. */
export function historyNumbers(history) {
  const values = [];
  const add = (value) => {
    if (typeof value === 'number') values.push(value);
    else if (Array.isArray(value)) for (const v of value) add(v);
    else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value).sort()) add(value[key]);
    }
  };
  for (const { time: _time, samplesPerSecond: _rate, ...log } of history.epochs) add(log);
  return new Float64Array(values);
}

/** The bytes a History is compared on: its numbers and its stop record. */
export function historyBytes(history) {
  const numbers = historyNumbers(history);
  return Buffer.concat([
    Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength),
    Buffer.from(JSON.stringify(history.stop)),
  ]);
}

export function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}
