import type { Role } from '../../../models/index.js'
import type { PublicUser } from '../../../services/users.js'
import { fmtTime } from '../manage/format.js'
import { ScrollBox } from '../manage/scroll.js'

export const ROLES: readonly Role[] = ['staff', 'manager', 'admin']
export const ROLE_WORDS: Record<Role, string> = {
  staff: 'Staff (shop floor)',
  manager: 'Manager',
  admin: 'Admin',
}

/** The three admin pages' own navigation. */
export function AdminTabs({ current }: { current: 'users' | 'invites' | 'audit' }) {
  const tabs = [
    { key: 'users', href: '/admin', label: 'Users' },
    { key: 'invites', href: '/admin/invites', label: 'Invites' },
    { key: 'audit', href: '/admin/audit', label: 'Audit log' },
  ] as const
  return (
    <nav aria-label="Admin sections" class="tabs">
      <ul>
        {tabs.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.key === current ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function UserActions({ user }: { user: PublicUser }) {
  const roleId = `role-${user.id}`
  return (
    <div class="row-actions">
      <form method="post" action={`/admin/users/${user.id}/role`} class="inline-form">
        <label for={roleId} class="visually-hidden">{`Role of ${user.username}`}</label>
        <select id={roleId} name="role">
          {ROLES.map((role) => (
            <option value={role} selected={role === user.role}>
              {ROLE_WORDS[role]}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          Change role<span class="visually-hidden">{` of ${user.username}`}</span>
        </button>
      </form>
      <form
        method="post"
        action={`/admin/users/${user.id}/active`}
        class="inline-form"
        data-confirm={
          user.active
            ? `Deactivate ${user.username}? They are signed out at once and cannot sign in.`
            : undefined
        }
      >
        <input type="hidden" name="active" value={user.active ? 'false' : 'true'} />
        <button type="submit" class={user.active ? 'danger' : 'secondary'}>
          {user.active ? 'Deactivate' : 'Reactivate'}
          <span class="visually-hidden">{` ${user.username}`}</span>
        </button>
      </form>
    </div>
  )
}

/** Every account, with a role change and (de)activation; the admin's own row has no actions. */
export function UsersPage({ users, me, timeZone }: { users: PublicUser[]; me: number; timeZone: string }) {
  return (
    <section>
      <h1>Admin: users</h1>
      <AdminTabs current="users" />
      <p class="hint">
        A new person gets an account through an <a href="/admin/invites">invite</a>. Deactivating someone
        signs them out everywhere at once.
      </p>
      <ScrollBox label="Users">
        <table id="users" class="stack">
          <caption>{`Users (${users.length})`}</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr id={`user-${user.id}`}>
                <th scope="row">{user.username}</th>
                <td data-label="E-mail">{user.email ?? '–'}</td>
                <td data-label="Role">{ROLE_WORDS[user.role]}</td>
                <td data-label="State">
                  <span class={user.active ? 'badge badge-active' : 'badge badge-inactive'}>
                    {user.active ? 'active' : 'deactivated'}
                  </span>
                </td>
                <td data-label="Last sign-in">{fmtTime(user.lastLoginAt, timeZone)}</td>
                <td>
                  {user.id === me ? (
                    <span class="hint">you (change in another admin's session)</span>
                  ) : (
                    <UserActions user={user} />
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
