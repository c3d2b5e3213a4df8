import { expect, type Page } from '@playwright/test';
import { totpCodeAt } from '../../src/lib/totp.ts';
import { FiguresPage } from '../pages/figures.ts';
import { MyCasesPage } from '../pages/my-cases.ts';
import type { ServicePage } from '../pages/service-page.ts';
import { SignInPage, type HomePage } from '../pages/sign-in.ts';
import type { StaffNavigation } from '../pages/staff-navigation.ts';
import { TeamPage } from '../pages/team.ts';
import { UsersPage } from '../pages/users.ts';

/** A demo account, and the page its role starts on. */
export interface DemoAccount<T extends ServicePage> {
  email: string;
  password: string;
  name: string;
  home: HomePage<T>;
}

export const DEMO_OFFICER = { email: 'officer@send-demo.example', password: 'Kestrel-demo-2026', name: 'Amira Khan', home: MyCasesPage } satisfies DemoAccount<MyCasesPage>;
export const DEMO_MANAGER = { email: 'manager@send-demo.example', password: 'Heron-demo-2026', name: 'Tom Whitfield', home: TeamPage } satisfies DemoAccount<TeamPage>;
/** The administrator's password is changed only by the change-password journey, which puts it back. */
export const DEMO_ADMIN = { email: 'admin@send-demo.example', password: 'Osprey-demo-2026', name: 'Grace Adeyemi', home: UsersPage } satisfies DemoAccount<UsersPage>;
export const DEMO_BOARD = { email: 'board@send-demo.example', password: 'Curlew-demo-2026', name: 'Ruth Okonkwo', home: FiguresPage } satisfies DemoAccount<FiguresPage>;

/**
 * Signs in an account new to the second factor: sets up the authenticator app from the key shown
 * for people who cannot scan, with a code made as the app would (otplib), and carries on past the
 * recovery codes. The home, and what the person's app and paper now hold.
 */
export async function signInSettingUpApp<T extends ServicePage & { navigation: StaffNavigation }>(page: Page, account: DemoAccount<T>): Promise<{ home: T; secret: string; recoveryCodes: string[] }> {
  const setUp = await (await SignInPage.open(page)).signInToSetUp(account.email, account.password);
  const secret = await setUp.key();
  const codes = await setUp.confirm(await totpCodeAt(secret, new Date()));
  const recoveryCodes = await codes.codes();
  const home = await codes.carryOn(account.home);
  await expect(home.navigation.signOutButton()).toBeVisible();
  return { home, secret, recoveryCodes };
}

/** Signs in from the sign-in page, and returns the page it leads to: the account's home. */
export async function signInAs<T extends ServicePage & { navigation: StaffNavigation }>(page: Page, account: DemoAccount<T>): Promise<T> {
  const signInPage = await SignInPage.open(page);
  const home = await signInPage.signIn(account.email, account.password, account.home);
  await expect(home.navigation.signOutButton()).toBeVisible();
  return home;
}
