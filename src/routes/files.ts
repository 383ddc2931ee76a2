import multipart, { type MultipartFile } from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ANY_ROLE, MANAGERS } from '../auth/access.js'
import { ErrorRef } from '../schemas/common.js'
import { FileParams, FileSchema, FilesSchema, OrderParams } from '../schemas/files.js'
import { FileErrors } from '../services/files.errors.js'
import type { FilesService } from '../services/files.js'
import { ALLOWED_EXTENSIONS } from '../storage/file-types.js'
import { writeContext } from './context.js'

/** The file's bytes, streamed (documented as binary; never serialized). */
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' })

/** The upload's form, as documented (the part is streamed, so it is not validated as a body). */
const UploadForm = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'One file; one per request' } },
}

type FilesOf = FilesService['repairOrders']

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorRef]))

/**
 * Reads the rest of the request: fields may follow the file, another file may not. Past the `files: 1`
 * limit busboy skips the second file and @fastify/multipart reports FST_FILES_LIMIT to whoever reads on.
 */
async function refuseMoreFiles(files: AsyncIterator<MultipartFile>) {
  let next: IteratorResult<MultipartFile>
  try {
    next = await files.next()
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_FILES_LIMIT') throw FileErrors.tooMany()
    throw error
  }
  if (!next.done) {
    next.value.file.resume()
    throw FileErrors.tooMany()
  }
}

/** Attachments of a work order or a repair order: photos of damage, quotes and sign-offs (docs/FILES.md). */
const fileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['files']
  const maxBytes = app.config.files.maxUploadBytes
  // Encapsulated here: only these routes accept multipart bodies. One file part, streamed; a second one
  // fails the request (400 file.too_many) rather than being dropped.
  await app.register(multipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6, headerPairs: 100 },
    throwFileSizeLimit: true,
  })

  /** The same four routes for each kind of owner, over the one files service. */
  const ownerRoutes = (base: string, what: string, owner: FilesOf) => {
    app.post(
      `${base}/:no/files`,
      {
        config: {
          access: ANY_ROLE,
          documentedBody: { consumes: ['multipart/form-data'], schema: UploadForm },
        },
        schema: {
          tags,
          summary: 'Attach a file (multipart/form-data, part "file")',
          description: `Allowed: ${ALLOWED_EXTENSIONS.join(', ')}, checked by content as well as name; at most MAX_UPLOAD_MB.`,
          params: OrderParams,
          response: { 201: FileSchema, ...err(400, 401, 403, 404, 406, 413, 415) },
        },
      },
      async (request, reply) => {
        const files = request.files()
        const first = await files.next()
        const part = first.done ? undefined : first.value
        if (part?.fieldname !== 'file') {
          part?.file.resume()
          throw FileErrors.missing()
        }
        // Past the limit busboy just ends the stream (truncated); fail it instead, so storage drops the upload.
        part.file.once('limit', () =>
          part.file.destroy(
            Object.assign(new Error('request file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' }),
          ),
        )
        const row = await owner.upload(writeContext(request), request.params.no, {
          filename: part.filename,
          stream: part.file,
          truncated: () => part.file.truncated,
          // One file per request (docs/FILES.md): a second file part refuses the whole upload, never dropped.
          afterStored: () => refuseMoreFiles(files),
        })
        return reply.code(201).send(row)
      },
    )

    app.get(
      `${base}/:no/files`,
      {
        config: { access: ANY_ROLE },
        schema: {
          tags,
          summary: `A ${what}'s files`,
          params: OrderParams,
          response: { 200: FilesSchema, ...err(400, 401, 404) },
        },
      },
      async (request) => ({ data: await owner.list(request.params.no) }),
    )

    app.get(
      `${base}/:no/files/:fileId`,
      {
        config: { access: ANY_ROLE },
        schema: {
          tags,
          summary: 'Download: a redirect to a short-lived URL on S3, the bytes from local storage',
          params: FileParams,
          response: { 200: Binary, 302: Type.Null(), ...err(400, 401, 404) },
        },
      },
      async (request, reply) => {
        const target = await owner.download(request.params.no, request.params.fileId)
        if ('redirect' in target)
          return reply.header('cache-control', 'no-store').redirect(target.redirect, 302)
        return reply
          .header('content-type', target.contentType)
          .header('content-length', target.size)
          .header('content-disposition', target.disposition)
          .header('cache-control', 'private, no-store')
          .send(target.stream)
      },
    )

    app.delete(
      `${base}/:no/files/:fileId`,
      {
        config: { access: MANAGERS },
        schema: {
          tags,
          summary: 'Delete a file',
          params: FileParams,
          response: { 204: Type.Null(), ...err(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await owner.remove(writeContext(request), request.params.no, request.params.fileId)
        return reply.code(204).send(null)
      },
    )
  }
  ownerRoutes('/api/work-orders', 'work order', app.filesService)
  ownerRoutes('/api/repair-orders', 'repair order', app.filesService.repairOrders)
}

export default fileRoutes
