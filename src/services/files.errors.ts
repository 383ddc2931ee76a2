import { defineErrors, passedOn } from '../errors.js'

export const FileErrors = defineErrors('files', {
  notFound: { status: 404, code: 'file.not_found', message: 'No such file on this work order' },
  missing: {
    status: 400,
    code: 'file.missing',
    message: 'Send the file as multipart/form-data in a part named "file"',
  },
  empty: { status: 400, code: 'file.empty', message: 'The file is empty' },
  tooMany: {
    status: 400,
    code: 'file.too_many',
    message:
      'One file per upload: this request carried more than one file, so none was kept. Send each file in its own request',
  },
  tooManyParts: {
    status: 413,
    code: 'file.too_many_parts',
    ...passedOn('The multipart body has more parts or fields than an upload needs'),
  },
  tooLarge: {
    status: 413,
    code: 'file.too_large',
    about: 'The file is larger than MAX_UPLOAD_MB',
    message: (maxBytes: number) => `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`,
  },
  unsupported: {
    status: 415,
    code: 'file.unsupported_type',
    about: 'The file type is not allowed, or its content does not match its name',
    message: (reason: string) => `File refused: ${reason}`,
  },
  storageUnavailable: {
    status: 503,
    code: 'file.storage_unavailable',
    message: 'File storage is unavailable; try the upload again',
    headers: () => ({ 'retry-after': '5' }),
  },
  missingObject: {
    status: 404,
    code: 'file.missing_object',
    message: 'The file is listed but its content is missing',
  },
})
