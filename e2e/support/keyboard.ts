import { expect, type Page } from '@playwright/test';

/** Marks each Tab stop of the page (data-keyboard-stop) and returns them in order. */
const MARK_STOPS = `(() => {
  const selector = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
  const seenRadioGroups = new Set();
  const found = [];
  document.querySelectorAll(selector).forEach((element, index) => {
    const style = getComputedStyle(element);
    if (element.getClientRects().length === 0 || style.visibility === 'hidden') return;
    if (element.closest('[hidden], [inert]')) return;
    if (element instanceof HTMLInputElement && element.type === 'radio') {
      const group = (element.form ? element.form.id : '') + ':' + element.name;
      if (seenRadioGroups.has(group)) return;
      seenRadioGroups.add(group);
      element.dataset.keyboardStop = 'radio:' + group;
    } else {
      element.dataset.keyboardStop = 'stop-' + index;
    }
    found.push(element.dataset.keyboardStop);
  });
  if (document.activeElement) document.activeElement.blur();
  return found;
})()`;

/** The element with focus: its stop, and whether its focus can be seen. */
const FOCUSED = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const outlineShows = style.outlineStyle !== 'none' && style.outlineWidth !== '0px' && !/rgba\\(0, 0, 0, 0\\)|transparent/.test(style.outlineColor);
  const shadowShows = style.boxShadow !== 'none';
  const marked = element.dataset.keyboardStop !== undefined;
  return { stop: marked ? element.dataset.keyboardStop : element.tagName.toLowerCase() + '#' + element.id, marked, visible: outlineShows || shadowShows };
})()`;

/**
 * The page works by keyboard alone: pressing Tab from the top reaches every link, button and form
 * field in turn (a group of radios is one stop, as browsers make it), focus never sticks, and
 * each stop shows where focus is (GOV.UK Frontend's yellow focus state: a box-shadow or an
 * outline that is not transparent). WCAG 2.1.1 Keyboard, 2.1.2 No Keyboard Trap, 2.4.7 Focus Visible.
 */
export async function expectWorksByKeyboard(page: Page): Promise<void> {
  // The scripts run in the page; they are strings because this project's TypeScript has no DOM types.
  const stops = await page.evaluate<string[]>(MARK_STOPS);
  expect(stops.length, `no links, buttons or fields found on ${page.url()}`).toBeGreaterThan(0);

  const reached: string[] = [];
  const unmarked: string[] = [];
  for (let press = 0; press < stops.length + 3; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<{ stop: string; marked: boolean; visible: boolean } | null>(FOCUSED);
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
