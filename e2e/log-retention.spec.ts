import { expect, test } from '@playwright/test';
import { DEMO_ADMIN, signInAs } from './support/sign-in.ts';

test.describe('how long the logs are kept', () => {
  test('an administrator reads each log’s months and sets how long the council keeps them, held to each one’s floor', async ({ page }) => {
    const users = await signInAs(page, DEMO_ADMIN);
    const auditLog = await users.navigation.auditLog();
    const retention = await auditLog.howLongTheLogsAreKept();
    await expect(retention.heading()).toHaveText('How long the logs are kept');
    await expect(retention.row('Audit log')).toContainText('7 years');
    await expect(retention.row('Audit log')).toContainText('The default');
    await expect(retention.row('Record views')).toContainText('3 years');
    await expect(retention.row('Lists shown')).toContainText(/\d+ months?: /);
    await expect(retention.row('Audit log')).toContainText(/Ready until [A-Z][a-z]+ \d{4}/);
    await retention.screenshot('log-retention', { fullPage: true });

    const tooShort = await retention.save({ 'Audit log': '5', 'Record views': 'three' });
    await expect(tooShort.errorSummary()).toContainText('The audit log must be kept for at least 6 years');
    await expect(tooShort.errorSummary()).toContainText('Years to keep the record views must be a whole number, like 3');
    await tooShort.screenshot('log-retention-errors', { fullPage: false });

    const saved = await tooShort.save({ 'Audit log': '8', 'Record views': '3' });
    await expect(saved.banner()).toContainText('Saved.');
    await expect(saved.row('Audit log')).toContainText('8 years');
    await expect(saved.row('Audit log')).toContainText('Set by your council');
  });
});
