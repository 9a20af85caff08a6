import { CommonError, err, invalidArgument, ok, Result } from '@chargex/common';

import { ProfileInput } from '../types';
import { displayNameProblem, emailProblem, phoneProblem } from './text_formats';

/**
 * Checks a profile input. Email is compared case-insensitively everywhere, so its domain part is stored lower
 * case; nothing else is rewritten: a value that needs fixing is refused with the reason.
 */
export function validateProfileInput(input: ProfileInput): Result<ProfileInput, CommonError> {
  const nameProblem = displayNameProblem(input.display_name);
  if (nameProblem !== undefined) {
    return err(invalidArgument('display_name', nameProblem));
  }
  const email = input.email[0];
  const mailProblem = email === undefined ? undefined : emailProblem(email);
  if (mailProblem !== undefined) {
    return err(invalidArgument('email', mailProblem));
  }
  const phone = input.phone[0];
  const phoneIssue = phone === undefined ? undefined : phoneProblem(phone);
  if (phoneIssue !== undefined) {
    return err(invalidArgument('phone', phoneIssue));
  }
  return ok({ ...input, email: email === undefined ? [] : [lowerCaseDomain(email)] });
}

function lowerCaseDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return email.slice(0, at + 1) + email.slice(at + 1).toLowerCase();
}
