import { expect, test } from 'vitest';
import { yieldToEventLoop } from './yield.js';

test('yieldToEventLoop lets a pending timer run first', async () => {
  let fired = false;
  setTimeout(() => {
    fired = true;
  }, 0);
  // A few turns: a 0 ms timer may need the next timers phase.
  for (let i = 0; i < 50 && !fired; i++) await yieldToEventLoop();
  expect(fired).toBe(true);
});
