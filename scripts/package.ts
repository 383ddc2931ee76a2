// Writes the Elastic Beanstalk source bundle: the built code (dist/, run with `npm run build` first; the
// `package` script does), the migrations, the dependency manifest and the EB configuration. EB installs the
// production dependencies from package-lock.json and runs the Procfile; no compiler runs on the instances.
//   npm run package [-- --out awning-management-system.zip]
import { createWriteStream, existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ZipArchive } from 'archiver'

const ROOT = path.resolve(import.meta.dirname, '..')
/** What the bundle holds: directories whole, files as they are. */
export const BUNDLE = [
  'dist',
  'drizzle',
  '.ebextensions',
  '.platform',
  'package.json',
  'package-lock.json',
  'Procfile',
]

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'awning-management-system.zip' } },
})
const out = path.resolve(ROOT, values.out)
for (const entry of BUNDLE) {
  if (!existsSync(path.join(ROOT, entry))) {
    console.error(`error: ${entry} is missing${entry === 'dist' ? ' (run npm run build)' : ''}`)
    process.exit(1)
  }
}
if (!existsSync(path.join(ROOT, 'dist/server.js')) || !existsSync(path.join(ROOT, 'dist/cli/db.js'))) {
  console.error('error: dist/ has no server.js or cli/db.js (run npm run build)')
  process.exit(1)
}

const archive = new ZipArchive({ zlib: { level: 9 } })
const output = createWriteStream(out)
const done = new Promise<void>((resolve, reject) => {
  output.on('close', resolve)
  archive.on('error', reject)
  archive.on('warning', reject)
})
archive.pipe(output)
for (const entry of BUNDLE) {
  const full = path.join(ROOT, entry)
  // Directories keep their modes (platform hooks must stay executable).
  if (statSync(full).isDirectory()) archive.directory(full, entry)
  else archive.file(full, { name: entry })
}
await archive.finalize()
await done
console.log(
  `wrote ${path.relative(process.cwd(), out) || out} (${(archive.pointer() / 1024).toFixed(0)} KB): ${BUNDLE.join(', ')}`,
)
