// How a young person gave an officer their choice whether their family sees their case on the
// portal (CFA 2014 s.67 and s.83(2): over compulsory school age, the choice is theirs). A choice
// made on the portal itself needs no channel: the young person made it there.

export const CHOICE_CHANNELS = {
  phone: 'by phone',
  meeting: 'at a meeting',
  email: 'by e-mail',
  letter: 'in a letter',
} as const;

export type ChoiceChannel = keyof typeof CHOICE_CHANNELS;

export function isChoiceChannel(value: unknown): value is ChoiceChannel {
  return typeof value === 'string' && Object.hasOwn(CHOICE_CHANNELS, value);
}
