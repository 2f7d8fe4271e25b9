import { nablaConfig } from '@nabla/vitest-config';

export default nablaConfig();
