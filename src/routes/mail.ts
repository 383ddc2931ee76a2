import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { MANAGERS } from '../auth/access.js'
import { ErrorRef } from '../schemas/common.js'
import { IdParams } from '../schemas/list.js'
import {
  BatchSchema,
  DueRemindersSchema,
  MessagesPage,
  MessagesQuery,
  PreferencesBody,
  PreferencesSchema,
  PreviewQuery,
  PreviewSchema,
} from '../schemas/mail.js'
import { writeContext } from './context.js'

const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef }

/** E-mail to customers (docs/MAIL.md): the outbox's log, retries, annual reminders, opt-out. Managers only. */
const mailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['mail']
  const access = MANAGERS
  app.get(
    '/api/mail/messages',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The outbox: every message queued, sent, failed or skipped, newest first',
        querystring: MessagesQuery,
        response: { 200: MessagesPage, ...errors },
      },
    },
    async (request) => ({
      ...(await app.mailService.history(request.query)),
      counts: await app.mailService.counts(),
    }),
  )
  app.post(
    '/api/mail/messages/:id/retry',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Queue a failed message again',
        params: IdParams,
        response: { 204: Type.Null(), 404: ErrorRef, 409: ErrorRef, ...errors },
      },
    },
    async (request, reply) => {
      await app.mailService.retry(writeContext(request), request.params.id)
      return reply.code(204).send(null)
    },
  )
  app.get(
    '/api/mail/reminders/due',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Customers due an annual cleaning reminder',
        response: { 200: DueRemindersSchema, ...errors },
      },
    },
    async () => app.mailService.dueReminders(),
  )
  app.get(
    '/api/mail/reminders/preview',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The reminder a due customer (the first one by default) would get; null when none is due',
        querystring: PreviewQuery,
        response: { 200: PreviewSchema, ...errors },
      },
    },
    async (request) => ({
      preview: (await app.mailService.previewReminder(request.query.customerId)) ?? null,
    }),
  )
  app.post(
    '/api/mail/reminders/send',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Queue a reminder for every customer due now',
        response: { 201: BatchSchema, ...errors },
      },
    },
    async (request, reply) => {
      const outcome = await app.mailService.sendReminders(writeContext(request))
      if (outcome.status !== 'queued') throw new Error('a manager batch has no slot to lose')
      const { batchId, queued, noUsableEmail } = outcome
      return reply.code(201).send({ batchId, queued, noUsableEmail })
    },
  )
  app.get(
    '/api/customers/:id/email',
    {
      config: { access },
      schema: {
        tags,
        summary: "A customer's e-mail address as used, and the opt-out flag",
        params: IdParams,
        response: { 200: PreferencesSchema, 404: ErrorRef, ...errors },
      },
    },
    async (request) => app.mailService.preferences(request.params.id),
  )
  app.put(
    '/api/customers/:id/email',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Opt a customer out of e-mail, or back in',
        params: IdParams,
        body: PreferencesBody,
        response: { 200: PreferencesSchema, 404: ErrorRef, ...errors },
      },
    },
    async (request) =>
      app.mailService.setOptOut(writeContext(request), request.params.id, request.body.optOut),
  )
}

export default mailRoutes
