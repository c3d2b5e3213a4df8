// Signing in over HTTP as a browser does, for the benchmark and the soak: the sign-in page's CSRF
// cookie and token, then the form.

/** The CSRF cookie the sign-in page gives a browser before it signs in, and the form's token. */
export async function signInPageCookie(base: string): Promise<{ csrfCookie: string; token: string }> {
  const page = await fetch(`${base}/sign-in`);
  const csrfCookie = (page.headers.getSetCookie().find((cookie) => cookie.startsWith('casework_csrf=')) ?? '').split(';')[0]!;
  return { csrfCookie, token: /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]! };
}

/** A staff member's session cookie, signed in with their e-mail address and password. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const { csrfCookie, token } = await signInPageCookie(base);
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ email, password, _csrf: token }).toString(),
  });
  if (response.status !== 303) throw new Error(`Sign-in failed for ${email}: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .filter((cookie) => cookie!.startsWith('casework_session='))
    .join('; ');
}
