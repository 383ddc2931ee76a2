import type { FastifyInstance } from 'fastify'
import { type Asset, assets } from './assets.js'

const IMMUTABLE = 'public, max-age=31536000, immutable'

function pickEncoding(asset: Asset, accept: string | undefined): { body: Buffer; encoding?: string } {
  if (accept?.includes('br')) return { body: asset.brotli, encoding: 'br' }
  if (accept?.includes('gzip')) return { body: asset.gzip, encoding: 'gzip' }
  return { body: asset.body }
}

/**
 * `GET /assets/<name>.<hash>.<ext>`: served from memory, compressed when the browser accepts it, cached
 * for a year (a new file content is a new URL). A stale or unknown name is a plain 404.
 */
export async function assetsRoute(app: FastifyInstance) {
  const byFile = new Map([...assets().values()].map((a) => [a.file, a]))
  app.get<{ Params: { file: string } }>(
    '/assets/:file',
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const asset = byFile.get(request.params.file)
      if (!asset) return reply.callNotFound()
      const { body, encoding } = pickEncoding(asset, request.headers['accept-encoding'])
      if (encoding) reply.header('content-encoding', encoding)
      return reply
        .header('cache-control', IMMUTABLE)
        .header('vary', 'accept-encoding')
        .type(asset.type)
        .send(body)
    },
  )
}
