import { defineErrors, fixed } from '../errors.js'

// What a signed-in user is told about their own account ("My account" page).
export const AccountErrors = defineErrors('account', {
  wrongPassword: fixed(400, 'account.wrong_password', 'That is not your current password'),
})
