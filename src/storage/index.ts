import type { Config } from '../config.js'
import { createLocalStorage } from './local.js'
import { createS3Storage } from './s3.js'
import type { FileStorage } from './types.js'

export type { FileStorage } from './types.js'

/** S3 when AWS_S3_BUCKET is set, else a directory under DATA_DIR. */
export function createStorage(cfg: Config['files']): FileStorage {
  return cfg.s3 ? createS3Storage(cfg.s3) : createLocalStorage(cfg.localDir)
}
