import { firstValidEmail } from '../../../domain/email-address.js'

/**
 * Where the shop's e-mail to this customer goes (the first valid address of the field, or nowhere) and the
 * opt-out flag, which managers can switch (an unsubscribe link sets it too).
 */
export function EmailPreference(props: {
  customerId: number
  email: string | null
  optedOutAt: Date | null
  canWrite: boolean
}) {
  const usable = firstValidEmail(props.email)
  const optedOut = props.optedOutAt !== null
  return (
    <section aria-labelledby="email-heading">
      <h2 id="email-heading">E-mail</h2>
      <p>
        {'Sent to: '}
        <span id="email-sent-to">{usable ?? 'nobody (no valid address in the e-mail field)'}</span>
      </p>
      <p>
        {'Opted out: '}
        <span id="email-opt-out">
          {optedOut ? `yes, since ${props.optedOutAt?.toISOString().slice(0, 10)}` : 'no'}
        </span>
      </p>
      {props.canWrite && (
        <form method="post" action={`/customers/${props.customerId}/email-opt-out`} class="actions">
          <input type="hidden" name="optOut" value={optedOut ? 'false' : 'true'} />
          <button type="submit">{optedOut ? 'Send e-mail again' : 'Stop e-mail to this customer'}</button>
        </form>
      )}
    </section>
  )
}
