import { Type } from 'typebox'
import { mailKind, mailStatus } from '../models/mail.js'
import { DateTime, NullableDateTime } from './common.js'
import { PageOf } from './list.js'
import { enumOf } from './work-orders.js'

export const MailStatusSchema = enumOf(mailStatus.enumValues)
export const MailKindSchema = enumOf(mailKind.enumValues)
const nullableText = Type.Union([Type.String(), Type.Null()])
const nullableInt = Type.Union([Type.Integer(), Type.Null()])

export const MessagesQuery = Type.Object(
  {
    status: Type.Optional(MailStatusSchema),
    kind: Type.Optional(MailKindSchema),
    page: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
)

/** An outbox row as managers see it: the log of what was sent, is waiting, failed or was skipped. */
export const MessageRowSchema = Type.Object({
  id: Type.Integer(),
  kind: MailKindSchema,
  status: MailStatusSchema,
  customerId: nullableInt,
  customerName: nullableText,
  workOrderNo: nullableInt,
  toAddress: nullableText,
  subject: Type.String(),
  skipReason: nullableText,
  attempts: Type.Integer(),
  lastError: nullableText,
  nextAttemptAt: DateTime,
  sentAt: NullableDateTime,
  createdAt: DateTime,
})
export const MessagesPage = Type.Intersect([
  PageOf(MessageRowSchema),
  Type.Object({
    counts: Type.Object({
      pending: Type.Integer(),
      sent: Type.Integer(),
      failed: Type.Integer(),
      skipped: Type.Integer(),
    }),
  }),
])

export const DueReminderSchema = Type.Object({
  customerId: Type.Integer(),
  customerNo: Type.Integer(),
  name: Type.String(),
  email: Type.String({ description: 'The first valid address of the customer’s e-mail field' }),
  lastCompleted: Type.String({ format: 'date' }),
})
export const DueRemindersSchema = Type.Object({
  due: Type.Array(DueReminderSchema),
  noUsableEmail: Type.Integer({
    description: 'Due customers left out: their e-mail field holds no valid address',
  }),
  invalidExamples: Type.Array(
    Type.Object({
      customerId: Type.Integer(),
      customerNo: Type.Integer(),
      name: Type.String(),
      email: nullableText,
    }),
  ),
})

export const PreviewQuery = Type.Object(
  { customerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })) },
  { additionalProperties: false },
)
export const PreviewSchema = Type.Object({
  preview: Type.Union([
    Type.Object({
      customerId: Type.Integer(),
      to: Type.String(),
      subject: Type.String(),
      text: Type.String(),
      html: Type.String(),
    }),
    Type.Null(),
  ]),
})

export const BatchSchema = Type.Object({
  batchId: Type.Integer(),
  queued: Type.Integer(),
  noUsableEmail: Type.Integer(),
})

export const PreferencesSchema = Type.Object({
  customerId: Type.Integer(),
  email: nullableText,
  usableEmail: Type.Union([Type.String(), Type.Null()], {
    description: 'The address e-mail goes to, if any',
  }),
  optOut: Type.Boolean(),
  optedOutAt: NullableDateTime,
})
export const PreferencesBody = Type.Object({ optOut: Type.Boolean() }, { additionalProperties: false })
