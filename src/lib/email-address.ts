import { z } from 'zod';

const emailAddress = z.email();

/** Whether a trimmed value is an e-mail address a message can go to (at most 320 characters, RFC 5321). */
export function isEmailAddress(value: string): boolean {
  return value.length <= 320 && emailAddress.safeParse(value).success;
}

export const EMAIL_FORMAT_MESSAGE = 'Enter an e-mail address in the right format, like name@example.org';
