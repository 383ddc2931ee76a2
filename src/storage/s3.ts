import type { Readable } from 'node:stream'
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { contentDisposition } from './disposition.js'
import { byteCounter } from './local.js'
import { checkKey, type FileStorage } from './types.js'

export interface S3Settings {
  bucket: string
  region: string
  /** An S3-compatible server (tests, MinIO); AWS itself when undefined. */
  endpoint: string | undefined
  forcePathStyle: boolean
}

const notFound = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } }
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404
}

/**
 * An S3 bucket. Credentials come from the SDK's default chain: the instance role on Elastic Beanstalk, or
 * the standard AWS_* variables. Uploads stream through lib-storage (multipart above 5 MB, parts aborted on
 * failure); downloads are presigned URLs the browser fetches from S3 directly.
 */
export function createS3Storage(settings: S3Settings, client?: S3Client): FileStorage {
  const s3 =
    client ??
    new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
    })
  const Bucket = settings.bucket
  return {
    kind: 's3',
    description: `s3://${Bucket}${settings.endpoint ? ` at ${settings.endpoint}` : ''}`,
    async put(key, body, contentType) {
      const counter = byteCounter()
      body.on('error', (err) => counter.stream.destroy(err))
      const upload = new Upload({
        client: s3,
        params: { Bucket, Key: checkKey(key), Body: body.pipe(counter.stream), ContentType: contentType },
        leavePartsOnError: false,
      })
      await upload.done()
      return { size: counter.size() }
    },
    async get(key) {
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket, Key: checkKey(key) }))
        return { body: out.Body as Readable, size: out.ContentLength ?? 0 }
      } catch (err) {
        if (notFound(err)) return undefined
        throw err
      }
    },
    async signedUrl(key, download) {
      const command = new GetObjectCommand({
        Bucket,
        Key: checkKey(key),
        ResponseContentDisposition: contentDisposition(download.filename),
        ResponseContentType: download.contentType,
      })
      return getSignedUrl(s3, command, { expiresIn: download.expiresInS })
    },
    async head(key) {
      try {
        const out = await s3.send(new HeadObjectCommand({ Bucket, Key: checkKey(key) }))
        return { size: out.ContentLength ?? 0 }
      } catch (err) {
        if (notFound(err)) return undefined
        throw err
      }
    },
    async delete(key) {
      await s3.send(new DeleteObjectCommand({ Bucket, Key: checkKey(key) }))
    },
    async close() {
      s3.destroy()
    },
  }
}
