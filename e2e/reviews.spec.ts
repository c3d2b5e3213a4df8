import { expect, test } from '@playwright/test';
import { ReviewsDuePage } from './pages/reviews-due.ts';
import { ServiceReviewsPage } from './pages/service-reviews.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_MANAGER, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

const today = () => datePartsOf(new Date());
const daysFromNow = (days: number) => datePartsOf(new Date(Date.now() + days * 24 * 60 * 60 * 1000));

test.describe('annual reviews', () => {
  // Each journey visits a dozen pages, each checked with axe.
  test.slow();

  test('an officer arranges a review, records it held and its report, and decides to keep the plan', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const due = await ReviewsDuePage.open(page);
    await expect(due.row('Emeka Reviewready')).toContainText('Not arranged');
    let reviews = await due.openReviewsOf('Emeka Reviewready');

    // A meeting in the past: refused, nothing saved (SEND Regs 2014 reg. 20(4)).
    let arrange = await reviews.arrange();
    await arrange.enter({ meetingOn: daysFromNow(-3), headTeacherHolds: true, invitee: { role: 'Someone from health services', name: 'Dr Priya Raman', email: 'priya.raman@nhs.example' } });
    arrange = await arrange.arrangeRefused();
    await expect(arrange.errorSummary()).toContainText('invitations cannot go for a meeting in the past');
    await page.screenshot({ path: 'test-results/e2e/reviews-arrange-refused.png', fullPage: true });

    // Called at short notice, today, with its reason.
    await arrange.enter({ meetingOn: today(), shortNoticeReason: 'The family asked to meet before the end of term' });
    reviews = await arrange.arrange();
    await expect(reviews.savedBanner()).toContainText('Review arranged: the invitations are sent.');
    await expect(reviews.reviews().first()).toContainText('Meeting arranged');

    let step = await reviews.record('Record the child’s and family’s views');
    await step.enterViews({ child: 'I want to keep my helper at lunch.', family: 'Reading has come on well this year.' });
    reviews = await step.save();
    await expect(reviews.reviews().first()).toContainText('I want to keep my helper at lunch.');

    step = await reviews.record('Record the meeting held');
    await step.enterHeld(today());
    reviews = await step.save();
    await expect(reviews.savedBanner()).toContainText('The meeting is recorded as held.');

    step = await reviews.record('Record the review report');
    await step.enterReport({ receivedOn: today(), summary: 'Keep the plan as it is.' });
    reviews = await step.save();
    await expect(reviews.reviews().first()).toContainText('Report received');

    step = await reviews.record('Record the decision');
    await step.enterDecision({ decidedOn: today(), reasons: '' });
    step = await step.saveRefused();
    await expect(step.errorSummary()).toContainText('Select the decision');
    await step.enterDecision({ decision: 'Keep the plan as it is', reasons: 'The plan still describes Emeka’s needs and the provision that meets them.' });
    reviews = await step.save();
    await expect(reviews.savedBanner()).toContainText('The decision is recorded and the notice sent.');
    await expect(reviews.reviews().first()).toContainText('Keep the plan as it is');
    await page.screenshot({ path: 'test-results/e2e/reviews-decided.png', fullPage: true });
  });

  test('an officer invites a school’s pupils due for review together, and a manager sees them by school', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const due = await ReviewsDuePage.open(page);
    let school = await due.openSchoolOf('Ada Reviewready');
    await expect(school.pupils().filter({ hasText: 'Reviewready' })).not.toHaveCount(0);

    await school.enter({ firstMeetingOn: daysFromNow(-1), perDay: '2', contactName: 'Ms Rachel Green, SENCo', contactEmail: 'senco@school.example' });
    school = await school.invite();
    await expect(school.errorSummary()).toContainText('invitations cannot go for a meeting in the past');

    await school.enter({ firstMeetingOn: daysFromNow(21) });
    school = await school.invite();
    await expect(school.banner()).toContainText(/\d+ reviews? arranged: each family is invited/);
    await page.screenshot({ path: 'test-results/e2e/reviews-school-invited.png', fullPage: true });

    await school.navigation.signOut();
    await signInAs(page, DEMO_MANAGER);
    const service = await ServiceReviewsPage.open(page);
    await expect(service.heading()).toHaveText('Annual reviews across the service');
    await expect(service.groups().first()).toBeVisible();
    await ServiceReviewsPage.open(page, '?group=month');
    await ServiceReviewsPage.open(page, '?group=officer');
    await page.screenshot({ path: 'test-results/e2e/reviews-service.png', fullPage: true });
  });
});
