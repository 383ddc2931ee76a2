// tsc compiles only TypeScript: the web room's own stylesheet and script, and the PDF room's fonts, are
// copied beside the compiled code, so dist/web/assets.js and dist/pdf/page-kit.js find them where their
// src/ files do (docs/WEB.md "Assets", docs/PRINTING.md "Fonts"). The EB bundle ships dist/ whole.
import { cpSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
cpSync(path.join(ROOT, 'src/web/assets'), path.join(ROOT, 'dist/web/assets'), { recursive: true })
cpSync(path.join(ROOT, 'src/pdf/fonts'), path.join(ROOT, 'dist/pdf/fonts'), { recursive: true })
