import { nablaConfig } from '@nabla/vitest-config';

// Unit tests run in Node against the libraries' sources (nablaConfig aliases @nabla/* to src);
// the browser suite in test/e2e drives Chromium against the built site.
export default nablaConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
