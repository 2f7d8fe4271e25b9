import { nablaConfig } from '@nabla/vitest-config';

export default nablaConfig({ test: { testTimeout: 300_000 } });
