import { expect, type Page } from '@playwright/test';
import type { MyCasesPage } from '../pages/my-cases.ts';
import { SignInPage } from '../pages/sign-in.ts';

export const DEMO_OFFICER = { email: 'officer@send-demo.example', password: 'Kestrel-demo-2026', name: 'Amira Khan' };
export const DEMO_MANAGER = { email: 'manager@send-demo.example', password: 'Heron-demo-2026', name: 'Tom Whitfield' };
/** Only the change-password journey signs in as the administrator, and it puts the password back. */
export const DEMO_ADMIN = { email: 'admin@send-demo.example', password: 'Osprey-demo-2026', name: 'Grace Adeyemi' };

/** Signs in from the sign-in page, and returns the page it leads to: My cases. */
export async function signInAs(page: Page, account: { email: string; password: string }): Promise<MyCasesPage> {
  const signInPage = await SignInPage.open(page);
  const myCases = await signInPage.signIn(account.email, account.password);
  await expect(myCases.navigation.signOutButton()).toBeVisible();
  return myCases;
}
