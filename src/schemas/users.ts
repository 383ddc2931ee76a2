import { Type } from 'typebox'
import { RoleSchema, UserSchema } from './auth.js'
import { DateTime } from './common.js'

export const UserListResponse = Type.Object({ data: Type.Array(UserSchema) })

export const UserIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })

export const UpdateUserBody = Type.Object(
  { role: Type.Optional(RoleSchema), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
)

export const InviteBody = Type.Object(
  {
    role: RoleSchema,
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    expiresInDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 90, description: 'Default INVITE_TTL_DAYS (7)' }),
    ),
  },
  { additionalProperties: false },
)

export const InviteResponse = Type.Object({
  id: Type.Integer(),
  role: RoleSchema,
  expiresAt: DateTime,
  token: Type.String({ description: 'Shown once; only a digest is stored' }),
  registerPath: Type.String({ description: 'POST the token here with a username and password' }),
})

export const AuditQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) })

export const AuditListResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      id: Type.Integer(),
      actorId: Type.Union([Type.Integer(), Type.Null()]),
      actorUsername: Type.Union([Type.String(), Type.Null()]),
      action: Type.String(),
      entity: Type.String(),
      entityId: Type.Union([Type.String(), Type.Null()]),
      summary: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
      requestId: Type.Union([Type.String(), Type.Null()]),
      ip: Type.Union([Type.String(), Type.Null()]),
      createdAt: DateTime,
    }),
  ),
})
