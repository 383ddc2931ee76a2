import { built, defineErrors, fixed, passedOn } from '../errors.js'

export const FileErrors = defineErrors('files', {
  notFound: fixed(404, 'file.not_found', 'No such file on this order'),
  missing: fixed(400, 'file.missing', 'Send the file as multipart/form-data in a part named "file"'),
  empty: fixed(400, 'file.empty', 'The file is empty'),
  tooMany: fixed(
    400,
    'file.too_many',
    'One file per upload: this request carried more than one file, so none was kept. Send each file in its own request',
  ),
  tooManyParts: passedOn(
    413,
    'file.too_many_parts',
    'The multipart body has more parts or fields than an upload needs',
  ),
  tooLarge: built(
    413,
    'file.too_large',
    'The file is larger than MAX_UPLOAD_MB',
    (maxBytes: number) => `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`,
  ),
  unsupported: built(
    415,
    'file.unsupported_type',
    'The file type is not allowed, or its content does not match its name',
    (reason: string) => `File refused: ${reason}`,
  ),
  storageUnavailable: fixed(
    503,
    'file.storage_unavailable',
    'File storage is unavailable; try the upload again',
    () => ({ 'retry-after': '5' }),
  ),
  missingObject: fixed(404, 'file.missing_object', 'The file is listed but its content is missing'),
})
