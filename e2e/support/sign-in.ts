import { expect, type Page } from '@playwright/test';
import { ServicePage } from '../pages/service-page.ts';

export const DEMO_OFFICER = { email: 'officer@send-demo.example', password: 'Officer-demo-2026', name: 'Amira Khan' };
export const DEMO_MANAGER = { email: 'manager@send-demo.example', password: 'Manager-demo-2026', name: 'Tom Whitfield' };

export class SignInPage extends ServicePage {
  async open(): Promise<this> {
    return this.goto('/sign-in');
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('E-mail address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.checkAccessibility();
  }
}

export async function signInAs(page: Page, account: { email: string; password: string }): Promise<void> {
  const signInPage = await new SignInPage(page).open();
  await signInPage.signIn(account.email, account.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}
