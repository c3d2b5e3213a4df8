// The journeys' servers: the app on each port given, on an in-memory database with demo data, and
// a stand-in for the council's identity provider on 127.0.0.1 (a port of its own) that both
// apps sign staff in through. Ends them all when it is told to end.
import { spawn, type ChildProcess } from 'node:child_process';
import { startStandInProvider } from '../../src/test/oidc-provider.ts';

const ports = process.argv.slice(2).map(Number);
const provider = await startStandInProvider({ redirectUris: ports.map((port) => `http://127.0.0.1:${port}/sign-in/oidc/callback`), askWho: true });
const servers: ChildProcess[] = ports.map((port) =>
  spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: String(port), OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret },
    stdio: ['ignore', 'inherit', 'inherit'],
  }),
);

let ending = false;
async function end(code: number): Promise<void> {
  if (ending) return;
  ending = true;
  for (const server of servers) server.kill('SIGTERM');
  await provider.close();
  process.exit(code);
}
process.on('SIGTERM', () => void end(0));
process.on('SIGINT', () => void end(0));
for (const server of servers) server.on('exit', (code) => void end(code ?? 1));
