// tsc compiles only TypeScript: the web room's own stylesheet and script are copied beside the compiled
// code, so dist/web/assets.js finds them where src/web/assets.ts does (docs/WEB.md, "Assets").
import { cpSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
cpSync(path.join(ROOT, 'src/web/assets'), path.join(ROOT, 'dist/web/assets'), { recursive: true })
