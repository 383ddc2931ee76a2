import multipart, { type MultipartFile } from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ANY_ROLE, MANAGERS } from '../auth/access.js'
import { CheckInFileParams, CheckInParams } from '../schemas/check-ins.js'
import { ErrorRef } from '../schemas/common.js'
import { FileParams, FileSchema, FilesSchema, OrderParams } from '../schemas/files.js'
import { FileErrors } from '../services/files.errors.js'
import type { DownloadTarget, FilesService, Upload } from '../services/files.js'
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

/** One kind of order's files, addressed by the order's number. */
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

/**
 * Reads the one file part of an upload request and hands it to the service as a stream. Past the limit
 * busboy just ends the stream (truncated); it is failed instead, so storage drops the upload.
 */
async function receiveUpload<T>(request: FastifyRequest, store: (upload: Upload) => Promise<T>): Promise<T> {
  const files = request.files()
  const first = await files.next()
  const part = first.done ? undefined : first.value
  if (part?.fieldname !== 'file') {
    part?.file.resume()
    throw FileErrors.missing()
  }
  part.file.once('limit', () =>
    part.file.destroy(Object.assign(new Error('request file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' })),
  )
  return store({
    filename: part.filename,
    stream: part.file,
    truncated: () => part.file.truncated,
    // One file per request (docs/FILES.md): a second file part refuses the whole upload, never dropped.
    afterStored: () => refuseMoreFiles(files),
  })
}

/** Sends a download: a redirect to S3's presigned URL, or the bytes from local storage. */
function sendDownload(reply: FastifyReply, target: DownloadTarget) {
  if ('redirect' in target) return reply.header('cache-control', 'no-store').redirect(target.redirect, 302)
  return reply
    .header('content-type', target.contentType)
    .header('content-length', target.size)
    .header('content-disposition', target.disposition)
    .header('cache-control', 'private, no-store')
    .send(target.stream)
}

/** Attachments of work orders, repair orders and check-ins: photos of damage, quotes and sign-offs (docs/FILES.md). */
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
        const row = await receiveUpload(request, (upload) =>
          owner.upload(writeContext(request), request.params.no, upload),
        )
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
      async (request, reply) =>
        sendDownload(reply, await owner.download(request.params.no, request.params.fileId)),
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

  // A check-in's photos from the counter (docs/CHECK-INS.md): added and removed while it is pending;
  // converting it moves them onto the new work order, where the routes above serve them.
  app.post(
    '/api/check-ins/:id/files',
    {
      config: { access: ANY_ROLE, documentedBody: { consumes: ['multipart/form-data'], schema: UploadForm } },
      schema: {
        tags,
        summary: 'Attach a file to a pending check-in (multipart/form-data, part "file")',
        description: `Allowed: ${ALLOWED_EXTENSIONS.join(', ')}, checked by content as well as name; at most MAX_UPLOAD_MB.`,
        params: CheckInParams,
        response: { 201: FileSchema, ...err(400, 401, 403, 404, 406, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const row = await receiveUpload(request, (upload) =>
        app.filesService.checkIn.upload(writeContext(request), request.params.id, upload),
      )
      return reply.code(201).send(row)
    },
  )

  app.get(
    '/api/check-ins/:id/files',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: "A check-in's files",
        params: CheckInParams,
        response: { 200: FilesSchema, ...err(400, 401, 404) },
      },
    },
    async (request) => ({ data: await app.filesService.checkIn.list(request.params.id) }),
  )

  app.get(
    '/api/check-ins/:id/files/:fileId',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: "Download a check-in's file",
        params: CheckInFileParams,
        response: { 200: Binary, 302: Type.Null(), ...err(400, 401, 404) },
      },
    },
    async (request, reply) =>
      sendDownload(reply, await app.filesService.checkIn.download(request.params.id, request.params.fileId)),
  )

  app.delete(
    '/api/check-ins/:id/files/:fileId',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Delete a pending check-in's file",
        params: CheckInFileParams,
        response: { 204: Type.Null(), ...err(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await app.filesService.checkIn.remove(writeContext(request), request.params.id, request.params.fileId)
      return reply.code(204).send(null)
    },
  )
}

export default fileRoutes
