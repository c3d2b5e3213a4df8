import { expect, type Page } from '@playwright/test';

/**
 * The page works by keyboard alone: pressing Tab from the top reaches every link, button and form
 * field in turn (a group of radios is one stop, as browsers make it), focus never sticks, and
 * each stop shows where focus is (GOV.UK Frontend's yellow focus state: a box-shadow or an
 * outline that is not transparent). WCAG 2.1.1 Keyboard, 2.1.2 No Keyboard Trap, 2.4.7 Focus Visible.
 */
export async function expectWorksByKeyboard(page: Page): Promise<void> {
  const stops = await page.evaluate(() => {
    const selector = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
    const seenRadioGroups = new Set<string>();
    const found: string[] = [];
    document.querySelectorAll<HTMLElement>(selector).forEach((element, index) => {
      const style = getComputedStyle(element);
      if (element.getClientRects().length === 0 || style.visibility === 'hidden') return;
      if (element.closest('[hidden], [inert]')) return;
      if (element instanceof HTMLInputElement && element.type === 'radio') {
        const group = `${element.form?.id ?? ''}:${element.name}`;
        if (seenRadioGroups.has(group)) return;
        seenRadioGroups.add(group);
        element.dataset.keyboardStop = `radio:${group}`;
      } else {
        element.dataset.keyboardStop = `stop-${index}`;
      }
      found.push(element.dataset.keyboardStop);
    });
    (document.activeElement as HTMLElement | null)?.blur();
    return found;
  });

  const reached: string[] = [];
  const unmarked: string[] = [];
  for (let press = 0; press < stops.length + 3; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return undefined;
      const style = getComputedStyle(element);
      const outlineShows = style.outlineStyle !== 'none' && style.outlineWidth !== '0px' && !/rgba\(0, 0, 0, 0\)|transparent/.test(style.outlineColor);
      const shadowShows = style.boxShadow !== 'none';
      return { stop: element.dataset.keyboardStop ?? `${element.tagName.toLowerCase()}#${element.id}`, marked: element.dataset.keyboardStop !== undefined, visible: outlineShows || shadowShows };
    });
    if (!focused) break;
    if (reached.includes(focused.stop)) break;
    reached.push(focused.stop);
    expect(focused.visible, `focus is not visible on ${focused.stop} of ${page.url()}`).toBe(true);
    if (!focused.marked) unmarked.push(focused.stop);
  }
  const missed = stops.filter((stop) => !reached.includes(stop));
  expect(missed, `not reached by Tab on ${page.url()}`).toEqual([]);
  expect(unmarked, `focus went somewhere unexpected on ${page.url()}`).toEqual([]);
}
