import { Type } from 'typebox'
import { type Role, userRole } from '../models/users.js'
import { DateTime, NullableDateTime } from './common.js'

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])

export const RoleSchema = Type.Unsafe<Role>(
  Type.Union(
    userRole.enumValues.map((role) => Type.Literal(role)),
    { description: 'admin: everything; manager: all business data, analytics, ML; staff: shop floor' },
  ),
)

export const UserSchema = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    email: Nullable(Type.String()),
    role: RoleSchema,
    active: Type.Boolean(),
    lastLoginAt: NullableDateTime,
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'User' },
)

export const SessionUserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  email: Nullable(Type.String()),
  role: RoleSchema,
})

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 150 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
)

export const LoginResponse = Type.Object({
  user: SessionUserSchema,
  token: Type.String({ description: 'Bearer token for API clients (the same session as the cookie)' }),
  expiresAt: DateTime,
})

export const MeResponse = Type.Object({
  user: SessionUserSchema,
  via: Type.Union([Type.Literal('cookie'), Type.Literal('bearer')]),
})

export const USERNAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$'

export const RegisterBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 200 }),
    username: Type.String({ pattern: USERNAME_PATTERN, description: '2-64 letters, digits, . _ -' }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    password: Type.String({ maxLength: 1024, description: '8-128 characters, not a common password' }),
  },
  { additionalProperties: false },
)

export const RegisterResponse = Type.Object({ user: UserSchema })
