import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3'
import S3rver from 's3rver'
import { tempDir } from './database.js'

/**
 * A real S3-compatible server (s3rver) on a free loopback port, with one bucket. The SDK reads the
 * credentials s3rver accepts from the standard variables, as it reads the instance's on AWS.
 */
export async function startS3(bucket = 'awning-cleaning-data') {
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER'
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER'
  const directory = tempDir('s3rver-')
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory })
  const { port } = (await server.run()) as { port: number }
  const endpoint = `http://127.0.0.1:${port}`
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true })
  await client.send(new CreateBucketCommand({ Bucket: bucket }))
  return {
    endpoint,
    bucket,
    client,
    env: { AWS_S3_BUCKET: bucket, S3_ENDPOINT: endpoint, AWS_REGION: 'us-east-1' },
    async close() {
      client.destroy()
      await server.close()
    },
  }
}
