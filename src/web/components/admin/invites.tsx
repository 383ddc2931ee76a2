import type { Role } from '../../../models/index.js'
import type { FormState } from '../../form.js'
import { Field } from '../field.js'
import { fmtTime } from '../manage/format.js'
import { ScrollBox } from '../manage/scroll.js'
import { AdminTabs, ROLE_WORDS, ROLES } from './users.js'

export interface InviteRow {
  id: number
  role: Role
  email: string | null
  expiresAt: Date
  usedAt: Date | null
  createdAt: Date
  createdBy: string | null
  usedBy: string | null
}

export type InviteField = 'role' | 'email' | 'days'
export const INVITE_LABELS = {
  role: 'Role',
  email: 'E-mail (optional, for your records)',
  days: 'Valid for (days)',
}

/** The link just made: shown once (only a digest is stored), with a copy button and a read-only field. */
function NewInvite({ link, role }: { link: string; role: Role }) {
  return (
    <section class="new-invite" aria-labelledby="new-invite-heading">
      <h2 id="new-invite-heading">{`Invite link for a new ${ROLE_WORDS[role].toLowerCase()}`}</h2>
      <p>
        Send this link to the person. It works once, and it is shown only now: copy it before leaving the
        page.
      </p>
      <label for="invite-link">Invite link</label>
      <div class="copy-row">
        <input id="invite-link" type="text" readOnly value={link} />
        {/* Shown by clipboard.js only where the clipboard can be used; the field above always works. */}
        <button type="button" class="secondary" data-copy="invite-link" hidden>
          Copy link
        </button>
      </div>
      <p class="hint" role="status" id="invite-link-status" />
    </section>
  )
}

function InviteState({ invite, now, timeZone }: { invite: InviteRow; now: Date; timeZone: string }) {
  if (invite.usedAt)
    return <span class="badge badge-used">{`used by ${invite.usedBy ?? 'a removed user'}`}</span>
  if (invite.expiresAt <= now) return <span class="badge badge-expired">expired</span>
  return <span class="badge badge-pending">{`open until ${fmtTime(invite.expiresAt, timeZone)}`}</span>
}

export interface InvitesPageProps {
  invites: InviteRow[]
  state: FormState<InviteField>
  created?: { link: string; role: Role } | undefined
  timeZone: string
}

export function InvitesPage({ invites, state, created, timeZone }: InvitesPageProps) {
  const now = new Date()
  const roleError = state.errors.role
  return (
    <section>
      <h1>Admin: invites</h1>
      <AdminTabs current="invites" />
      {created && <NewInvite link={created.link} role={created.role} />}
      <h2>New invite</h2>
      <form method="post" action="/admin/invites" novalidate class="narrow">
        {state.errors.form && (
          <p class="error-message" role="alert">
            {state.errors.form}
          </p>
        )}
        <div class={roleError ? 'field field-error' : 'field'}>
          <label for="f-role">{INVITE_LABELS.role}</label>
          {roleError && (
            <p class="error-message" id="f-role-error">
              {roleError}
            </p>
          )}
          <select id="f-role" name="role" aria-describedby={roleError ? 'f-role-error' : undefined}>
            {ROLES.map((role) => (
              <option value={role} selected={role === (state.values.role ?? 'staff')}>
                {ROLE_WORDS[role]}
              </option>
            ))}
          </select>
        </div>
        <Field name="email" label={INVITE_LABELS.email} type="email" state={state} autocomplete="off" />
        <Field name="days" label={INVITE_LABELS.days} hint="1 to 90" inputMode="numeric" state={state} />
        <button type="submit">Create invite</button>
      </form>
      <ScrollBox label="Recent invites">
        <table id="invites" class="stack">
          <caption>Recent invites</caption>
          <thead>
            <tr>
              <th scope="col">Made</th>
              <th scope="col">Role</th>
              <th scope="col">E-mail</th>
              <th scope="col">By</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {invites.length === 0 && (
              <tr>
                <td colSpan={6}>No invites yet.</td>
              </tr>
            )}
            {invites.map((invite) => (
              <tr id={`invite-${invite.id}`}>
                <td>{fmtTime(invite.createdAt, timeZone)}</td>
                <td data-label="Role">{ROLE_WORDS[invite.role]}</td>
                <td data-label="E-mail">{invite.email ?? '–'}</td>
                <td data-label="By">{invite.createdBy ?? '–'}</td>
                <td>
                  <InviteState invite={invite} now={now} timeZone={timeZone} />
                </td>
                <td>
                  {!invite.usedAt && (
                    <form
                      method="post"
                      action={`/admin/invites/${invite.id}/revoke`}
                      class="inline"
                      data-confirm="Revoke this invite? Its link stops working."
                    >
                      <button type="submit" class="danger">
                        Revoke
                        <span class="visually-hidden">{` the invite made ${fmtTime(invite.createdAt, timeZone)}`}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  )
}
