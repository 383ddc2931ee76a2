import { built, defineErrors, fixed } from '../errors.js'

export const MailErrors = defineErrors('mail', {
  unsubscribeInvalid: fixed(
    400,
    'mail.unsubscribe_invalid',
    'This unsubscribe link is not valid: it was altered, cut short or not made by this shop',
  ),
  notFound: built(
    404,
    'mail.not_found',
    'No outgoing message has this id',
    (id: number) => `No message ${id}`,
  ),
  notFailed: built(
    409,
    'mail.not_failed',
    'Only a failed message can be retried',
    (id: number) => `Message ${id} has not failed: only a failed message can be retried`,
  ),
})
