import { defineConfig } from 'vitest/config';
import { shared, UNIT_FILES } from './vitest.shared.js';

/** `npm run test:unit`: the unit files alone, with no server started (they need none). */
export default defineConfig({
  test: { ...shared, include: [UNIT_FILES] },
});
