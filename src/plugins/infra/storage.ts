import fp from 'fastify-plugin'
import { createStorage, type FileStorage } from '../../storage/index.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Where attachments are kept (S3, or DATA_DIR/files). */
    storage: FileStorage
  }
}

export interface StoragePluginOptions {
  /** Use this storage instead of the configured one (tests wrap a driver to inject failures). */
  storage?: FileStorage
}

export default fp<StoragePluginOptions>(
  async (app, opts) => {
    const storage = opts.storage ?? (await createStorage(app.config.files))
    app.log.info({ storage: storage.description }, 'file storage ready')
    app.decorate('storage', storage)
    if (!opts.storage) app.addHook('onClose', async () => storage.close?.())
  },
  { name: 'storage', dependencies: ['config'] },
)
