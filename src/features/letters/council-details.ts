// What a council's letters say about it. The demo council has details of its own until an
// administrator saves them; any other council's letters that need a detail are refused until it is
// saved, rather than sent with another council's contacts.
import { z } from 'zod';
import type { CouncilDetailsValues } from './repository.ts';

export type CouncilDetails = CouncilDetailsValues;

/** The demo council's details (telephone numbers from Ofcom's range kept for drama: 0121 496 0xxx). */
export const DEMO_COUNCIL_DETAILS: CouncilDetails = {
  councilName: 'Demo City Council',
  sendTeamEmail: 'send@demo-city.example',
  iassName: 'Demo City SENDIASS',
  iassContact: 'call 0121 496 0123 or e-mail sendiass@demo-city.example',
  mediationService: 'Demo Mediation, 0121 496 0456, mediation@demo-mediation.example',
  disagreementResolutionService: 'Demo Resolve, 0121 496 0789, resolve@demo-resolve.example',
};

export const COUNCIL_DETAIL_LABELS: Record<keyof CouncilDetails, { label: string; hint: string }> = {
  councilName: { label: 'The council’s name, as it signs its letters', hint: 'For example, Demo City Council' },
  sendTeamEmail: { label: 'The SEND team’s e-mail address', hint: 'Given as the contact when a case has no named officer' },
  iassName: { label: 'Information, advice and support service (SENDIASS)', hint: 'Its name, as families know it' },
  iassContact: { label: 'How to contact SENDIASS', hint: 'Written to follow a colon: call 0121 496 0123 or e-mail sendiass@council.example' },
  mediationService: { label: 'Mediation service', hint: 'Its name and how to contact it' },
  disagreementResolutionService: { label: 'Disagreement resolution service', hint: 'Its name and how to contact it' },
};

const detail = (name: string, max = 300) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${name}`)
    .max(max, `${name[0]!.toUpperCase()}${name.slice(1)} must be ${max} characters or fewer`)
    .refine((value) => !/[\p{Cc}\p{Cf}]/u.test(value), `${name[0]!.toUpperCase()}${name.slice(1)} contains a character that is not allowed`)
    .refine((value) => !/<[A-Za-z/!?]/.test(value), `${name[0]!.toUpperCase()}${name.slice(1)} must be plain text, without HTML`);

export const councilDetailsSchema = z.object({
  councilName: detail('the council’s name', 120),
  sendTeamEmail: z.email('Enter the SEND team’s e-mail address, like send@council.example').max(200),
  iassName: detail('the name of the information, advice and support service', 200),
  iassContact: detail('how to contact the information, advice and support service'),
  mediationService: detail('the mediation service and how to contact it'),
  disagreementResolutionService: detail('the disagreement resolution service and how to contact it'),
});
