import { writeFileSync } from 'node:fs'
import { errorsMarkdown } from '../src/error-registry.js'

// Writes docs/ERRORS.md from the error registries (test/error-registry.test.ts fails while it is stale).
writeFileSync(new URL('../docs/ERRORS.md', import.meta.url), errorsMarkdown())
