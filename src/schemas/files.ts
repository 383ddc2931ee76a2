import { Type } from 'typebox'
import { DateTime } from './common.js'

export const FileSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    originalName: Type.String(),
    contentType: Type.String(),
    sizeBytes: Type.Integer(),
    uploadedBy: Type.Union([Type.Integer(), Type.Null()]),
    createdAt: DateTime,
  },
  { title: 'WorkOrderFile' },
)
export const FilesSchema = Type.Object({ data: Type.Array(FileSchema) })

const no = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
export const OrderParams = Type.Object({ no })
export const FileParams = Type.Object({ no, fileId: Type.String({ format: 'uuid' }) })
