import type { Config } from '../config.js'
import { createLocalStorage } from './local.js'
import type { FileStorage } from './types.js'

export type { FileStorage } from './types.js'

/** S3 when AWS_S3_BUCKET is set, else a directory under DATA_DIR. */
export async function createStorage(cfg: Config['files']): Promise<FileStorage> {
  if (!cfg.s3) return createLocalStorage(cfg.localDir)
  // The AWS SDK is loaded only when used: compiling it is a large share of a start without S3.
  const { createS3Storage } = await import('./s3.js')
  return createS3Storage(cfg.s3)
}
